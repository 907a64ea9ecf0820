"""Clinician review 4, D9 (the finding's D7): a patch 25 mcg/h with oxycodone 20 mg q12h → oral
morphine q4h gave "morphine oral solution 14.5 mg q4h", described as "Rounded to strengths
87 mg/day (rounding loss 0%)" with the caution "The dose is below the smallest tablet", although
14.5 mg is above the 10 mg tablet. The solution is measured because no tablet combination lies
within the sourced range (12–17.5 mg per dose; 10 mg is below it). The description says the dose
is measured, and the caution gives the reason that is true for this dose.
"""

from __future__ import annotations

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
Q4H_MORPHINE = {"drug": "morphine", "route": "oral", "frequency": "q4h"}


def _plan(items: list[dict[str, object]]) -> RotationPlan:
    request = {"from": {"items": items}, "to": Q4H_MORPHINE, "table": "uk-palliative"}
    return plan_rotation(request, tables=TABLES)


def _liquid_caution(plan: RotationPlan) -> str:
    return next(w.message for w in plan.warnings if w.code == "measured-as-liquid")


def test_a_solution_dose_above_the_smallest_tablet_says_why_it_is_measured() -> None:
    plan = _plan(
        [
            {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
            {"drug": "oxycodone", "route": "oral", "dose": "20 mg", "frequency": "q12h"},
        ]
    )
    dose = plan.regimen.dose
    assert dose is not None and dose.value > 10  # above the 10 mg tablet
    caution = _liquid_caution(plan)
    assert "below the smallest tablet" not in caution, caution
    assert "no combination of the 10, 20, 50 mg tablets" in caution.lower(), caution
    steps = " ".join(plan.steps)
    assert "below the smallest tablet" not in steps
    rounded = next(s for s in plan.steps if s.startswith("5. "))
    assert "rounded down" not in rounded and "measured" in rounded, rounded
    facts = {f.label: f.value for f in plan_view(plan).facts}
    assert "Rounded to strengths" not in facts
    assert "Measured to the dose" in facts


def test_a_dose_below_the_smallest_tablet_still_says_so() -> None:
    plan = _plan([{"drug": "oxycodone", "route": "oral", "daily_dose": "20 mg/day"}])
    dose = plan.regimen.dose
    assert dose is not None and dose.value < 10
    caution = _liquid_caution(plan)
    assert "below the smallest tablet or capsule (10 mg)" in caution, caution


def test_tablets_keep_their_rounding_words() -> None:
    plan = plan_rotation(
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "80 mg/day"}]},
            "to": {**Q4H_MORPHINE, "form": "ir"},
            "table": "uk-palliative",
        },
        tables=TABLES,
    )
    facts = {f.label: f.value for f in plan_view(plan).facts}
    assert "Rounded to strengths" in facts
    assert not any(w.code == "measured-as-liquid" for w in plan.warnings)
