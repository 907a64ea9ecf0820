"""A patient measurement beyond any physiological value is refused naming the field (outside
fuzz review 3, "Low": eGFR ``1e9 mL/min`` was accepted and switched the renal rules off).

The bounds are software sanity bounds in ``data/conversion_tables.yaml``
(``patient_plausibility``), each with its reason; ``mme``, ``rotate`` and ``check`` refuse alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mps_pain.tables.loader import get_tables
from tests.patient_rules.helpers import MORPHINE_60
from tests.robustness.cli import call


def _run(command: str, patient: dict[str, Any], tmp_path: Path) -> Any:
    if command == "mme":
        document: dict[str, Any] = {"items": [MORPHINE_60], "patient": patient}
    elif command == "rotate":
        target = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
        document = {"from": {"items": [MORPHINE_60]}, "to": target, "patient": patient}
    else:
        proposed = {"drug": "oxycodone", "route": "oral", "dose": "10 mg", "frequency": "q12h"}
        document = {
            "from": {"items": [MORPHINE_60]},
            "proposed": {"items": [proposed]},
            "patient": patient,
        }
    path = tmp_path / f"{command}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return call([command, str(path)])


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("egfr", "1000000000 mL/min"),
        ("egfr", "250 mL/min"),
        ("creatinine_clearance", "1000000 mL/min"),
        ("qtc", "4400 ms"),
        ("qtc", "0.44 ms"),
        ("qtc", "440 s"),
        # fuzz review 11 #4: a weight had no bound at all
        ("weight", "700 kg"),
        ("weight", "100000 lb"),
        ("weight", "0.1 kg"),
        ("weight", "70 g"),
    ],
)
def test_an_impossible_measurement_is_refused_naming_the_field(
    tmp_path: Path, command: str, field: str, value: str
) -> None:
    run = _run(command, {field: value}, tmp_path)
    assert run.returncode == 2, run.stdout
    assert f"patient.{field}" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("egfr", "15 mL/min"),
        ("egfr", "120 mL/min"),
        ("creatinine_clearance", "180 mL/min"),
        ("qtc", "440 ms"),
        ("qtc", "0.52 s"),
        ("weight", "70 kg"),
        ("weight", "154 lb"),
        ("weight", "0.6 kg"),  # an extremely premature newborn in neonatal palliative care
        ("weight", "300 kg"),
        ("egfr", "0.5 mL/min"),  # no lower bound: a low value only adds renal warnings
    ],
)
def test_a_physiological_measurement_is_read(tmp_path: Path, field: str, value: str) -> None:
    assert _run("mme", {field: value}, tmp_path).returncode == 0


def test_every_bound_is_a_cited_software_bound() -> None:
    bounds = get_tables().tables.patient_plausibility
    assert bounds is not None
    for bound in (bounds.egfr, bounds.creatinine_clearance, bounds.qtc, bounds.weight):
        assert bound.citation.source == "mps-pain-plausibility"
        assert bound.refuse_below < bound.refuse_above


def test_a_refused_weight_asks_for_a_body_weight_not_a_drug_mass(tmp_path: Path) -> None:
    """Fuzz review 11 #4: ``weight: 70`` said "e.g. '10 mg'" (a drug mass). Since clinician
    review 17 #5 a number alone is read in kg (``unit_kinds.bare_number_unit``); a weight in a
    unit of another kind is refused with the field's own example."""
    run = _run("mme", {"weight": "70 mL"}, tmp_path)
    assert run.returncode == 2
    assert "patient.weight" in run.stderr and "e.g. '70 kg'" in run.stderr, run.stderr
    assert "10 mg" not in run.stderr


def test_a_bare_weight_is_read_in_kg(tmp_path: Path) -> None:
    """Clinician review 17 #5: a weight is in kg, as an eGFR is in mL/min."""
    bare, with_unit = (
        _run("mme", {"weight": 70}, tmp_path),
        _run("mme", {"weight": "70 kg"}, tmp_path),
    )
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout == with_unit.stdout


def test_a_very_low_egfr_errs_safe(tmp_path: Path) -> None:
    """No lower eGFR bound (documented, docs/patient-rules.md): 0.5 mL/min (a mL/s number typed
    in mL/min, or an anuric patient) is read as severe renal impairment, never ignored."""
    run = _run("rotate", {"egfr": "0.5 mL/min"}, tmp_path)
    assert run.returncode in (0, 1), run.stderr
    assert "eGFR 0.5 mL/min" in run.stdout, run.stdout


_CROSSED = re.compile(
    r"(?P<value>[-\d.]+) (?P<unit>\S+)(?: \((?P<converted>[-\d.]+) \S+\))? "
    r"is (below|above) (?P<bound>[-\d.]+) (?P<bound_unit>[^\s,]+)"
)


@pytest.mark.parametrize(
    ("field", "value", "echoed"),
    [  # fuzz review 12, #2: the value was echoed rounded to the bound ("0.2 kg is below 0.2 kg")
        ("weight", "0.199999 kg", "0.199999 kg"),
        ("weight", "650.0001 kg", "650.0001 kg"),
        ("weight", "1433.01 lb", "1433.01 lb"),
        ("egfr", "200.0001 mL/min", "200.0001 mL/min"),
        ("creatinine_clearance", "400.0001 mL/min", "400.0001 mL/min"),
        ("qtc", "199.999 ms", "199.999 ms"),
        ("qtc", "1000.001 ms", "1000.001 ms"),
        ("qtc", "4400 ms", "4400 ms"),
    ],
)
def test_a_refused_measurement_is_echoed_as_typed_never_as_its_bound(
    tmp_path: Path, field: str, value: str, echoed: str
) -> None:
    run = _run("mme", {field: value}, tmp_path)
    assert run.returncode == 2, run.stdout
    found = _CROSSED.search(run.stderr)
    assert found is not None, run.stderr
    assert f"{found['value']} {found['unit']}" == echoed, run.stderr
    beside = found["converted"] or found["value"]
    assert float(beside) != float(found["bound"]), run.stderr
    if found["unit"] != found["bound_unit"]:
        assert found["converted"] is not None, run.stderr  # the typed value in the bound's unit
