"""The check's JSON says no number it did not check (pharmacist re-check 13b, #3).

N5b (methadone 10 mg tid + oxycodone IR -> methadone 2 mg tid) gave ``current_ome_per_day`` 292.5
(methadone summed at the cohort-median from-methadone ratio), ``expected_low/high`` 30/30 while
the text said "not checked", and ``proposed_amounts`` []; N05/N06/N07 (methadone stopped beside a
kept drug) the same. Expected, over the class (methadone kept, changed or stopped, a line added,
kept or stopped beside it): no OME where methadone would be summed (null, with the reason), no
expected range for a dose change (none is checked; the amount it is a change from in its own
field), and every proposed drug by its own amount whatever the verdict.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from mps_pain_cli.main import main
from tests.clinical.test_added_line_other_drug import TABLES

_OTHERS = {
    "oxycodone ER": {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg",
                     "frequency": "q12h"},
    "morphine ER": {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg",
                    "frequency": "q12h"},
    "patch": {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    "oxycodone IR": {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg",
                     "frequency": "q4h"},
}  # fmt: skip


def _mtd(mg: float) -> dict[str, Any]:
    return {"drug": "methadone", "route": "oral", "dose": f"{mg:g} mg", "frequency": "tid"}


def _doubled(item: dict[str, Any]) -> dict[str, Any]:
    if "rate" in item:
        return {**item, "rate": "50 mcg/h"}
    return {**item, "dose": f"{2 * float(item['dose'].split()[0]):g} mg"}


# (name, current, proposed) for methadone 10 mg tid beside one other line
_ACTIONS = {
    "methadone changed, other stopped": lambda o: ([_mtd(10), o], [_mtd(5)]),
    "methadone stopped, other kept": lambda o: ([_mtd(10), o], [o]),
    "methadone stopped, other doubled": lambda o: ([_mtd(10), o], [_doubled(o)]),
    "both kept, other doubled": lambda o: ([_mtd(10), o], [_mtd(10), _doubled(o)]),
    "both kept, methadone changed": lambda o: ([_mtd(10), o], [_mtd(15), o]),
    "other added": lambda o: ([_mtd(10)], [_mtd(10), o]),
}
_CASES = [
    pytest.param(action, other, id=f"{action} / {other}")
    for action, other in itertools.product(_ACTIONS, _OTHERS)
] + [pytest.param("methadone changed alone", "patch", id="methadone changed alone")]


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]]) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}}
    return check_proposal({**document, "table": "uk-palliative"}, tables=TABLES)


def _nodes(items: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(i["drug"], i["route"]) for i in items}


@pytest.mark.parametrize(("action", "other"), _CASES)
def test_no_methadone_ome_no_unchecked_range_every_amount(action: str, other: str) -> None:
    alone = ([_mtd(10)], [_mtd(15)])
    current, proposed = _ACTIONS[action](_OTHERS[other]) if action in _ACTIONS else alone
    result = _check(current, proposed)
    data = result.model_dump(mode="json")
    said = json.dumps(data)
    assert data["switch_kind"] == "dose_change", said
    # methadone in the current regimen: no OME of it, summed or alone, and the reason
    assert data["current_ome_per_day"] is None, said
    assert data["current_ome_low"] is None and data["current_ome_high"] is None, said
    assert "methadone" in (data["no_ome_reason"] or ""), said
    # a changed dose is not checked against a range: none is given; the amount it is from is
    if data["verdict"] == "dose_change":
        assert data["expected_low"] is None and data["expected_high"] is None, said
        assert data["dose_change_from"] is not None, said
    # every proposed drug and route by its own amount, whatever the verdict
    assert {(a["drug"], a["route"]) for a in data["proposed_amounts"]} == _nodes(proposed), said
    assert all(a["mg_per_day"] > 0 for a in data["proposed_amounts"]), said
    # the view reads the same: no OME figure, no range
    view = check_view(result)
    assert "not given" in view.current and "OME" not in view.current.split("(")[0], view.current
    if data["verdict"] == "dose_change":
        assert view.expected.startswith("not checked (a dose change from "), view.expected


@pytest.mark.parametrize(
    ("current", "proposed"),
    [
        ([_OTHERS["oxycodone ER"]], [_OTHERS["morphine ER"]]),  # a switch
        ([_OTHERS["morphine ER"]], [_OTHERS["patch"]]),  # to a patch
        ([_OTHERS["morphine ER"]], [_doubled(_OTHERS["morphine ER"])]),  # a dose change
        ([_OTHERS["morphine ER"]], [_OTHERS["morphine ER"], _OTHERS["oxycodone IR"]]),  # added
        ([_OTHERS["oxycodone ER"]], [_mtd(10)]),  # to methadone
    ],
)
def test_every_verdict_names_each_proposed_amount(
    current: list[dict[str, Any]], proposed: list[dict[str, Any]]
) -> None:
    result = _check(current, proposed)
    data = result.model_dump(mode="json")
    assert {(a["drug"], a["route"]) for a in data["proposed_amounts"]} == _nodes(proposed), data
    assert data["current_ome_per_day"] is not None and data["no_ome_reason"] is None, data


def test_n5b_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    current, proposed = [_mtd(10), _OTHERS["oxycodone IR"]], [_mtd(2)]
    path = tmp_path / "n5b.json"
    path.write_text(json.dumps({"from": {"items": current}, "proposed": {"items": proposed}}))
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["current_ome_per_day"] is None and data["expected_low"] is None, data
    assert data["dose_change_from"] == 30 and data["proposed_ome_per_day"] == 6, data
    assert data["proposed_amounts"] == [{"drug": "methadone", "route": "oral", "mg_per_day": 6}]
    assert main(["check", str(path)]) == 0
    text = capsys.readouterr().out
    assert "292.5" not in text and "Expected: not checked (a dose change from 30 mg/day" in text


def test_a_result_saved_before_these_fields_reads_as_it_did() -> None:
    """A record's stored check (before ``no_ome_reason``, ``dose_change_from``, ``not_summed``):
    its amounts beside methadone were given only where not summed, its dose change's current
    amount as both ends of the range."""
    result = _check([_mtd(10)], [_mtd(10), _OTHERS["oxycodone IR"]])
    saved = result.model_dump(mode="json")
    for key in ("no_ome_reason", "dose_change_from", "not_summed"):
        saved.pop(key)
    saved |= {"current_ome_per_day": 247.5, "current_ome_low": 247.5, "current_ome_high": 247.5}
    saved |= {"expected_low": 30.0, "expected_high": 30.0}
    old = type(result).model_validate(saved)
    view = check_view(old)
    assert old.not_summed and "(not summed)" in view.proposed, view.proposed
    assert view.expected == "not checked (a dose change from 30 mg/day methadone)", view.expected
    assert view.current == "247.5 mg/day OME", view.current
