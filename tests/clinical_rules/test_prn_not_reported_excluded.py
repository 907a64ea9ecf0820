"""Review 7, pharmacist finding D11: ``doses_per_day: "not reported"`` on an as-needed row was
refused (``prn-not-reported``) even with ``"prn": "exclude"``, although excluded as-needed doses
cannot change the total (``cases/F_tak1_oxy60_mtd_excl.json``: Takamatsu case 1, the report gives
no rescue count). Under ``exclude`` the row is accepted and set aside with an info note that says
so; under ``include`` (or no choice) an unknown count is still refused."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import PrnNotReportedError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
RESCUE = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "IR",
    "dose": "5 mg",
    "prn": True,
    "doses_per_day": "not reported",
}
CODE = "prn-not-reported-excluded"


def _run(command: str, policy: str | None) -> Any:
    current: dict[str, Any] = {"items": [ER, RESCUE]}
    if policy is not None:
        current["prn"] = policy
    if command == "mme":
        return calculate_mme(current, table_id="uk-palliative")
    if command == "rotate":
        to = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}
        return plan_rotation({"from": current, "to": to, "table": "uk-palliative"})
    proposed = {"items": [{**ER, "drug": "morphine", "dose": "45 mg"}]}
    return check_proposal({"from": current, "proposed": proposed, "table": "uk-palliative"})


def test_the_reviewed_case_is_accepted_with_the_exclusion_stated() -> None:
    result = _run("mme", "exclude")
    assert result.total_mme_per_day == 90
    (note,) = [w for w in result.warnings if w.code == CODE]
    assert note.severity == "info" and note.item == 1
    assert "Row 2" in note.message and "not reported" in note.message
    assert "excluded" in note.message
    assert not result.excluded


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_every_command_accepts_it_under_exclude_and_says_so(command: str) -> None:
    result = _run(command, "exclude")
    assert any(w.code == CODE and w.item == 1 for w in result.warnings)


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
@pytest.mark.parametrize("policy", [None, "include"])
def test_an_unknown_count_that_would_be_counted_is_still_refused(
    command: str, policy: str | None
) -> None:
    with pytest.raises(PrnNotReportedError) as caught:
        _run(command, policy)
    assert caught.value.location.endswith("items[1].doses_per_day")


def test_a_regimen_of_only_that_row_is_still_refused() -> None:
    """Set aside, nothing would be left to total: refused, never an empty total of 0."""
    with pytest.raises(PrnNotReportedError):
        calculate_mme({"items": [RESCUE], "prn": "exclude"}, table_id="uk-palliative")
