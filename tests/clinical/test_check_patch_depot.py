"""Clinician review 18 #1 (high): the check passed "stop a fentanyl 25 mcg/h patch and oxycodone,
start morphine SC 2.5 mg/h" as WITHIN, with signature lines, and never said that the patch keeps
releasing fentanyl for 12–36 h after removal, nor when the new opioid's share for the patch may
start. The planner, for the same switch, starts the patch's share at 17 h and cautions the depot.

One rule (``depot_start``): every check whose proposal stops or lowers a worn opioid patch and
starts or raises another regular opioid (not a patch) carries the planner's depot caution and the
start time the planner's schedule uses; a proposal that keeps the patch carries neither; every
plan from a patch still passes its own check (``test_planner_check_property``), now with them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.depot_start import DEPOT_START
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number
from tests.rotation.generated import GENERATED

TABLES = get_tables()
RULES = rotation_rules(TABLES)
START = f"Start it {format_number(RULES.transitions.from_patch_start.hours)} h after removal"
HERE = Path(__file__).parent

PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
OXY_PRN = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ir",
    "prn": True,
    "dose": "10 mg",
    "doses_per_day": 3,
}


def _codes(result: Any) -> dict[str, str]:
    return {w.code: w.severity for w in result.warnings}


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], **more: Any) -> Any:
    request = {"from": {"items": current}, "proposed": {"items": proposed}, **more}
    return check_proposal(request, tables=TABLES)


def test_review_18_patch_to_syringe_driver_says_when_to_start() -> None:
    request = {
        "from": {"items": [PATCH_25, OXY_ER, OXY_PRN]},
        "proposed": {
            "items": [
                {"drug": "morphine", "route": "sc", "rate": "2.5 mg/h"},
                {
                    "drug": "morphine",
                    "route": "sc",
                    "prn": True,
                    "dose": "10 mg",
                    "doses_per_day": 2,
                },
            ]
        },
        "table": "uk-palliative",
        "patient": {"age": 81, "egfr": "45 mL/min", "cancer_or_palliative": True},
    }
    result = check_proposal(request, tables=TABLES)
    assert result.verdict == "within"
    codes = _codes(result)
    assert codes.get("patch-lingers") == "caution", codes
    assert codes.get(DEPOT_START) == "caution", codes
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    assert START in timing.message, timing.message
    assert "stops fentanyl transdermal" in timing.message and "25 mcg/h" in timing.message
    assert "oxycodone oral ER 20 mg" in timing.message  # its share starts when it is due
    assert timing.source == TABLES.cite(RULES.transitions.from_patch_start.citation)
    lingers = next(w for w in result.warnings if w.code == "patch-lingers")
    assert "12–36 h" in lingers.message and lingers.source


def test_the_check_says_the_hour_the_planner_schedules() -> None:
    """The same switch planned: the patch's share starts in the row at the check's hour."""
    plan = plan_rotation(
        {
            "from": {"items": [PATCH_25, OXY_ER]},
            "to": {"drug": "morphine", "route": "sc", "continuous": True},
            "table": "uk-palliative",
        },
        tables=TABLES,
    )
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    result = _check([PATCH_25, OXY_ER], [proposal], table="uk-palliative")
    assert result.verdict == "within"
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    hour = format_number(RULES.transitions.from_patch_start.hours)
    assert any(e.when == f"{hour} h" and "full dose" in e.action for e in plan.schedule)
    assert f"Start it {hour} h after removal" in timing.message
    # the planner's own depot caution, word for word
    planned = next(w for w in plan.warnings if w.code == "patch-lingers")
    assert planned in result.warnings


PATCHES = st.lists(
    st.sampled_from([12.5, 25, 50, 75]).map(
        lambda r: {"drug": "fentanyl", "route": "transdermal", "rate": f"{r} mcg/h"}
    ),
    min_size=1,
    max_size=2,
)
OTHERS = st.lists(st.sampled_from([OXY_ER, OXY_PRN]), max_size=2, unique_by=json.dumps)
STARTED = st.sampled_from(
    [
        {"drug": "morphine", "route": "sc", "rate": "1 mg/h"},
        {"drug": "morphine", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "q12h"},
        {"drug": "hydromorphone", "route": "sc", "rate": "0.2 mg/h"},
        {"drug": "oxycodone", "route": "sc", "rate": "10 mg/day"},
        {"drug": "morphine", "route": "oral", "form": "ir", "dose": "5 mg", "frequency": "q4h"},
        {"drug": "diamorphine", "route": "sc", "rate": "10 mg/day"},
    ]
)
KEPT_PATCH = st.sampled_from(["none", "lower", "same"])


def _kept(patches: list[dict[str, Any]], how: str) -> list[dict[str, Any]]:
    if how == "none":
        return []
    if how == "same":
        return patches
    return [{**patches[0], "rate": "12 mcg/h"}] if patches[0]["rate"] != "12.5 mcg/h" else []


@GENERATED
@given(PATCHES, OTHERS, STARTED, KEPT_PATCH)
def test_every_check_stopping_a_patch_for_another_opioid_says_when_to_start(
    patches: list[dict[str, Any]],
    others: list[dict[str, Any]],
    started: dict[str, Any],
    how: str,
) -> None:
    current = [*patches, *others]
    proposed = [*_kept(patches, how), started]
    result = _check(current, proposed, table="uk-palliative")
    codes = _codes(result)
    if how == "same":  # the patch is kept as it is: nothing comes off the skin
        assert DEPOT_START not in codes and "patch-lingers" not in codes, codes
        return
    assert codes.get(DEPOT_START) == "caution", (current, proposed, codes)
    assert codes.get("patch-lingers") == "caution", (current, proposed, codes)
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    assert START in timing.message and timing.source, timing.message


def test_a_new_patch_for_an_old_one_is_not_told_to_wait() -> None:
    """A new patch goes on as the old comes off (the planner's to-patch schedule): its slow
    onset is covered by the old one's depot, so the check does not tell it to start late."""
    bup = {"drug": "buprenorphine", "route": "transdermal", "rate": "10 mcg/h"}
    result = _check([PATCH_25], [bup], table="uk-palliative")
    assert DEPOT_START not in _codes(result)


def test_raising_the_other_opioid_while_lowering_the_patch_is_said_so() -> None:
    raised = {**OXY_ER, "dose": "30 mg"}
    result = _check([PATCH_25, OXY_ER], [{**PATCH_25, "rate": "12 mcg/h"}, raised])
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    said = timing.message
    assert said.startswith("This order lowers fentanyl transdermal") and "25 mcg/h" in said, said
    assert " and raises oxycodone oral ER 30 mg" in said, said
