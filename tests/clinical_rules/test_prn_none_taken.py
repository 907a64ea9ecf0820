"""Issue 8, class 10 (PRN part): ``doses_per_day: 0`` on a PRN line means "none taken" and the
output says so; a number that was not reported has its own form, ``"not reported"``, which is
refused (naming the row and field) by ``mme``, ``rotate`` and ``check``, and excluded with its
named reason in a batch that sets bad rows aside."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import PrnNotReportedError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

ER = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
TO = {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"}


def _prn(taken: Any) -> dict[str, Any]:
    return {
        "drug": "morphine",
        "route": "oral",
        "form": "IR",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": taken,
    }


def test_zero_doses_taken_is_stated_as_none_taken() -> None:
    result = calculate_mme({"items": [ER, _prn(0)]}, table_id="uk-palliative")
    assert result.total_mme_per_day == 60
    line = next(line for line in result.items if line.prn)
    assert "none taken in 24 h" in line.explanation
    note = next(w for w in result.warnings if w.code == "prn-none-taken")
    assert "Row 2" in note.message and note.item == 1


def test_rotate_states_it_too() -> None:
    plan = plan_rotation({"from": {"items": [ER, _prn(0)]}, "to": TO, "table": "uk-palliative"})
    assert any(w.code == "prn-none-taken" for w in plan.warnings)
    assert any("none taken in 24 h" in step for step in plan.steps)


def test_not_reported_is_refused_by_every_command_naming_the_row() -> None:
    bad = {"items": [ER, _prn("not reported")]}
    calls = [
        lambda: calculate_mme(bad, table_id="uk-palliative"),
        lambda: plan_rotation({"from": bad, "to": TO, "table": "uk-palliative"}),
        lambda: check_proposal(
            {"from": bad, "proposed": {"items": [ER]}, "table": "uk-palliative"}
        ),
    ]
    for call in calls:
        with pytest.raises(PrnNotReportedError) as caught:
            call()
        assert caught.value.location.endswith("items[1].doses_per_day")
        assert "row 2" in caught.value.message


def test_a_batch_excludes_it_with_its_named_reason() -> None:
    result = calculate_mme(
        {"items": [ER, _prn("not reported")]}, table_id="uk-palliative", on_item_error="exclude"
    )
    assert [(e.index, e.code) for e in result.excluded] == [(1, "prn-not-reported")]
    assert any(w.code == "rows-excluded" and w.severity == "danger" for w in result.warnings)
