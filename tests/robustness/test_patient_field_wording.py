"""Fuzz review 12, #3: patient fields in the words and units a clinician uses.

- "45 mL/min/1.73 m²", the eGFR as labs print it, was refused as a bad "digit" while
  "mL/min/1.73m2" was read: a superscript power in a unit is read as ``^2``/``^3`` at the one
  unit-parsing boundary (``units._parse``), any other odd digit is still refused;
- an exponent refusal for a patient field or the age gave a drug's example ("e.g. '10 mg'"): it
  gives the field's own (the example its bare-number rule uses);
- an age beyond 0-130 was refused in the library's words ("Input should be less than or equal
  to 130"): now the clinician's, naming the age.
Through ``main(argv)`` in process, with real files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.cli import call

ORAL = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}


def _mme(tmp_path: Path, patient: dict[str, Any]) -> Any:
    path = tmp_path / "regimen.json"
    path.write_text(json.dumps({"items": [ORAL], "patient": patient}), encoding="utf-8")
    return call(["mme", "--json", str(path)])


def _warnings(outcome: Any) -> list[str]:
    assert outcome.returncode == 0, outcome.stderr
    return [w["code"] for w in json.loads(outcome.stdout)["warnings"]]


@pytest.mark.parametrize(
    "egfr",
    [
        "25 mL/min/1.73 m²",
        "25 mL/min/1.73m²",
        {"value": 25, "unit": "mL/min/1.73 m²"},
        "25 mL/min/1.73 m^2",
    ],
)
def test_the_lab_s_egfr_spelling_is_read_as_the_same_egfr(tmp_path: Path, egfr: Any) -> None:
    plain = _warnings(_mme(tmp_path, {"egfr": "25 mL/min"}))
    assert plain != _warnings(_mme(tmp_path, {}))  # an eGFR of 25 changes the warnings
    assert _warnings(_mme(tmp_path, {"egfr": egfr})) == plain


@pytest.mark.parametrize("egfr", ["25 mL/min/1.73 m٢", "2５ mL/min"])
def test_any_other_unusual_digit_is_still_refused(tmp_path: Path, egfr: str) -> None:
    outcome = _mme(tmp_path, {"egfr": egfr})
    assert outcome.returncode == 2, outcome.stdout
    assert "patient.egfr" in outcome.stderr


@pytest.mark.parametrize(
    ("field", "value", "example"),
    [
        ("egfr", "1e-5 mL/min", "45 mL/min"),
        ("egfr", "1e1", "45 mL/min"),
        ("creatinine_clearance", "4E1 mL/min", "45 mL/min"),
        ("qtc", "4.4e2 ms", "440 ms"),
        ("weight", "7e1 kg", "70 kg"),
        ("age", "1.5e1", "72"),
    ],
)
def test_an_exponent_refusal_gives_the_field_s_own_example(
    tmp_path: Path, field: str, value: str, example: str
) -> None:
    outcome = _mme(tmp_path, {field: value})
    assert outcome.returncode == 2, outcome.stdout
    assert f"patient.{field}" in outcome.stderr and "exponent" in outcome.stderr
    assert f"e.g. '{example}'" in outcome.stderr and "10 mg" not in outcome.stderr


@pytest.mark.parametrize("age", [131, "130.5", -1, "-0.5"])
def test_an_age_beyond_its_bounds_is_refused_in_a_clinician_s_words(
    tmp_path: Path, age: Any
) -> None:
    outcome = _mme(tmp_path, {"age": age})
    assert outcome.returncode == 2, outcome.stdout
    assert "patient.age" in outcome.stderr and "years" in outcome.stderr
    assert "Input should" not in outcome.stderr and "less than or equal" not in outcome.stderr
    assert str(age).lstrip("-") in outcome.stderr  # the age as typed


@pytest.mark.parametrize("age", [0, 130, "72"])
def test_an_age_within_its_bounds_is_read(tmp_path: Path, age: Any) -> None:
    assert _mme(tmp_path, {"age": age}).returncode == 0
