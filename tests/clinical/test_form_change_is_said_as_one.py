"""A change of release form by the same route is said as one, by the plan and by the check
(fuzz re-check 17b, N5, review 17's D7): morphine oral ER → IR was planned as a "route change",
step 3 "same drug by another route: cross-tolerance is complete", though the route is oral on
both sides, while `check` of that plan said "a change of form by the same route". One
classifier (``classify_switch``) names it ``form_change``; the plan's words say another form by
the same route, never another route; the check of the plan reads the same kind, and a stated
reduction on it is said by the plan to be the dose change the check calls it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli_runner import run_cli

FORMS = [
    ("morphine", "ER", "IR", "q12h", "q4h", "15 mg"),
    ("morphine", "IR", "ER", "q4h", "q12h", "10 mg"),
    ("oxycodone", "IR", "ER", "q4h", "q12h", "10 mg"),
    ("oxycodone", "ER", "IR", "q12h", "q4h", "20 mg"),
    ("hydromorphone", "IR", "ER", "q4h", "q24h", "2 mg"),
]
TABLES = ["uk-palliative", "fpm-2021", "jspm-2010"]


def _request(case: tuple[str, ...], table: str, **more: Any) -> dict[str, Any]:
    drug, old, new, every, then, dose = case
    line = {"drug": drug, "route": "oral", "form": old, "dose": dose, "frequency": every}
    to = {"drug": drug, "route": "oral", "form": new, "frequency": then}
    return {"from": {"items": [line]}, "to": to, "table": table, **more}


def _rotate(request: dict[str, Any]) -> tuple[dict[str, Any], str]:
    text = json.dumps(request)
    done = run_cli("rotate", "--json", "-", stdin=text)
    if done.returncode != 0:
        pytest.skip(f"no plan: {done.stderr.strip()[:120]}")
    words = run_cli("rotate", "-", stdin=text)
    assert words.returncode == 0, words.stderr
    return json.loads(done.stdout), words.stdout


def _check_of(request: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    regimen = {k: v for k, v in plan["regimen"].items() if v is not None}
    check = {"from": request["from"], "proposed": {"items": [regimen]}, "table": request["table"]}
    done = run_cli("check", "--json", "-", stdin=json.dumps(check))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("case", FORMS, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_a_change_of_form_is_planned_and_checked_as_one(case: tuple[str, ...], table: str) -> None:
    request = _request(case, table)
    plan, words = _rotate(request)
    assert plan["switch_kind"] == "form_change"
    assert "same drug by another route:" not in words, words  # the reason, said
    assert "only the route ratio applies" not in words, words
    assert "the same drug by the same route in another form" in words
    checked = _check_of(request, plan)
    assert checked["switch_kind"] == "form_change"
    assert checked["verdict"] == "within", checked["reasons"]


@pytest.mark.parametrize("case", FORMS[1:3], ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_a_stated_reduction_on_a_change_of_form_is_said_to_be_a_dose_change(
    case: tuple[str, ...],
) -> None:
    request = _request(case, "fpm-2021", reduction="25%")
    plan, words = _rotate(request)
    assert plan["switch_kind"] == "form_change"
    assert "same drug by another route:" not in words, words
    said = [
        w["message"] for w in plan["warnings"] if w["code"] == "reduction-outside-sourced-range"
    ]
    assert said and "a dose change" in said[0], plan["warnings"]
    assert _check_of(request, plan)["verdict"] == "dose_change"
