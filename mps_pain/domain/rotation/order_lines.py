"""A plan's order as the lines a prescriber writes (RegimenItems), and the sanity flags of those
lines said by the plan itself (pharmacist re-check 18b, after M1).

One rule for every place that turns a plan into an order: Apply, ``fhir export``, and the
tests that feed a plan back to ``check``. A patch plan is written as the patches it is made of,
one line per patch, each a real strength (morphine ER 400 mg q12h → fentanyl: 100 + 100 + 50
mcg/h, never one 250 mcg/h line, which ``check`` and ``mme`` flag as above the largest single
patch); an infusion by its own 24-h amount (``shape.infusion_words``: "40 mg over 24 h", never
the hourly rate to ten decimals); a scheduled dose with its frequency.

The plan judges its own lines by the one sanity rule (``plausibility_notes`` through
``resolve_regimen``, as ``check`` reads a proposed row: ``proposed_row_flags``), so a plan whose
own amount is far above usual says so, in the check's words and severity.
"""

from __future__ import annotations

from mps_pain.domain.mme import resolve_regimen
from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import Amount, ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.check_flags import proposed_row_flags
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.tables.index import TableIndex
from mps_pain.unit_kinds import time_unit_of
from mps_pain.units import ParsedQuantity

__all__ = ["order_lines", "own_row_flags", "with_own_row_flags"]


def _quantity(amount: Amount) -> ParsedQuantity:
    return ParsedQuantity(amount.value, amount.unit)


def _ordered_rate(plan: RotationPlan) -> Amount:
    """An infusion as the plan orders it: by its own 24-h amount when it has one; otherwise
    the rate as the plan gives it. The same quantity: nothing is computed here."""
    regimen, per_day = plan.regimen, plan.rounded_daily_dose
    assert regimen.rate is not None
    if per_day is not None and time_unit_of(per_day.unit) == "day":
        return per_day
    return regimen.rate


def order_lines(plan: RotationPlan, note: str | None = None) -> list[RegimenItem]:
    """The plan's regular order as regimen items ([] when no dose can be given): a patch plan
    as one line per patch, an infusion by its 24-h amount, a dose with its frequency. ``note``
    is written on each line (Apply's provenance). The breakthrough dose is not part of it."""
    regimen = plan.regimen
    if regimen.no_dose:
        return []
    base: dict[str, object] = {
        "drug": regimen.drug,
        "route": regimen.route,
        "form": regimen.form,
        "note": note,
    }
    if regimen.patches:
        shapes: list[dict[str, object]] = [{"rate": _quantity(p)} for p in regimen.patches]
    elif regimen.rate is not None:
        shapes = [{"rate": _quantity(_ordered_rate(plan))}]
    elif regimen.dose is not None and (regimen.frequency or regimen.prn):
        shapes = [{"dose": _quantity(regimen.dose), "frequency": regimen.frequency}]
    elif regimen.daily_dose is not None:
        shapes = [{"daily_dose": _quantity(regimen.daily_dose)}]
    else:
        return []
    if regimen.prn:
        base["prn"] = True
        base["doses_per_day"] = regimen.doses_per_day
    return [RegimenItem.model_validate(_given({**base, **shape})) for shape in shapes]


def _given(fields: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in fields.items() if v is not None}


def own_row_flags(tables: TableIndex, plan: RotationPlan) -> list[ClinicalWarning]:
    """The sanity flags of the plan's own order lines, as ``check`` gives them for the same
    lines fed back ("Proposed row 1: … far above the doses usually given")."""
    lines = order_lines(plan)
    if not lines:
        return []
    proposed, _ = resolve_regimen(tables, lines, None)
    return proposed_row_flags(proposed)


def with_own_row_flags(tables: TableIndex, plan: RotationPlan) -> RotationPlan:
    """The plan with its own lines' sanity flags among its warnings (one rule with the check:
    the plan and its check agree on them)."""
    flags = own_row_flags(tables, plan)
    if not flags:
        return plan
    return plan.model_copy(update={"warnings": sort_warnings([*plan.warnings, *flags])})
