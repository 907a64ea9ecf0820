"""Review 7, pharmacist finding D12: a 92-year-old switching from oral morphine to SC oxycodone
got no caution at all (``cases/G_old_mor_oxysc.json``). Age alone still changes no dose (docs/
rotation.md: the reduction follows frailty, Lanarkshire), but the reference's caution list names
elderly patients (GlobalRPh, clinical-sources §1 A5), so every command states it as an info note
from the one age the sources give for "elderly" (≥ 65: ClinCalc's methadone tiers, §1 A6; the
Dannyb685 tool, §1 A10). One rule (``domain/patient_rules/elderly.py``), mme, rotate and check."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

CODE = "elderly-caution"
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
TO = {"drug": "oxycodone", "route": "sc", "continuous": True}
OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}


def _warnings(command: str, age: float) -> list[Any]:
    patient = {"age": age}
    current = {"items": [MORPHINE]}
    if command == "mme":
        result: Any = calculate_mme({**current, "patient": patient}, table_id="uk-palliative")
    elif command == "rotate":
        document = {"from": current, "to": TO, "table": "uk-palliative", "patient": patient}
        result = plan_rotation(document)
    else:
        proposal = {"from": current, "proposed": {"items": [OXY]}, "table": "uk-palliative"}
        result = check_proposal({**proposal, "patient": patient})
    return [w for w in result.warnings if w.code == CODE]


def test_the_reviewed_92_year_old_gets_the_elderly_caution_citing_the_reference() -> None:
    (note,) = _warnings("rotate", 92)
    assert note.severity == "info"
    assert "92" in note.message and "frail" in note.message
    assert note.source is not None and "GlobalRPh" in note.source


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
@pytest.mark.parametrize(("age", "said"), [(64.9, False), (65, True), (80, True), (101, True)])
def test_every_command_states_it_from_the_sourced_age(command: str, age: float, said: bool) -> None:
    assert bool(_warnings(command, age)) is said
