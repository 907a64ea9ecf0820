"""Methadone stopped while another current drug is kept: a dose change of the kept drug, never
a switch away from methadone (fuzz review 13, #1; docs/clinical-review.md).

k1: morphine oral 30 mg q12h + methadone oral 5 mg q8h -> morphine 30 mg q12h alone (eGFR 25,
age 80) was refused "a proposal away from methadone cannot be checked", so the eGFR 25 -> avoid
morphine danger was lost for an order the user goes ahead with. Nothing is started from
methadone: the kept morphine is judged by its own amounts, methadone is named as stopped with a
caution (it is not converted into the kept drug and lingers for days), the patient warnings are
shown. A proposal that adds a new drug while stopping methadone is still a switch away from it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dose_change import STEP_ABOVE
from mps_pain.domain.rotation.check_kept import STOPPED_METHADONE
from mps_pain.domain.rotation.gate import AVOIDED
from mps_pain.domain.rotation.ome import FROM_METHADONE
from mps_pain.errors import MpsPainError, PlanningError
from mps_pain.services.rotation_service import check_proposal
from mps_pain_cli.main import main
from tests.clinical.test_added_line_other_drug import _CURRENT, TABLES, _amounts_said, _said
from tests.clinical.test_planner_check_property import SETS
from tests.rotation.generated import DEAR

_MOR = {"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "q12h"}
_MTD = {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "q8h"}
_K1_PATIENT = {"egfr": "25 mL/min", "age": 80}
_PATIENTS = [
    {"egfr": "25 mL/min"},
    {"egfr": "45 mL/min"},
    {"age": 80},
    {"qtc": "520 ms"},
    {"hepatic_impairment": "severe"},
    {"fever": True},
    {"egfr": "25 mL/min", "age": 80, "qtc": "520 ms", "hepatic_impairment": "severe"},
]


def _check(
    current: list[dict[str, Any]],
    proposed: list[dict[str, Any]],
    table: str = "uk-palliative",
    patient: dict[str, Any] | None = None,
) -> Any:
    document: dict[str, Any] = {
        "from": {"items": current},
        "proposed": {"items": proposed},
        "table": table,
    }
    if patient:
        document["patient"] = patient
    return check_proposal(document, tables=TABLES)


def test_k1_morphine_kept_unchanged_with_methadone_stopped_is_checked() -> None:
    result = _check([_MOR, _MTD], [_MOR], patient=_K1_PATIENT)
    said, codes = _said(result), {w.code for w in result.warnings}
    assert result.switch_kind == "dose_change", said
    assert "Switch:" not in said, said
    assert "renal-target" in codes, said  # eGFR 25: avoid morphine, shown
    assert STOPPED_METHADONE in codes, said
    assert FROM_METHADONE not in codes, said  # nothing is started from methadone
    assert "60 mg/day morphine oral unchanged" in said, said
    assert "stopped: 15 mg/day methadone oral" in said, said
    assert (result.dose_change_from, result.proposed_ome_per_day) == (60, 60), said
    assert result.current_ome_per_day is None, said  # no OME of methadone (re-check 13b, #3)
    assert result.unit == "mg/day morphine", said
    assert _amounts_said(said, "morphine") == {60.0}, said  # never methadone converted into it


def test_k1_on_the_command_line_shows_the_renal_danger_and_the_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "from": {"items": [_MOR, _MTD]},
        "proposed": {"items": [_MOR]},
        "table": "uk-palliative",
        "patient": _K1_PATIENT,
    }
    path = tmp_path / "k1.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "DANGER  eGFR 25 mL/min (< 30): morphine — avoid" in out, out
    assert "CAUTION Methadone stopped while another current opioid is kept" in out, out
    assert "away from methadone" not in out, out


def test_a_raise_of_the_kept_drug_is_judged_by_its_own_step() -> None:
    doubled = _check([_MOR, _MTD], [_MOR | {"dose": "60 mg"}])
    said = _said(doubled)
    assert "60 → 120 mg/day morphine oral (+100%)" in said, said
    assert STEP_ABOVE not in {w.code for w in doubled.warnings}, said
    beyond = _check([_MOR, _MTD], [_MOR | {"dose": "70 mg"}])
    assert STEP_ABOVE in {w.code for w in beyond.warnings}, _said(beyond)
    assert beyond.verdict == "dose_change", _said(beyond)


def test_a_new_drug_added_while_methadone_is_stopped_stays_refused() -> None:
    oxy = {"drug": "oxycodone", "route": "oral", "dose": "10 mg", "frequency": "q12h"}
    with pytest.raises(PlanningError, match="away from methadone"):
        _check([_MOR, _MTD], [_MOR, oxy])


def _patient_warnings(current: Any, proposed: Any, table: str, patient: Any) -> set[Any]:
    """The warnings the patient adds to the same check without a patient. The planner's gate
    (AVOIDED) judges a drug a switch goes to; a kept drug is no switch target, and its own
    patient-rule danger (e.g. renal-target) is compared here."""
    given_ = _check(current, proposed, table, patient).warnings
    bare = _check(current, proposed, table).warnings
    found = {(w.code, w.message) for w in given_} - {(w.code, w.message) for w in bare}
    return {(code, message) for code, message in found if code != AVOIDED}


@settings(DEAR)
@given(
    st.lists(st.sampled_from(_CURRENT[1:]), min_size=1, max_size=2, unique_by=lambda c: c[0]),
    st.data(),
    st.sampled_from(SETS),
    st.integers(1, 30),
    st.sampled_from([0.5, 1.0, 2.0]),
    st.sampled_from(_PATIENTS),
)
def test_keeping_other_lines_while_stopping_methadone_is_never_a_switch_away(
    others, data, table, dose, factor, patient
) -> None:
    methadone = _CURRENT[0][1](float(dose))
    lines = [make(float(dose)) for _, make, _ in others]
    current = [*lines]
    current.insert(data.draw(st.sampled_from(range(len(lines) + 1))), methadone)
    keep = data.draw(st.lists(st.sampled_from(range(len(lines))), min_size=1, unique=True))
    proposed = [others[i][1](float(dose) * factor) for i in sorted(keep)]
    try:
        result = _check(current, proposed, table, patient)
    except MpsPainError as error:  # refused with a named field, but never as a switch away
        assert "away from methadone" not in str(error), error
        assume(False)
    said = _said(result)
    assert result.switch_kind == "dose_change", said
    assert STOPPED_METHADONE in {w.code for w in result.warnings}, said
    assert "stopped:" in said and f"{dose * 3:g} mg/day methadone" in said, said
    assert FROM_METHADONE not in {w.code for w in result.warnings}, said
    with_md = _patient_warnings(current, proposed, table, patient)
    without = _patient_warnings(lines, proposed, table, patient)
    assert without <= with_md, (without - with_md, said)
    assert all("methadone" in m.lower() for _, m in with_md - without), with_md - without
