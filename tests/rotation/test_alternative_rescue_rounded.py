"""Clinician review 15, #3: oxycodone 60 mg/day → fentanyl patch at eGFR 20 (the patch-linked
oral morphine avoided) printed "Breakthrough: alfentanil sc 0.333 mg as needed (bolus)": 1/6 of
2 mg/day unrounded, while every other injected amount is rounded down to its step (the injected
step ladder) and the app's guide says so. The alternative breakthrough is the one fraction rule
(`rescue_fraction.fraction_rescue`), rounded as every rescue is: 0.333 → 0.325 mg."""

from __future__ import annotations

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.shaped import injected_grid
from mps_pain.tables.loader import get_tables
from tests.rotation.generated import plan_or_discard

ALFENTANIL_CASE = {
    "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
    "to": {"drug": "fentanyl", "route": "transdermal"},
    "table": "uk-palliative",
    "patient": {"egfr": 20},
}


def test_the_alfentanil_rescue_is_on_the_injected_steps() -> None:
    plan = plan_or_discard(ALFENTANIL_CASE)
    rescue = plan.breakthrough
    assert rescue is not None and rescue.dose is not None and rescue.high is not None
    assert (rescue.drug, rescue.route) == ("alfentanil", "sc")
    grid = injected_grid(rotation_rules(get_tables()).rounding)
    assert rescue.dose.value == grid.floor(rescue.high.value).total == 0.325
