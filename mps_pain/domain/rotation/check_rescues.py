"""A proposal's rescue orders (pharmacist review 15, D4; clinician review 15, #1).

An as-needed opioid line written beside a regular opioid with its doses a day "not reported"
is a rescue order, as the switching plan prints its breakthrough dose: an order up to a
ceiling, not an intake. The plan leaves its breakthrough dose out of the new regimen, so the
check leaves such a rescue out of the proposed daily amount, and judges its size by the rescue
rule (``rescue_fraction``). A line with a count of doses is that intake and is summed under the
proposal's as-needed choice, as a current line is (``prn: exclude`` leaves it out). An
as-needed-only proposal is still its amount, and methadone's as-needed lines keep their own
order rules (``check_methadone``): neither is split off.

A proposal whose regular opioid has no as-needed line beside it carries a caution naming the
sourced breakthrough rule: the plan always gives one.
"""

from __future__ import annotations

from mps_pain.domain.regimen import NOT_REPORTED, RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.errors import MpsPainError
from mps_pain.tables.index import TableIndex

__all__ = ["NO_BREAKTHROUGH", "no_rescue_warnings", "rescue_reasons", "split_rescues"]

NO_BREAKTHROUGH = "no-breakthrough-order"


def _opioid(tables: TableIndex, item: RegimenItem) -> bool:
    try:
        return tables.resolve_drug(item.drug, location=None).is_opioid
    except MpsPainError:
        return False  # an unknown drug is refused, naming its row, where the line is read


def _rescue_rows(tables: TableIndex, items: list[RegimenItem]) -> tuple[int, ...]:
    methadone = rotation_rules(tables).methadone.drug
    opioids = [(i, item) for i, item in enumerate(items) if _opioid(tables, item)]
    if not any(item.shape != "prn" for _, item in opioids):
        return ()
    return tuple(
        i
        for i, item in opioids
        if item.shape == "prn"
        and item.doses_per_day == NOT_REPORTED
        and tables.resolve_drug(item.drug, location=None).id != methadone
    )


def split_rescues(
    tables: TableIndex, request: CheckRequest
) -> tuple[CheckRequest, tuple[int, ...]]:
    """(the request without its rescue orders, their rows)."""
    items = list(request.proposed.items)
    rows = _rescue_rows(tables, items)
    if not rows:
        return request, ()
    regular = [item for i, item in enumerate(items) if i not in rows]
    proposed = request.proposed.model_copy(update={"items": regular})
    return request.model_copy(update={"proposed": proposed}), rows


def rescue_reasons(request: CheckRequest, rows: tuple[int, ...]) -> list[str]:
    """The reason that says which rows are rescues and why they are not summed."""
    if not rows:
        return []
    named = ", ".join(f"row {i + 1}" for i in rows)
    return [
        f"Breakthrough order ({named}): an as-needed dose beside the regular opioid is an order "
        "up to its maximum, not a daily intake, so it is not summed into the proposed amount "
        "(the switching plan leaves its breakthrough dose out of the new regimen in the same "
        "way); its size is judged by the breakthrough rule."
    ]


def no_rescue_warnings(tables: TableIndex, request: CheckRequest) -> list[ClinicalWarning]:
    """A caution where the proposal's regular opioid has no as-needed line beside it."""
    opioids = [item for item in request.proposed.items if _opioid(tables, item)]
    if not opioids or any(item.shape == "prn" for item in opioids):
        return []
    rule = rotation_rules(tables).breakthrough
    return [
        ClinicalWarning(
            code=NO_BREAKTHROUGH,
            severity="caution",
            message="The proposed order has no breakthrough (as-needed) dose: a regular opioid "
            f"is prescribed with one, {format_fraction(rule.fraction_low)}–"
            f"{format_fraction(rule.fraction_high)} of the 24-h dose as needed (the switching "
            "plan gives it); add it, or say why not.",
            source=tables.cite(rule.citation),
        )
    ]
