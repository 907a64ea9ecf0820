"""Record values: what the repository returns and what the export document is made of.

Frozen pydantic models, validated strictly (unknown keys refused), so an imported document is
checked exactly like a typed-in record. Times must carry a timezone; they are normalised to UTC.
``id`` is the database key when a record came from a database and ``None`` in an export.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.persistence.identifiers import clean_identifier, clean_line, clean_paragraphs

__all__ = [
    "EVENT_KINDS",
    "JSON_MAX_DEPTH",
    "STORED",
    "AuditEntry",
    "AuditOrigin",
    "ClinicalEvent",
    "EventKind",
    "Identifier",
    "PatientInfo",
    "PatientRecordDocument",
    "RegimenVersion",
    "SavedPlan",
    "StoredPatient",
    "TimeBasis",
    "utc_now",
]

EventKind = Literal["nrs", "radiotherapy", "chemotherapy", "procedure", "note"]
EVENT_KINDS: tuple[str, ...] = ("nrs", "radiotherapy", "chemotherapy", "procedure", "note")
TimeBasis = Literal["calendar", "relative-days"]
PlanKind = Literal["plan", "check"]
AuditOrigin = Literal["local", "imported"]
DOCUMENT_FORMAT: Literal["mps-pain/patient-record"] = "mps-pain/patient-record"
JSON_MAX_DEPTH = 32  # free-form JSON (plan inputs/outputs, audit before/after): import = export


def utc_now() -> datetime:
    """Now, in UTC: the time every record is stamped with."""
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


STORED: dict[str, bool] = {"stored": True}
"""Validation context for a row read back from the database: the text rules (hidden characters,
NFC, trimming, JSON depth) were applied when it was written, or it predates them; either way a
stored record is shown as stored, never refused on reading (``Model.model_validate(data,
context=STORED)``)."""


def _stored(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("stored"))


def _identifier(value: str, info: ValidationInfo) -> str:
    return value if _stored(info) else clean_identifier(value)


def _one_line(value: str, info: ValidationInfo) -> str:
    if _stored(info):
        return value
    text = clean_line(value)
    if not text:
        raise ValueError("is empty")
    return text


def _shown_line(value: str, info: ValidationInfo) -> str:
    return value if _stored(info) else clean_line(value)


def _paragraphs(value: str, info: ValidationInfo) -> str:
    return value if _stored(info) else clean_paragraphs(value)


def _required_paragraphs(value: str, info: ValidationInfo) -> str:
    text = _paragraphs(value, info)
    if not text:
        raise ValueError("is empty")
    return text


def _plain_json(value: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
    """Free-form JSON as the export writes it back: finite numbers, bounded nesting."""
    if _stored(info):
        return value
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > JSON_MAX_DEPTH:
            raise ValueError(f"is nested more than {JSON_MAX_DEPTH} levels deep")
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"holds a number that is not finite ({item})")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return value


UtcTime = Annotated[AwareDatetime, AfterValidator(_utc)]
Text200 = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
# one limit, said in one sentence (``clean_identifier``; fuzz review 19, D6: 1000 here, 200 there)
Identifier = Annotated[str, AfterValidator(_identifier)]
PlainJson = Annotated[dict[str, Any], AfterValidator(_plain_json)]
Line200 = Annotated[str, Field(max_length=200), AfterValidator(_shown_line)]
Paragraphs = Annotated[str, AfterValidator(_paragraphs)]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PatientInfo(_Record):
    """Identifier, demographics, and the context the engine uses (renal, hepatic, age, …)."""

    identifier: Identifier
    display_name: Line200 | None = None
    sex: Literal["female", "male", "other", "unknown"] | None = None
    birth_year: Annotated[int, Field(ge=1880, le=2200)] | None = None
    context: Patient = Patient()
    note: Paragraphs | None = None
    time_basis: TimeBasis = Field(
        default="calendar",
        description="'relative-days': times are day offsets from day 0 (1970-01-01T00:00Z "
        "stands for day 0), used when the source gives no dates.",
    )


class StoredPatient(_Record):
    info: PatientInfo
    version: int
    created_at: UtcTime
    updated_at: UtcTime


class RegimenVersion(_Record):
    id: int | None = None
    effective_from: UtcTime
    reason: Annotated[str, Field(min_length=1), AfterValidator(_required_paragraphs)]
    regimen: RegimenDocument
    created_at: UtcTime
    created_by: Text200


class ClinicalEvent(_Record):
    id: int | None = None
    kind: EventKind
    occurred_at: UtcTime
    ends_at: UtcTime | None = None
    nrs: Annotated[int, Field(ge=0, le=10)] | None = Field(
        default=None, description="Numeric rating scale 0-10; only for kind 'nrs'."
    )
    title: Text200
    detail: Paragraphs | None = None
    created_at: UtcTime
    created_by: Text200

    @model_validator(mode="after")
    def _consistent(self) -> ClinicalEvent:
        if self.kind == "nrs" and self.nrs is None:
            raise ValueError("a pain score event needs 'nrs' (0-10)")
        if self.kind != "nrs" and self.nrs is not None:
            raise ValueError("'nrs' belongs to pain score events (kind 'nrs') only")
        if self.ends_at is not None and self.ends_at < self.occurred_at:
            raise ValueError("'ends_at' is before 'occurred_at'")
        return self


class SavedPlan(_Record):
    """A switching plan or check with everything needed to reproduce it later."""

    id: int | None = None
    kind: PlanKind
    title: Text200
    inputs: PlainJson
    outputs: PlainJson
    table_id: Annotated[str, Field(min_length=1, max_length=64)]
    table_version: Annotated[str, Field(min_length=1, max_length=64)]
    table_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    app_version: Annotated[str, Field(min_length=1, max_length=64)]
    created_at: UtcTime
    created_by: Text200


class AuditEntry(_Record):
    """One audit row. ``origin`` 'imported' marks history that came in a file: it says what the
    file claims, recorded as such, never as something that happened in this database."""

    occurred_at: UtcTime
    os_user: Text200
    app_version: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_one_line)]
    action: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_one_line)]
    entity: Annotated[str, Field(min_length=1, max_length=40), AfterValidator(_one_line)]
    entity_key: Text200
    before: PlainJson | None = None
    after: PlainJson | None = None
    origin: AuditOrigin = "local"
    source: Annotated[str, Field(max_length=500), AfterValidator(_one_line)] | None = None


class PatientRecordDocument(_Record):
    """The export/import document: one patient with the whole history."""

    format: Literal["mps-pain/patient-record"] = DOCUMENT_FORMAT
    format_version: Literal[1] = 1
    exported_at: UtcTime
    app_version: str
    patient: PatientInfo
    regimen_versions: list[RegimenVersion] = []
    events: list[ClinicalEvent] = []
    plans: list[SavedPlan] = []
    audit: list[AuditEntry] = []

    @model_validator(mode="after")
    def _no_database_ids(self) -> PatientRecordDocument:
        for name in ("regimen_versions", "events", "plans"):
            for i, record in enumerate(getattr(self, name)):
                if record.id is not None:  # coded, located (services.record_errors)
                    raise PydanticCustomError(
                        "exported_id",
                        "an exported record carries no id",
                        {"loc": (name, i, "id")},
                    )
        return self
