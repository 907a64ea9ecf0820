"""Fields that answered lenient input (fuzz review 2, finding 5): ``doses_per_day: 1e-320`` or
``-0.0``, ``prn: 0`` / ``"0"`` / ``-0.0`` read as false, a unit with a trailing zero-width space.
Each is refused naming the field; the bounds come from frequency.py's accepted intervals."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mps_pain.domain.frequency import LONGEST_INTERVAL_H, SHORTEST_INTERVAL_H
from mps_pain.domain.regimen import RegimenItem
from tests.robustness.cli import call


def _prn(**fields: Any) -> dict[str, Any]:
    return {"drug": "morphine", "route": "oral", "dose": "10 mg", "prn": True, **fields}


def _mme(item: dict[str, Any]) -> tuple[int, str]:
    run = call(["mme", "-"], stdin=json.dumps({"items": [item]}))
    return run.returncode, run.stderr


@pytest.mark.parametrize(
    "value", [1e-320, 5e-324, 0.1, -0.0, "-0.0", "012", "1_0", "0x1E", True, " ", "1e-320"]
)
def test_an_implausible_doses_per_day_is_refused_naming_the_field(value: Any) -> None:
    code, err = _mme(_prn(doses_per_day=value))
    assert code == 2, err
    assert "items[0].doses_per_day" in err


@pytest.mark.parametrize("value", [0, 0.0, 1, 4, "4", 2.5, 96, 1 / 7, "not reported"])
def test_a_plausible_doses_per_day_is_read(value: Any) -> None:
    item = RegimenItem.model_validate(_prn(doses_per_day=value))
    assert item.doses_per_day == (value if value == "not reported" else float(value))


@pytest.mark.parametrize("value", [0, 1, "0", "1", -0.0, 0.0, "false", "true", "no", "yes", None])
def test_prn_is_a_boolean_only(value: Any) -> None:
    code, err = _mme(_prn(prn=value, doses_per_day=2))
    assert code == 2, err
    assert "items[0].prn" in err


@pytest.mark.parametrize(
    "dose",
    ["10 mg\u200b", "10\u200b mg", {"value": 10, "unit": "mg\u200b"}, "10 m\u200dg", "10 mg\x00"],
)
def test_a_unit_with_an_invisible_character_is_refused(dose: Any) -> None:
    code, err = _mme({"drug": "morphine", "route": "oral", "dose": dose, "frequency": "q4h"})
    assert code == 2, err
    assert "items[0].dose" in err and "invisible" in err


@given(st.one_of(st.floats(), st.integers(), st.text(max_size=6)))
def test_an_accepted_doses_per_day_is_zero_or_within_the_interval_bounds(raw: Any) -> None:
    try:
        item = RegimenItem.model_validate(_prn(doses_per_day=raw))
    except ValidationError:
        return
    value = item.doses_per_day
    if value == "not reported":
        return
    assert isinstance(value, float) and math.isfinite(value)
    assert (value == 0 and math.copysign(1, value) > 0) or (
        24 / LONGEST_INTERVAL_H <= value <= 24 / SHORTEST_INTERVAL_H
    )
