"""Pharmacist review 5, D6: "Reduction 30%" was printed beside a dose rounded back up to the
equianalgesic amount (fentanyl 25 mcg/h → morphine IR q4h: 7 mg → 10 mg per dose, 60 mg/day,
0% reduced; repro ``b14-patch25-mo-q4h-uk``). Every plan now says the effective reduction
against the equianalgesic dose whenever rounding moves it (and an amount above the equianalgesic
dose as "above", never a negative reduction: wording item 2); where the oral solution measures
the reduced dose, it is preferred to rounding tablets up, as the product already does below a
tablet range.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import assume, given, settings

from mps_pain.presentation.rotation import reduction_summary
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()


def _b14() -> Any:
    return plan_rotation(
        {
            "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}]},
            "to": {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
            "table": "uk-palliative",
        },
        tables=TABLES,
    )


def test_b14_the_oral_solution_measures_the_reduced_dose() -> None:
    plan = _b14()
    assert plan.regimen.form == "oral_solution", plan.regimen
    assert plan.regimen.dose.value == 7 and plan.regimen.dose.unit == "mg"
    assert abs(plan.effective_reduction - 0.3) < 1e-9
    assert "reduction 30%" in reduction_summary(plan)


def test_tablets_rounded_up_say_the_effective_reduction() -> None:
    """Without an oral solution in the market (JP lists no morphine solution), the tablets are
    rounded up within the sourced range and the reduction line says what is left of it."""
    plan = plan_rotation(
        {
            "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}]},
            "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
            "table": "uk-palliative",
        },
        tables=TABLES,
    )
    _assert_said(plan)


def _assert_said(plan: Any) -> None:
    cut = plan.effective_reduction
    if cut is None or plan.band_dose is not None or plan.rounded_daily_dose is None:
        return
    text = reduction_summary(plan)
    assert not re.search(r"(?<![\w–])-\d", text), text  # never a negative reduction
    if abs(cut - plan.reduction) > 0.0005:
        if cut < -0.0005:
            assert "above the equianalgesic" in text, (cut, text)
        else:
            assert "effective" in text, (cut, plan.reduction, text)


@settings(GENERATED)
@given(**ARGS)
def test_every_plan_says_its_effective_reduction(lines, to, table, market, patient, pain) -> None:
    request = generated_request(
        lines,
        to,
        table,
        patient=patient,
        market=market,
        pain_controlled=pain,
    )
    plan = plan_or_discard(request)
    assume(plan.rounded_daily_dose is not None)
    _assert_said(plan)


def test_d05_an_option_above_the_equianalgesic_dose_is_said_as_above() -> None:
    """Wording item 2 (d05): "65 mg (an effective reduction of -1.56%)" is "1.56% above the
    equianalgesic dose"; no warning or summary prints a negative reduction."""
    plan = plan_rotation(
        {
            "from": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "iv",
                        "rate": "4 mL/h",
                        "concentration": "1 mg/mL",
                    },
                    {"drug": "ketamine", "route": "iv", "rate": "100 mg/day"},
                ]
            },
            "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
            "table": "jspm-2010",
        },
        tables=TABLES,
    )
    texts = [w.message for w in plan.warnings] + [reduction_summary(plan)]
    joined = " ".join(texts)
    assert "1.6% above the equianalgesic dose" in joined, joined
    assert not re.search(r"reduction of -|\(-\d", joined), joined
