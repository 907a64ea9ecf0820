"""Export a patient's whole record as one JSON document, and import it back (validated first).

The document is ``PatientRecordDocument``: patient, regimen versions, events, saved plans and
the audit trail. Import checks the whole document before touching the database, refuses an
identifier that already exists (nothing is merged or overwritten) and writes everything in one
transaction: the patient arrives complete or not at all. The imported audit entries are appended
as they were, followed by one ``import`` entry for this import.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mps_pain import __version__
from mps_pain.errors import DocumentFormatError, InputError
from mps_pain.persistence.models import utc_now
from mps_pain.persistence.records import PatientRecordDocument, StoredPatient
from mps_pain.persistence.repository import PatientRepository, stored_patient

if TYPE_CHECKING:
    from mps_pain.services.patient_service import PatientService

__all__ = ["export_document", "import_document", "parse_record_document"]


def export_document(service: PatientService, identifier: str) -> PatientRecordDocument:
    with service.database.reading() as session:
        repo = PatientRepository(session)
        row = repo.get(identifier)
        return PatientRecordDocument(
            exported_at=utc_now(),
            app_version=__version__,
            patient=stored_patient(row).info,
            regimen_versions=[
                r.model_copy(update={"id": None}) for r in repo.regimen_versions(row)
            ],
            events=[e.model_copy(update={"id": None}) for e in repo.events(row)],
            plans=[p.model_copy(update={"id": None}) for p in repo.plans(row)],
            audit=repo.audit(identifier),
        )


def parse_record_document(
    data: PatientRecordDocument | dict[str, Any] | str,
) -> PatientRecordDocument:
    """Validate an import document; ``DocumentFormatError`` names the first bad field."""
    if isinstance(data, PatientRecordDocument):
        return data
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as err:
            raise DocumentFormatError(
                f"not JSON: {err.msg} at line {err.lineno} column {err.colno}"
            ) from None
    if not isinstance(data, dict):
        raise DocumentFormatError("a patient record document is a JSON object")
    try:
        return PatientRecordDocument.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or None
        more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
        raise DocumentFormatError(
            f"{first['msg']}{more}; nothing was imported", location=where
        ) from None


def import_document(
    service: PatientService,
    data: PatientRecordDocument | dict[str, Any] | str,
    *,
    as_identifier: str | None = None,
) -> StoredPatient:
    document = parse_record_document(data)
    info = document.patient
    if as_identifier:
        info = info.model_copy(update={"identifier": as_identifier})
    with service._write() as repo:
        if repo.find(info.identifier) is not None:
            raise InputError(
                f"a patient '{info.identifier}' already exists; nothing was imported "
                "(import under another identifier with --as NEW_ID)",
                location="patient.identifier",
            )
        row = repo.add_patient(info)
        for version in document.regimen_versions:
            version_row = repo.add_regimen_version(row, version)
            service._cache_ome(version_row, version.regimen)
        for event in document.events:
            repo.add_event(row, event)
        for plan in document.plans:
            repo.add_plan(row, plan)
        for entry in document.audit:
            repo.append_audit(entry, patient_identifier=info.identifier)
        service._audit(
            repo,
            "import",
            "patient",
            info.identifier,
            patient=info.identifier,
            after={
                "from_app_version": document.app_version,
                "exported_at": document.exported_at.isoformat(),
                "regimen_versions": len(document.regimen_versions),
                "events": len(document.events),
                "plans": len(document.plans),
            },
        )
        repo.session.flush()
        return stored_patient(row)
