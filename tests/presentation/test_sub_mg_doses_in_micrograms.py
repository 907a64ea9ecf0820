"""Clinician review 18 #9 (shot-125): the quick converter's breakthrough read "alfentanil sc
0.325 mg", a three-decimal mg dose. Every dose below 1 mg that a plan gives is printed in
micrograms by one rule (``numbers.dose_text``: "325 micrograms"): the new regimen, the
breakthrough dose, the schedule, step 6's dose, the converter's line and a proposed order's
line. The arithmetic of the steps keeps the unit it computes in, and an infusion's 24-h amount
or rate is not a dose."""

from __future__ import annotations

import itertools
import re

import pytest

from mps_pain.domain.regimen import RegimenItem
from mps_pain.errors import MpsPainError
from mps_pain.numbers import dose_text
from mps_pain.presentation.orders import order_line
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from tests.presentation.test_sentence_punctuation import PATIENTS, TABLES, TARGETS
from ui.converter.describe import ConversionQuestion, describe_plan

SUB_MG = re.compile(r"(?<![\d.])0\.\d+ ?mg(?![/\w])")
FROM = (
    [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "5 mg", "frequency": "q12h"}],
    [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "5 mg", "frequency": "q12h"}],
    [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}],
)


@pytest.mark.parametrize(
    ("value", "unit", "said"),
    [
        (0.325, "mg", "325 micrograms"),
        (0.5, "mg", "500 micrograms"),
        (0.15, "mg", "150 micrograms"),
        (1, "mg", "1 mg"),
        (2.5, "mg", "2.5 mg"),
        (50, "mcg", "50 mcg"),
    ],
)
def test_the_rule(value: float, unit: str, said: str) -> None:
    assert dose_text(value, unit) == said


def _said_doses(plan) -> list[tuple[str, str]]:
    """(text, the dose as the rule says it) for each dose below 1 mg the plan gives: the
    regimen's per-dose amount in the new regimen and the schedule; the breakthrough dose in its
    sentence, step 6 and the schedule."""
    view = plan_view(plan)
    said = []
    dose = plan.regimen.dose
    if dose is not None and dose.unit == "mg" and dose.value < 1:
        words = dose_text(dose.value, dose.unit)
        said += [(view.regimen, words)]
        said += [(e.value, words) for e in view.schedule if "Start" in e.value]
    bt = plan.breakthrough.dose if plan.breakthrough is not None else None
    if bt is not None and bt.unit == "mg" and bt.value < 1:
        words = dose_text(bt.value, bt.unit)
        said += [(view.breakthrough or "", words)]
        said += [(s.split(" — ")[0], words) for s in view.steps if s.startswith("6. Break")]
        said += [
            (e.value.split(".")[0], words) for e in view.schedule if "Breakthrough:" in e.value
        ]
    return said


@pytest.mark.parametrize("table", ["uk-palliative", "jspm-2010", "fpm-2021"])
def test_no_sub_mg_dose_is_printed_in_mg(table: str) -> None:
    seen = 0
    for patient, current, target in itertools.product(PATIENTS, FROM, TARGETS):
        request = {"from": {"items": current}, "to": target, "table": table, "patient": patient}
        try:
            plan = plan_rotation(request, tables=TABLES)
        except MpsPainError:
            continue
        for text, words in _said_doses(plan):
            seen += 1
            assert words.endswith(" micrograms") and words in text, (target, text)
            assert not SUB_MG.search(text), (target, text)
    assert seen > 0  # the sweep reaches doses below 1 mg


def test_the_converters_line_and_an_order_line(tables) -> None:
    """The review's converter switch (oxycodone by mouth to alfentanil SC): its breakthrough
    line in micrograms; a proposed order's sub-mg dose alike."""
    question = ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "alfentanil", "sc", "")
    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "alfentanil", "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=tables)
    assert plan.breakthrough is not None and plan.breakthrough.dose is not None
    assert plan.breakthrough.dose.value < 1, plan.breakthrough.dose  # the review's case
    shown = describe_plan(plan, question)
    assert "micrograms" in shown.answer and not SUB_MG.search(shown.answer), shown.answer
    item = {"drug": "alfentanil", "route": "sc", "prn": True, "dose": "0.325 mg"}
    line = order_line(RegimenItem.model_validate({**item, "doses_per_day": 2}))
    assert "325 micrograms" in line and not SUB_MG.search(line), line
