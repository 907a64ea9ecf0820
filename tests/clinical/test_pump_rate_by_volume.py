"""Pharmacist review 20, L3: the rule that reads a rate beyond the range as its bound written to
fewer decimals (``check_pump_rate``) took a pump's step from the number written in mL/h: at 10
mg/mL, 1.28 mL/h (12.8 mg/h, 0.7% above a top of 12.708 mg/h) read WITHIN "only by rounding"
while the same dose written 12.8 mg/h read ABOVE, and 0.001 mL/h was called "a pump's step".
A rate in mL/h follows the same written-decimals rule; its pump step is the planner's step of
the dose it delivers (mg/h, ``numbers.pump_step``), in mL/h: the same dose has the same verdict
whichever unit it is written in, and the words say the step in both units."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
PUMP = "only by rounding"


def _check(oral_per_day: int, rate: dict[str, str]) -> Any:
    current = {"drug": "morphine", "route": "oral", "form": "MR",
               "dose": f"{Decimal(oral_per_day) / 2} mg", "frequency": "q12h"}  # fmt: skip
    document = {
        "table": "uk-palliative",
        "market": "UK",
        "patient": {"cancer_or_palliative": True},
        "from": {"items": [current]},
        "proposed": {"items": [{"drug": "morphine", "route": "sc", **rate}]},
    }
    return check_proposal(document, tables=TABLES)


def _by_volume(ml_per_hour: Decimal, per_ml: int) -> dict[str, str]:
    return {"rate": f"{ml_per_hour} mL/h", "concentration": f"{per_ml} mg/mL"}


def test_the_reviewers_rate_by_volume_reads_as_the_same_dose_by_mass() -> None:
    by_volume = _check(610, _by_volume(Decimal("1.28"), 10))
    by_mass = _check(610, {"rate": "12.8 mg/h"})
    assert by_mass.verdict == "above", by_mass.reasons
    assert by_volume.verdict == by_mass.verdict, by_volume.reasons


def test_the_rounding_note_of_a_rate_by_volume_says_the_step_as_a_dose() -> None:
    result = _check(63, _by_volume(Decimal("0.083"), 10))
    assert result.verdict == "within", result.reasons
    note = next(r for r in result.reasons if PUMP in r)
    assert "0.083 mL/h (0.83 mg/h)" in note, note
    assert "a pump's step of 0.01 mg/h = 0.001 mL/h" in note, note


@settings(max_examples=60, deadline=None)
@given(
    oral_per_day=st.integers(20, 1200),
    beyond=st.floats(-0.04, 0.04),
    decimals=st.integers(1, 4),
    exponent=st.integers(0, 1),
)
@example(oral_per_day=610, beyond=0.007, decimals=2, exponent=1)
@example(oral_per_day=63, beyond=-0.0015, decimals=3, exponent=1)
def test_a_rate_has_the_same_verdict_in_ml_per_hour_as_in_mg_per_hour(
    oral_per_day: int, beyond: float, decimals: int, exponent: int
) -> None:
    per_ml = 10**exponent  # the dose's digits are the volume's, shifted: the same figures
    top = Decimal(oral_per_day) / 2 / 24  # mg/h: uk-palliative oral → SC morphine is 2:1
    ml = round(top * Decimal(1 + beyond) / per_ml, decimals)
    if ml <= 0 or ml == ml.to_integral_value():
        return  # a whole number of mL/h is written to no decimals in either unit
    by_volume = _check(oral_per_day, _by_volume(ml, per_ml))
    by_mass = _check(oral_per_day, {"rate": f"{(ml * per_ml).normalize():f} mg/h"})
    assert by_volume.verdict == by_mass.verdict, (ml, by_volume.reasons, by_mass.reasons)
