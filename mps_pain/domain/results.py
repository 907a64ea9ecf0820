"""Frozen result values shared by the MME engine, the planner, the CLI, the GUI and the PDF."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mps_pain.tables.index import TableRef
from mps_pain.tables.schema import Severity

__all__ = [
    "MARKET_ASKED",
    "Amount",
    "ClinicalWarning",
    "ExcludedItem",
    "HeldOption",
    "MmeLine",
    "MmeResult",
    "RangedTotal",
    "SpreadEntry",
    "ValuedAndCounted",
]

MARKET_ASKED = (
    "The market asked for, whose words the result prints ('paracetamol', 'MR' in the UK); "
    "none: the catalogue's words. The ids are the catalogue's in every market."
)

SEVERITY_ORDER: dict[Severity, int] = {"danger": 0, "caution": 1, "info": 2}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Amount(_Out):
    value: float
    unit: str


class HeldOption(_Out):
    """An amount the plan names but does not take for this patient, and why (the patch above
    the range, nearer it, held back for a frail or elderly patient or an organ rule)."""

    amount: Amount
    reason: str


class ClinicalWarning(_Out):
    code: str
    severity: Severity
    message: str
    source: str | None = None
    item: int | None = None
    items: tuple[int, ...] = ()  # every item a warning names, when it names more than one


class MmeLine(_Out):
    """One item's contribution, with the arithmetic and the row behind it."""

    index: int
    drug: str
    route: str
    form: str | None
    kind: Literal["opioid", "adjuvant"]
    prn: bool
    counted: bool
    daily_dose: Amount
    dose_basis: Amount | None
    factor: float | None
    factor_range: tuple[float, float] | None
    mme_per_day: float | None
    source: str | None
    row: str | None
    explanation: str
    #: the dosing as written ("20 mg q12h", "25 mcg/h patch"), never a derived total
    as_entered: str = ""


class ExcludedItem(_Out):
    index: int
    code: str
    message: str
    location: str | None
    #: close names for an unknown drug: an edge words its own "did you mean" from them
    suggestions: tuple[str, ...] = ()


class SpreadEntry(_Out):
    table: str
    name: str
    purpose: str
    output_label: str
    total_mme_per_day: float | None
    missing: str | None = None
    threshold: Literal["danger", "caution"] | None = Field(
        default=None,
        description="The severity of this set's OWN dose threshold that its total reaches (CDC "
        "≥ 90 MME/day: danger), whatever set is chosen; None: none reached, the set has none, or "
        "its guideline excludes the patient (clinician re-check 13b #2).",
    )


class RangedTotal(_Out):
    """A total that holds a line whose factor is a cited RANGE (clinician review 21, N2): the
    total with every such line read at its range's low end, and at its high end (the other lines
    as counted); the total itself reads each at the set's point (``domain.ranged_total``)."""

    low: float
    high: float
    #: the counted lines (their ``index``) whose factor is a range
    items: tuple[int, ...]


class ValuedAndCounted(_Out):
    """A plan's new regimen as the plan values it (its current total less its effective
    reduction) and as every total counts it (each line at the set's point), where the two differ
    (clinician review 21, N2; ``domain.rotation.counted_ends``)."""

    valued: float
    counted: float
    #: where a switch TO the new line reads it at another factor than a total: both factors
    #: and the row's cited range (None: the difference is in a current line's reading)
    valued_factor: float | None = None
    counted_factor: float | None = None
    factor_range: tuple[float, float] | None = None


class MmeResult(_Out):
    table: TableRef
    table_name: str
    purpose: str
    output_label: str
    prn: Literal["include", "exclude"]
    prn_stated: bool
    total_mme_per_day: float
    items: list[MmeLine]
    excluded: list[ExcludedItem]
    spread: list[SpreadEntry]
    warnings: list[ClinicalWarning]
    cautions: list[str]
    #: the regimen document's market, whose words the result prints (session 19)
    market: str | None = Field(default=None, description=MARKET_ASKED)
    #: the total's span over its lines' cited factor ranges; None: no counted line has one
    ranged_total: RangedTotal | None = None


def sort_warnings(warnings: list[ClinicalWarning]) -> list[ClinicalWarning]:
    """Danger first, then caution, then info; stable within a severity. A warning given twice
    in the same words (code, severity, sentence and source) is said once, naming every item its
    copies named (clinician re-check 18b #9: two identical rows of a proposal each carried the
    same methadone-interval caution; every output is sorted here)."""
    said: dict[tuple[str, str, str, str | None], ClinicalWarning] = {}
    for warning in warnings:
        key = (warning.code, warning.severity, warning.message, warning.source)
        first = said.setdefault(key, warning)
        if first is not warning:
            said[key] = _naming_both(first, warning)
    return sorted(said.values(), key=lambda w: SEVERITY_ORDER[w.severity])


def _naming_both(first: ClinicalWarning, again: ClinicalWarning) -> ClinicalWarning:
    """``first`` naming the items ``again`` names too (its own item stays the one to jump to)."""
    named = tuple(
        dict.fromkeys(
            i for w in (first, again) for i in (w.items or (() if w.item is None else (w.item,)))
        )
    )
    if len(named) < 2:
        return first
    return first.model_copy(update={"items": named, "item": first.item})
