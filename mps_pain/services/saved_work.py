"""Saving the work of the workstation to a patient's record, in one transaction.

One save stores what the clinician chose together: a new patient (only once every question is
answered, so a cancelled save leaves nothing behind), the regimen as a new version (only when
it differs from the record's latest one), and a plan or check with its question. The record is
marked saved once for the lot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from mps_pain import __version__
from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.errors import InputError
from mps_pain.persistence.records import (
    PatientInfo,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
    utc_now,
)
from mps_pain.services._record_support import (
    apply_saved,
    ensure_new_patient,
    jsonable,
    table_in,
    validate_record,
)

if TYPE_CHECKING:
    from mps_pain.persistence.records import AuditEntry
    from mps_pain.persistence.unit_of_work import OmeCache, RecordsRepository, UnitOfWork
    from mps_pain.tables.index import TableIndex, TableRef

__all__ = [
    "PlanToSave",
    "SavedWork",
    "latest_regimen",
    "new_record_info",
    "newer_regimen",
    "plan_record",
    "same_regimen",
    "save_work",
]


class RecordsService(Protocol):
    """What a save uses of ``PatientService`` (named here so the modules do not import each
    other)."""

    user: str
    records: UnitOfWork

    @property
    def tables(self) -> TableIndex: ...

    def audit_entry(
        self, action: str, entity: str, key: str, *, before: Any = None, after: Any = None
    ) -> AuditEntry: ...

    def ome_cache(
        self, regimen: RegimenDocument, *, where: str = ..., unsaved: str = ...
    ) -> OmeCache: ...


@dataclass(frozen=True, slots=True)
class PlanToSave:
    """A plan or check (``kind`` 'plan' or 'check') with the question it answers."""

    kind: str
    title: str
    inputs: BaseModel | dict[str, Any]
    outputs: BaseModel | dict[str, Any]


@dataclass(frozen=True, slots=True)
class SavedWork:
    """What one save wrote: the patient as it now stands, whether a new regimen version was
    added (False when the regimen equals the record's latest), and the stored plan (None, with
    ``plan_held``, when the record held that applied plan already)."""

    patient: StoredPatient
    regimen_added: bool
    plan: SavedPlan | None
    plan_held: bool = False


def _clinical(document: RegimenDocument) -> dict[str, Any]:
    """A regimen as it matters for a version: everything but the display title and the name
    the patient is shown by (those follow the record, not the treatment)."""
    data = document.model_dump(mode="json", exclude={"title"})
    data["patient"].pop("identifier", None)
    return data


def same_regimen(a: RegimenDocument, b: RegimenDocument) -> bool:
    """True when ``b`` would record nothing new after ``a``: the same rows, set, PRN rule,
    market, note and patient context."""
    return _clinical(a) == _clinical(b)


def plan_record(
    service: RecordsService,
    plan: PlanToSave,
    *,
    table: TableRef | None = None,
    table_id: str | None = None,
) -> SavedPlan:
    """The stored form of a plan: inputs and outputs as JSON, the table id/version/SHA-256
    used (``table``, else the ``table`` inside the outputs, else ``table_id`` loaded now)."""
    inputs_json = jsonable(plan.inputs)
    outputs_json = jsonable(plan.outputs)
    ref = table or table_in(outputs_json)
    if ref is None:
        if not table_id:
            raise InputError("say which table the plan used", location="table_id")
        ref = service.tables.ref(table_id)
    return validate_record(
        SavedPlan,
        {
            "kind": plan.kind,
            "title": plan.title,
            "inputs": inputs_json,
            "outputs": outputs_json,
            "table_id": ref.id,
            "table_version": ref.version,
            "table_sha256": ref.sha256,
            "app_version": __version__,
            "created_at": utc_now(),
            "created_by": service.user,
        },
    )


def latest_regimen(versions: list[RegimenVersion]) -> RegimenVersion | None:
    """The record's current regimen: the latest effective version (ties: the last stored)."""
    return max(versions, key=lambda v: (v.effective_from, v.id or 0), default=None)


def newer_regimen(versions: list[RegimenVersion], base_id: int | None) -> RegimenVersion | None:
    """The record's current version when it is not ``base_id``, the version an editor was
    loaded from or last saved (None: the editor holds the current one). Saving an editor based
    on an older version would silently undo the change recorded since (clinician review 5)."""
    latest = latest_regimen(versions)
    if latest is None or base_id is None or latest.id == base_id:
        return None  # no base known: nothing can be said about the editor's regimen
    return latest


