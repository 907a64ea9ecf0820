"""Export a patient's whole record as one JSON document, and import it back (validated first).

The document is ``PatientRecordDocument``: patient, regimen versions, events, saved plans and
the audit trail. Import checks the whole document before touching the database, refuses an
identifier that already exists (nothing is merged or overwritten) and writes everything in one
transaction: the patient arrives complete or not at all. The file's audit entries are stored as
*imported* history (``origin`` 'imported', with the export they came from as ``source``), apart
from this database's own trail, followed by one local ``import`` entry for this import.

The JSON is read by ``strict_load``, the reader of every other document (one boundary): a key
given twice, ``NaN``/``Infinity``, an integer of more than 18 digits or nesting deeper than the
record allows is refused, naming the problem. A document handed in already parsed gets the same
checks (``check_parsed``).
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import ValidationError

from mps_pain import __version__
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import DocumentFormatError, InputError, UnvouchedRecordError
from mps_pain.persistence.identifiers import clean_identifier
from mps_pain.persistence.records import (
    JSON_MAX_DEPTH,
    AuditEntry,
    PatientRecordDocument,
    StoredPatient,
    utc_now,
)
from mps_pain.persistence.unit_of_work import OmeCache, UnitOfWork
from mps_pain.sentences import then
from mps_pain.services.record_errors import record_document_error
from mps_pain.services.record_history import NOTHING_IMPORTED, refuse_missing_rows
from mps_pain.services.record_integrity import record_problems
from mps_pain.strict_load import check_parsed, loads_json, too_deep
from mps_pain.validation import (
    NOT_TEXT,
    document_keys,
    lone_surrogate_at,
    refuse_other_document,
)

__all__ = [
    "RecordKeeper",
    "export_document",
    "import_document",
    "load_json",
    "parse_record_document",
]

_SOURCE_MAX = 500
RECORD_MAX_DEPTH = JSON_MAX_DEPTH + 3
_DOCUMENT = "the record document"  # how refusals name an import document


class RecordKeeper(Protocol):
    """What export and import need of ``PatientService``: its records, the OME cache of a
    regimen and a local audit entry by its user (a protocol, so this module does not import the
    service that imports it)."""

    records: UnitOfWork

    def ome_cache(
        self, regimen: RegimenDocument, *, where: str = ..., unsaved: str = ...
    ) -> OmeCache: ...

    def audit_entry(
        self, action: str, entity: str, key: str, *, before: Any = None, after: Any = None
    ) -> AuditEntry: ...


def export_document(service: RecordKeeper, identifier: str) -> PatientRecordDocument:
    """Local and imported history both go out, each marked with its origin.

    A record that ``patients verify`` cannot vouch for (a row changed outside mps-pain, a broken
    audit trail) is refused, as a row that no longer validates is: an export would carry the
    edit into a database where it verifies as intact (fuzz review 3, D9; docs/records.md)."""
    with service.records.reading() as repo:  # a row that no longer validates is named first
        document = PatientRecordDocument(
            exported_at=utc_now(),
            app_version=__version__,
            patient=repo.get_patient(identifier).info,
            regimen_versions=[
                r.model_copy(update={"id": None}) for r in repo.regimen_versions(identifier)
            ],
            events=[e.model_copy(update={"id": None}) for e in repo.events(identifier)],
            plans=[p.model_copy(update={"id": None}) for p in repo.plans(identifier)],
            audit=repo.audit(identifier, "imported") + repo.audit(identifier, "local"),
        )
    problems = record_problems(service.records, identifier)
    if problems:
        first = problems[0]
        raise UnvouchedRecordError(
            identifier=identifier,
            kind=first.kind,
            row_id=first.row_id,
            field=first.field,
            problem=first.problem,
        )
    return document


def load_json(text: str) -> Any:
    """A record document's text, read by the same strict reader as every other document.

    The only difference is the depth: free-form plan and audit JSON may nest JSON_MAX_DEPTH
    levels below the record's own three (document, list, entry).
    """
    return loads_json(text, origin=_DOCUMENT, max_depth=RECORD_MAX_DEPTH)


def parse_record_document(
    data: PatientRecordDocument | dict[str, Any] | str,
) -> PatientRecordDocument:
    """Validate an import document; ``DocumentFormatError`` names the first bad field."""
    if isinstance(data, PatientRecordDocument):
        return data
    if isinstance(data, str):
        data = load_json(data)
    else:  # already parsed by a caller: the same boundary checks as text
        check_parsed(data, origin=_DOCUMENT, max_depth=RECORD_MAX_DEPTH)
    if not isinstance(data, dict):
        raise DocumentFormatError("a patient record document is a JSON object")
    bad = lone_surrogate_at(data)  # outside fuzz review 4, C2: every text, not only the typed
    if bad is not None:
        field = ".".join(map(str, bad)) or None
        raise DocumentFormatError(f"{NOT_TEXT}; nothing was imported", location=field)
    try:
        document = PatientRecordDocument.model_validate(data)
    except RecursionError:
        raise DocumentFormatError(too_deep(_DOCUMENT, RECORD_MAX_DEPTH)) from None
    except ValidationError as err:  # coded and located; the edges word it
        _refuse_other_document(data)
        raise record_document_error(err) from None
    refuse_missing_rows(document)
    return document


def _refuse_other_document(data: dict[Any, Any]) -> None:
    """Another of the program's documents (a regimen, a FHIR file …) is named as what it is,
    with the command that reads it, not by the record fields it lacks (fuzz review 19, D6)."""
    try:
        refuse_other_document(data, document_keys(PatientRecordDocument))
    except DocumentFormatError as exc:
        said = then(exc.message, NOTHING_IMPORTED)
        raise DocumentFormatError(
            said, reason="another-document", context={**exc.context, "said": exc.message}
        ) from None


def _as_imported(entry: AuditEntry, document: PatientRecordDocument) -> AuditEntry:
    source = entry.source or (
        f"file exported {document.exported_at:%Y-%m-%d %H:%M:%S} UTC by mps-pain "
        f"{document.app_version}"
    )
    return entry.model_copy(update={"origin": "imported", "source": source[:_SOURCE_MAX]})


def import_document(
    service: RecordKeeper,
    data: PatientRecordDocument | dict[str, Any] | str,
    *,
    as_identifier: str | None = None,
) -> StoredPatient:
    document = parse_record_document(data)
    refuse_missing_rows(document)  # also of a document handed in already validated
    info = document.patient
    if as_identifier is not None:
        try:
            info = info.model_copy(update={"identifier": clean_identifier(as_identifier)})
        except ValueError as err:
            raise InputError(str(err), location="--as") from None
    identifier = info.identifier
    caches = [  # every regimen as `mme` reads it, before the database is touched
        service.ome_cache(
            v.regimen, where=f"regimen_versions.{i}.regimen", unsaved="nothing was imported"
        )
        for i, v in enumerate(document.regimen_versions)
    ]
    with service.records.writing() as repo:
        if repo.find_patient(identifier) is not None:
            raise InputError(
                f"a patient '{identifier}' already exists; nothing was imported "
                "(import under another identifier with --as NEW_ID)",
                location="patient.identifier",
            )
        repo.add_patient(info)
        for version, cache in zip(document.regimen_versions, caches, strict=True):
            repo.add_regimen_version(identifier, version, cache)
        for event in document.events:
            repo.add_event(identifier, event)
        for plan in document.plans:
            repo.add_plan(identifier, plan)
        for entry in document.audit:
            repo.append_audit(_as_imported(entry, document), patient_identifier=identifier)
        summary = {
            "from_app_version": document.app_version,
            "exported_at": document.exported_at.isoformat(),
            "regimen_versions": len(document.regimen_versions),
            "events": len(document.events),
            "plans": len(document.plans),
            "imported_audit_entries": len(document.audit),
        }
        repo.append_audit(
            service.audit_entry("import", "patient", identifier, after=summary),
            patient_identifier=identifier,
        )
        return repo.saved(identifier)
