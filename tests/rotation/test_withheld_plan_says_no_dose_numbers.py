"""Clinician review 15, #2 (high): a plan that refuses morphine at eGFR 20 ("NO DOSE") still
carried a caution "… reach the sourced range only by rounding up to 20 mg, above the reduced dose
of 14 mg; … It is given as oral solution measured to the dose", on screen and on the signable
PDF: a number and a form for a dose nobody is to give. A withheld plan keeps no warning that
describes the withheld dose: its rounding, how it is measured, the market whose strengths it
used, its breakthrough dose or another interval for it."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.rotation.generated import plan_or_discard

# the warnings that describe a dose, its measuring and its breakthrough (written out here)
ABOUT_THE_DOSE = {
    "rounding-below-range", "rounding-below-stated", "rounding-within-range",
    "rounding-just-short", "rounding-nearer-patch", "rounding-other-interval",
    "measured-as-liquid", "strengths-all-markets", "breakthrough-alternative",
    "breakthrough-avoided", "breakthrough-no-source",
}  # fmt: skip

RENAL = {
    "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}]},
    "to": {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
    "table": "uk-palliative",
    "patient": {"egfr": 20},
}


def test_the_clinicians_renal_plan() -> None:
    plan = plan_or_discard(RENAL)
    assert plan.regimen.no_dose is not None
    assert not {w.code for w in plan.warnings} & ABOUT_THE_DOSE
    assert not any("reduced dose of" in w.message for w in plan.warnings)


@given(
    rate=st.sampled_from([12, 25, 37.5, 50, 75, 100]),
    egfr=st.sampled_from([8, 12, 20, 25]),
    to=st.sampled_from([
        {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "methadone", "route": "oral"},
    ]),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    qtc=st.sampled_from([None, 520]),
)  # fmt: skip
def test_no_withheld_plan_describes_the_dose(rate, egfr, to, table, qtc) -> None:
    patient = {"egfr": egfr} | ({"qtc": qtc} if qtc else {})
    items = [{"drug": "fentanyl", "route": "transdermal", "rate": f"{rate} mcg/h"}]
    plan = plan_or_discard({"from": {"items": items}, "to": to, "table": table, "patient": patient})
    assume(plan.regimen.no_dose is not None)  # a dose given: its notes belong to it
    assert not {w.code for w in plan.warnings} & ABOUT_THE_DOSE, plan.warnings