def new_record_info(
    identifier: str, header: Patient | None, opened_from: str | None = None
) -> PatientInfo:
    """A new patient record created from a regimen's header. Its details (age, kidneys,
    frailty… feed the rules) are kept, not left "not stated", only when the header is this
    patient's: it names no one (typed for the patient being created) or names ``identifier``.
    A header naming someone else (an opened example's title, the previous record) is that
    patient's: the new record starts with no details (clinician re-check 14b, #1: MRN-9402 took
    the Takamatsu example's age 31 and "cancer: yes"). Its name is never taken (clinician
    review 11, #2: MRN-2004 named "MRN-2003"). ``opened_from``: the record whose regimen the
    editor holds; its details are that patient's, whatever the header names."""
    named = (header.identifier or "").strip() if header is not None else ""
    theirs = (opened_from or "").strip() not in ("", identifier.strip())
    if header is None or theirs or (named and named.casefold() != identifier.strip().casefold()):
        return PatientInfo(identifier=identifier)
    context = header.model_copy(update={"identifier": None})
    return PatientInfo(identifier=identifier, display_name=None, context=context)


def _regimen_is_new(repo: RecordsRepository, identifier: str, regimen: RegimenDocument) -> bool:
    latest = latest_regimen(repo.regimen_versions(identifier))
    return latest is None or not same_regimen(latest.regimen, regimen)


def save_work(
    service: RecordsService,
    identifier: str,
    *,
    regimen: RegimenDocument | None,
    plan: PlanToSave | None,
    reason: str,
    effective_from: datetime,
    create: PatientInfo | None = None,
    expected_version: int | None = None,
    before: RegimenDocument | None = None,
) -> SavedWork:
    """Store the work in ``identifier``'s record (created first when ``create`` is given).

    ``before``: the regimen a switching plan applied to ``regimen`` was made from (clinician
    review 19, L5: a new patient first saved after Apply kept only the applied regimen, the one
    the patient was on lost). It is stored first, as its own version at the same time, when
    the record's latest regimen is not it; then the applied regimen. Only the first save of
    that Apply does so (clinician re-check 20b, N10: each later save added the regimen before
    again, a duplicate applied one and a duplicate plan, as if the patient went back on it):
    once the record holds the applied plan, a later save stores neither the regimen before nor
    the plan again, and the regimen only when it changed since."""
    version = _version(service, regimen, reason, effective_from)
    earlier = _version(service, before if regimen is not None else None, BEFORE, effective_from)
    stored_plan = plan_record(service, plan) if plan is not None else None
    with service.records.writing() as repo:
        if create is not None:
            ensure_new_patient(repo, create.identifier)
            repo.add_patient(create)
            _audit(service, repo, "create", "patient", identifier, create)
        else:
            repo.touch(identifier, expected_version)
        held = (
            before is not None
            and stored_plan is not None
            and apply_saved(repo.plans(identifier), stored_plan)
        )
        if held:  # this Apply is in the record already
            earlier = stored_plan = None
        if earlier is not None and _regimen_is_new(repo, identifier, earlier.regimen):
            repo.add_regimen_version(identifier, earlier, service.ome_cache(earlier.regimen))
            _audit(service, repo, "add", "regimen_version", identifier, earlier)
        added = version is not None and _regimen_is_new(repo, identifier, version.regimen)
        if added and version is not None:
            repo.add_regimen_version(identifier, version, service.ome_cache(version.regimen))
            _audit(service, repo, "add", "regimen_version", identifier, version)
        if stored_plan is not None:
            plan_id = repo.add_plan(identifier, stored_plan)
            _audit(service, repo, "add", "saved_plan", identifier, stored_plan)
            stored_plan = stored_plan.model_copy(update={"id": plan_id})
        return SavedWork(repo.saved(identifier), added, stored_plan, plan_held=held)


#: the reason of the version a save stores for the regimen a plan applied was made from
BEFORE = "The regimen before the switching plan was applied (saved with it)"


def _version(
    service: RecordsService,
    regimen: RegimenDocument | None,
    reason: str,
    effective_from: datetime,
) -> RegimenVersion | None:
    if regimen is None:
        return None
    return validate_record(
        RegimenVersion,
        {
            "effective_from": effective_from,
            "reason": reason,
            "regimen": regimen,
            "created_at": utc_now(),
            "created_by": service.user,
        },
    )


def _audit(
    service: RecordsService,
    repo: RecordsRepository,
    action: str,
    entity: str,
    key: str,
    after: BaseModel,
) -> None:
    repo.append_audit(service.audit_entry(action, entity, key, after=after), patient_identifier=key)
