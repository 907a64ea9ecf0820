"""Review 7, pharmacist finding D11: ``doses_per_day: "not reported"`` on an as-needed row was
refused (``prn-not-reported``) even with ``"prn": "exclude"``, although excluded as-needed doses
cannot change the total (``cases/F_tak1_oxy60_mtd_excl.json``: Takamatsu case 1, the report gives
no rescue count). Under ``exclude`` the row is accepted and set aside with an info note that says
so; under ``include`` (or no choice) an unknown count is still refused.

A first attempt (08e8e3f) was reverted: ``mme --batch --summary`` used its own set-aside rule and
still refused the row, so the batch summary and the full contract disagreed. One function now
(``domain.mme.resolve_regimen``) serves ``mme``, ``rotate``, ``check`` and the batch summary;
every command is run here through ``main(argv)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.errors import PrnNotReportedError
from mps_pain.services.mme_service import calculate_mme
from tests.cli_runner import run_cli

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


def _current(policy: str | None) -> dict[str, Any]:
    current: dict[str, Any] = {"items": [ER, RESCUE]}
    if policy is not None:
        current["prn"] = policy
    return current


def _document(command: str, policy: str | None) -> dict[str, Any]:
    current = _current(policy)
    if command == "mme":
        return {**current, "table": "uk-palliative"}
    if command == "rotate":
        to = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}
        return {"from": current, "to": to, "table": "uk-palliative"}
    proposed = {"items": [{**ER, "drug": "morphine", "dose": "45 mg"}]}
    return {"from": current, "proposed": proposed, "table": "uk-palliative"}


def _run(tmp_path: Path, command: str, policy: str | None) -> tuple[int, Any]:
    path = tmp_path / f"{command}.json"
    path.write_text(json.dumps(_document(command, policy)), encoding="utf-8")
    done = run_cli(command, str(path), "--json")
    return done.returncode, json.loads(done.stdout or done.stderr)


def test_the_reviewed_case_is_accepted_with_the_exclusion_stated(tmp_path: Path) -> None:
    code, result = _run(tmp_path, "mme", "exclude")
    assert code == 0, result
    assert result["total_mme_per_day"] == 90
    (note,) = [w for w in result["warnings"] if w["code"] == CODE]
    assert note["severity"] == "info" and note["item"] == 1
    assert "Row 2" in note["message"] and "not reported" in note["message"]
    assert "excluded" in note["message"]


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_every_command_accepts_it_under_exclude_and_says_so(tmp_path: Path, command: str) -> None:
    code, result = _run(tmp_path, command, "exclude")
    assert code == 0, result
    assert any(w["code"] == CODE and w["item"] == 1 for w in result["warnings"]), result


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
@pytest.mark.parametrize("policy", [None, "include"])
def test_an_unknown_count_that_would_be_counted_is_still_refused(
    tmp_path: Path, command: str, policy: str | None
) -> None:
    code, result = _run(tmp_path, command, policy)
    assert code == 2
    assert result["error"]["code"] == "prn-not-reported", result
    assert result["error"]["location"].endswith("items[1].doses_per_day")


def test_a_regimen_of_only_that_row_is_still_refused() -> None:
    """Set aside, nothing would be left to total: refused, never an empty total of 0."""
    with pytest.raises(PrnNotReportedError):
        calculate_mme({"items": [RESCUE], "prn": "exclude"}, table_id="uk-palliative")


@pytest.mark.parametrize("policy", [None, "include", "exclude"])
def test_the_batch_summary_sets_it_aside_by_the_same_rule(tmp_path: Path, policy: str) -> None:
    """``mme --batch`` with and without ``--summary``: the same total and codes, or the same
    refusal, for the row under every PRN choice and for a regimen of that row alone."""
    lines = [
        {**_current(policy), "table": "uk-palliative"},
        {"items": [RESCUE], "prn": "exclude", "table": "uk-palliative"},
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    full = run_cli("mme", "--batch", str(batch), "--jobs", "1")
    summary = run_cli("mme", "--batch", str(batch), "--jobs", "1", "--summary")
    outs = [[json.loads(x) for x in done.stdout.splitlines()] for done in (full, summary)]
    (first, alone), (first_s, alone_s) = outs
    if policy == "exclude":
        assert first["total_mme_per_day"] == 90, first
        assert first_s["total_mme_per_day"] == 90, first_s
        assert [CODE, "info"] in first_s["warnings"], first_s
        assert [w["code"] for w in first["warnings"]] == [c for c, _ in first_s["warnings"]]
    else:
        assert first["error"]["code"] == "prn-not-reported", first
        assert first_s["error"] == first["error"], (first_s, first)
    assert alone["error"]["code"] == "prn-not-reported"
    assert alone_s["error"] == alone["error"]
