"""The age note does not tell a clinician to mark frail a patient already marked frail
(pharmacist review 20, L6: ``pump/e-uk-palliative-mor90-oxySC-frail-top-0.94.json`` and
``vin/F1-mor90-frail88-oxySC-uk.json``, an 88-year-old marked frail, read "if the patient is
frail, mark them frail"). The note says the patient is marked frail instead; the advice stays
for a patient not marked frail. One rule (``elderly_warnings``) in mme, rotate and check."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

MORPHINE = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "45 mg", "frequency": "q12h"}
TO = {"drug": "oxycodone", "route": "sc", "continuous": True}
PROPOSED = {"drug": "oxycodone", "route": "sc", "rate": "0.94 mg/h"}
ADVICE = "mark them frail"


def _note(command: str, frail: bool) -> str:
    patient = {"cancer_or_palliative": True, "frail": frail, "age": 88}
    current = {"items": [MORPHINE]}
    common = {"table": "uk-palliative", "market": "UK", "patient": patient}
    if command == "mme":
        result: Any = calculate_mme({**current, "patient": patient}, table_id="uk-palliative")
    elif command == "rotate":
        result = plan_rotation({"from": current, "to": TO, **common})
    else:
        result = check_proposal({"from": current, "proposed": {"items": [PROPOSED]}, **common})
    (note,) = [w.message for w in result.warnings if w.code == "elderly-caution"]
    return note


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_a_patient_marked_frail_is_not_told_to_be_marked_frail(command: str) -> None:
    note = _note(command, frail=True)
    assert ADVICE not in note, note
    assert "marked frail" in note, note
    assert note.startswith("Age 88 (≥ 65): elderly patients are on the reference converter's")


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_a_patient_not_marked_frail_keeps_the_advice(command: str) -> None:
    assert ADVICE in _note(command, frail=False)
