"""First-time clinician review 16, #1 (high) and #3: a rescue beside the target is not switched.

``rotate`` refused fentanyl patch 25 mcg/h → a fentanyl patch ("This is a dose change, not a
switch"), but the same patch plus morphine IR 10 mg as needed (none taken) was planned as a
switch "to a patch by the band table": 25 mcg/h → 60 mg/day OME → 12.5 mcg/h, halving the patch
the patient is on. In the app this was the re-plan right after "Apply plan" to a patch (the
applied regimen is the patch plus the rescue line), printed with signature lines. The check read
the same patch, unchanged, "ABOVE the switching rule's amount (expected 12.5)".

The rule (``classify.is_dose_change``, one rule for the planner and the check): where every
regular opioid line is the target drug by the target route in one form family, the as-needed
lines of another drug or route beside it are rescues kept or replaced, not a regular opioid
converted; the change is a dose change of the regular opioid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import PlanningError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main

TABLES = get_tables()
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]


def _patch(rate: float = 25) -> dict[str, Any]:
    return {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": f"{rate} mcg/h"}


def _morphine_prn(taken: int = 0) -> dict[str, Any]:
    return {
        "drug": "morphine",
        "route": "oral",
        "form": "IR",
        "dose": "10 mg",
        "prn": True,
        "doses_per_day": taken,
    }


PATCH_TARGET = {"drug": "fentanyl", "route": "transdermal", "form": "patch"}


def _rotate(tmp_path: Path, items: list[dict[str, Any]], capsys: Any) -> tuple[int, str]:
    path = tmp_path / "rotate.json"
    document = {"from": {"items": items}, "to": PATCH_TARGET, "table": "uk-palliative"}
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["rotate", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_rotate_a_patch_with_a_rescue_to_the_same_patch_is_a_dose_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The two reproducers (/work/s15/repro/rot-patch-patch.json, rot-patch-plus-prn.json)."""
    code, alone = _rotate(tmp_path, [_patch()], capsys)
    assert code != 0 and "This is a dose change, not a switch" in alone
    code, beside = _rotate(tmp_path, [_patch(), _morphine_prn()], capsys)
    assert code != 0
    assert "This is a dose change, not a switch" in beside
    assert "the regimen is already fentanyl by the transdermal route" in beside
    assert "morphine" in beside and "rescue" in beside  # what to do with the rescue
    for wrong in ("12.5", "effective reduction", "band table"):
        assert wrong not in beside


@pytest.mark.parametrize(
    "rescue",
    [
        _morphine_prn(2),
        {
            "drug": "fentanyl",
            "route": "buccal",
            "form": "buccal",
            "dose": "100 mcg",
            "prn": True,
            "doses_per_day": 2,
        },
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "IR",
            "dose": "5 mg",
            "prn": True,
            "doses_per_day": 0,
        },
    ],
)
def test_the_planner_refuses_whatever_rescue_sits_beside_the_patch(rescue: dict[str, Any]) -> None:
    """Another opioid's, or the same drug's by another route (fentanyl buccal beside a patch)."""
    request = {"from": {"items": [_patch(), rescue]}, "to": PATCH_TARGET, "table": "uk-palliative"}
    with pytest.raises(PlanningError, match="dose change, not a switch") as raised:
        plan_rotation(request, tables=TABLES)
    assert "rescue" in str(raised.value)


def test_a_regular_line_of_another_opioid_beside_the_patch_is_still_switched() -> None:
    """Patch + regular oral morphine → patch: a real (partial) switch, unchanged."""
    morphine = {
        "drug": "morphine",
        "route": "oral",
        "form": "MR",
        "dose": "30 mg",
        "frequency": "q12h",
    }
    request = {
        "from": {"items": [_patch(), morphine]},
        "to": PATCH_TARGET,
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=TABLES)
    assert plan.switch_kind != "dose_change"


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    request = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    return check_proposal(request, tables=TABLES)


@pytest.mark.parametrize("taken", [0, 2])
def test_check_of_the_same_patch_without_its_rescue_is_a_dose_change(taken: int) -> None:
    """Review 16 §3: the patch unchanged, the rescue row removed, was "ABOVE (expected 12.5)"."""
    result = _check([_patch(), _morphine_prn(taken)], [_patch()], "uk-palliative")
    assert result.switch_kind == "dose_change"
    assert result.verdict == "within"
    text = " ".join([*result.reasons, *(w.message for w in result.warnings)])
    assert "12.5" not in text and "ABOVE" not in text
    assert "rescue" in text


def test_check_of_a_titrated_patch_beside_a_rescue_is_a_dose_change() -> None:
    result = _check([_patch(), _morphine_prn(2)], [_patch(50)], "uk-palliative")
    assert result.switch_kind == "dose_change"
    assert result.verdict == "dose_change"
    assert result.dose_change_from == 25 and result.proposed_ome_per_day == 50


REGULAR = {
    "fentanyl-patch": (
        st.sampled_from([12, 25, 37, 50, 75, 100]).map(_patch),
        PATCH_TARGET,
    ),
    "morphine-mr": (
        st.sampled_from([10, 15, 20, 30, 60]).map(
            lambda d: {
                "drug": "morphine",
                "route": "oral",
                "form": "MR",
                "dose": f"{d} mg",
                "frequency": "q12h",
            }
        ),
        {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"},
    ),
    "oxycodone-mr": (
        st.sampled_from([10, 20, 40]).map(
            lambda d: {
                "drug": "oxycodone",
                "route": "oral",
                "form": "MR",
                "dose": f"{d} mg",
                "frequency": "q12h",
            }
        ),
        {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"},
    ),
}
RESCUES = [
    ("morphine", "oral", "IR", "10 mg"),
    ("oxycodone", "oral", "IR", "5 mg"),
    ("oxycodone", "sc", None, "2 mg"),
    ("morphine", "sc", None, "2.5 mg"),
]


@st.composite
def _rescues(draw: st.DrawFn, regular_drug: str) -> list[dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(RESCUES), min_size=1, max_size=2, unique=True))
    lines = []
    for drug, route, form, dose in chosen:
        if drug == regular_drug:
            continue
        line = {"drug": drug, "route": route, "dose": dose, "prn": True}
        line |= {"form": form} if form else {}
        lines.append(line | {"doses_per_day": draw(st.integers(0, 6))})
    return lines


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(sorted(REGULAR)),
    data=st.data(),
    table=st.sampled_from(SETS),
)
def test_a_rescue_of_another_opioid_never_lowers_the_regular_target(
    kind: str, data: st.DataObject, table: str
) -> None:
    """Any regular target-opioid line plus as-needed lines of other opioids: the planner never
    proposes the same target by a "switch" (it refuses the dose change), and the check never
    calls the unchanged regular order ABOVE (nor below): it is the same order."""
    strategy, target = REGULAR[kind]
    regular = data.draw(strategy)
    rescues = data.draw(_rescues(regular["drug"]))
    current = [regular, *rescues]
    request = {"from": {"items": current}, "to": target, "table": table}
    with pytest.raises(PlanningError, match="dose change, not a switch"):
        plan_rotation(request, tables=TABLES)
    result = _check(current, [regular], table)
    assert result.switch_kind == "dose_change"
    assert result.verdict == "within", result.reasons
