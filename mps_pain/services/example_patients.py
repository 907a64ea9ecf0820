"""The five published MPS cases as example patients, read from ``data/cases/<case>/timeline.yaml``.

Sources (cited in each timeline file and shown with the examples):
- Takamatsu S, Murakami K, Takaya H, et al. Malignant psoas syndrome associated with
  gynecological malignancy: three case reports and a review of the literature.
  Mol Clin Oncol. 2018;9:82-86.
- Kodama K, Momozane T, Shigetsu K, et al. Malignant involvement of the iliopsoas muscle
  associated with non-small cell lung cancer: two case reports. Clin Case Rep. 2024;12:e8368.

Each timeline's versions point at the regimen documents in the same folder, the files the GUI
opens from File → Examples, so every reported dose is written once. The reports give the ORDER
of the changes, not dates: these are ``relative-days`` timelines and every day offset is
illustrative unless an event's detail says the report gives the interval. A change the report
gives without a dose (e.g. "switched to intravenous fentanyl") is a note on the timeline, not a
regimen version, because no dose may be invented.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from mps_pain import __version__
from mps_pain.errors import InputError
from mps_pain.paths import cases_dir
from mps_pain.persistence.records import EventKind, PatientRecordDocument, utc_now
from mps_pain.services.documents import parse_document_text, parse_regimen
from mps_pain.services.timeline import RELATIVE_DAY_ZERO
from mps_pain.strict_load import StrictYamlLoader

__all__ = ["EXAMPLE_IDS", "example_documents"]

EXAMPLE_IDS = (
    "takamatsu-2018-case-1",
    "takamatsu-2018-case-2",
    "takamatsu-2018-case-3",
    "kodama-2024-case-1",
    "kodama-2024-case-2",
)
ILLUSTRATIVE = "Day offsets are illustrative: the report gives the order of the changes, not dates"
AUTHOR = "mps-pain example (published case)"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Version(_Frozen):
    day: Annotated[int, Field(ge=0)]
    reason: Annotated[str, Field(min_length=2)]
    regimen: str | None = Field(description="A regimen file in this folder; null = no analgesics.")


class _Event(_Frozen):
    kind: EventKind
    day: Annotated[int, Field(ge=0)]
    until_day: Annotated[int, Field(ge=0)] | None = None
    nrs: Annotated[int, Field(ge=0, le=10)] | None = None
    title: Annotated[str, Field(min_length=2)]
    detail: str | None = None


class _Timeline(_Frozen):
    identifier: str
    display_name: str
    sex: str
    age: Annotated[int, Field(ge=0, le=130)]
    source: Annotated[str, Field(min_length=10)]
    summary: str
    versions: Annotated[list[_Version], Field(min_length=1)]
    events: list[_Event] = []


def _day(offset: int) -> str:
    return (RELATIVE_DAY_ZERO + timedelta(days=offset)).isoformat()


def _regimen(folder: Path, version: _Version, source: str) -> dict[str, Any]:
    reported = f"As reported in {source}."
    if version.regimen is None:
        return {"title": version.reason, "note": reported, "items": []}
    path = folder / version.regimen
    text = path.read_text(encoding="utf-8")
    document = parse_regimen(parse_document_text(text, origin=path.name))
    return {
        "title": version.reason,
        "note": document.note or reported,
        "items": document.model_dump(mode="json", exclude_none=True)["items"],
    }


def _load(folder: Path) -> PatientRecordDocument:
    path = folder / "timeline.yaml"
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictYamlLoader)
    try:
        timeline = _Timeline.model_validate(raw)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}", location=str(path)) from None
    now = utc_now()
    return PatientRecordDocument.model_validate(
        {
            "exported_at": now,
            "app_version": __version__,
            "patient": {
                "identifier": timeline.identifier,
                "display_name": timeline.display_name,
                "sex": timeline.sex,
                "context": {"age": timeline.age},
                "time_basis": "relative-days",
                "note": f"Published case: {timeline.source}. {timeline.summary} {ILLUSTRATIVE}.",
            },
            "regimen_versions": [
                {
                    "effective_from": _day(version.day),
                    "reason": version.reason,
                    "created_at": now,
                    "created_by": AUTHOR,
                    "regimen": _regimen(folder, version, timeline.source),
                }
                for version in timeline.versions
            ],
            "events": [
                {
                    "kind": event.kind,
                    "occurred_at": _day(event.day),
                    "ends_at": None if event.until_day is None else _day(event.until_day),
                    "nrs": event.nrs,
                    "title": event.title,
                    "detail": event.detail,
                    "created_at": now,
                    "created_by": AUTHOR,
                }
                for event in timeline.events
            ],
        }
    )


def example_documents() -> list[PatientRecordDocument]:
    """The five cases as import documents (import them with ``PatientService.import_patient``)."""
    return [_load(cases_dir() / identifier) for identifier in EXAMPLE_IDS]
