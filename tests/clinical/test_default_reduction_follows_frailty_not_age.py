"""The default reduction depends on frailty, not on age (outside review, 2 December, pharmacist
finding 7): from age 65 the default became 50% ("frail or elderly … Dannyb685 tool [CODE]") even
with ``frail`` unset. clinical-sources §3(d) ties a larger reduction to frailty, not to an age
(Lanarkshire "up to 30%" if toxic/frail): age alone no longer changes the default, and the frail
default is 30% with that citation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.clinical.helpers import morphine_oral, run_json


def _plan(patient: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    request = {
        "from": {"items": [morphine_oral(60)]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
        "patient": patient,
    }
    return run_json("rotate", request, tmp_path, capsys)


@pytest.mark.parametrize("age", [65, 70, 90])
def test_age_alone_does_not_change_the_default_reduction(
    age: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan({"age": age}, tmp_path, capsys)
    assert plan["reduction"] == pytest.approx(0.25)
    assert "Dannyb685" not in (plan["reduction_source"] or "")
    assert plan["reduction_range"] == [0.25, 0.5]


def test_a_frail_patient_gets_the_cited_30_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan({"age": 50, "frail": True}, tmp_path, capsys)
    assert plan["reduction"] == pytest.approx(0.3)
    assert "Lanarkshire" in plan["reduction_source"]
    assert "Dannyb685" not in plan["reduction_reason"]
