"""Pharmacist re-check 18b, L2: an order that stops a fentanyl patch for an as-needed opioid
alone (patch 25 mcg/h → morphine IR 10 mg up to 6 a day) read WITHIN with no word on the skin
depot, though the as-needed doses start at removal while the patch's opioid is still absorbed.

The planner's rule: its breakthrough row starts ``RESCUE_FROM`` (at the patch's removal), as
needed, and the patch's share of a regular opioid waits for the depot. One rule for the check:
every order that stops or lowers a worn patch and orders any opioid that is not a patch (regular
or as needed) gets the depot caution and says when the as-needed doses and a regular opioid may
start; a new patch that replaces the old one gets none (it goes on as the old one comes off).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.depot_start import DEPOT_START, RESCUE_FROM
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number
from tests.rotation.generated import GENERATED

TABLES = get_tables()
RULES = rotation_rules(TABLES)
HOUR = format_number(RULES.transitions.from_patch_start.hours)

PATCH = st.sampled_from([12.5, 25, 50, 75]).map(
    lambda r: {"drug": "fentanyl", "route": "transdermal", "rate": f"{r} mcg/h"}
)
OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
RESCUE = st.sampled_from(
    [
        {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg", "doses_per_day": 6},
        {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "5 mg", "doses_per_day": 4},
        {"drug": "morphine", "route": "sc", "dose": "2.5 mg", "doses_per_day": 6},
    ]
).map(lambda line: {**line, "prn": True})
KEPT = st.lists(st.just(OXY_ER), max_size=1)
LEFT = st.sampled_from(["stopped", "lowered"])


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]]) -> Any:
    request = {"from": {"items": current}, "proposed": {"items": proposed}}
    return check_proposal(request | {"table": "uk-palliative"}, tables=TABLES)


def test_the_reviewers_p7_patch_stopped_for_as_needed_morphine_only() -> None:
    rescue = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg"}
    proposed = [rescue | {"prn": True, "doses_per_day": 6}]
    result = _check([{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}], proposed)
    codes = {w.code: w.severity for w in result.warnings}
    assert codes.get("patch-lingers") == "caution", codes
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    assert f"may be given {RESCUE_FROM}" in timing.message, timing.message
    assert f"starts {HOUR} h after removal" in timing.message and timing.source


def test_the_plans_breakthrough_row_starts_when_the_check_says() -> None:
    """The planner's own rule, read here: its breakthrough row from a patch starts at removal."""
    plan = plan_rotation(
        {
            "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}]},
            "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
            "table": "uk-palliative",
        },
        tables=TABLES,
    )
    rows = [e for e in plan.schedule if e.action.startswith("Breakthrough")]
    assert [e.when for e in rows] == [RESCUE_FROM], plan.schedule


@GENERATED
@given(PATCH, KEPT, RESCUE, LEFT)
def test_every_patch_stopped_with_an_opioid_ordered_gets_the_depot_caution(
    patch: dict[str, Any], kept: list[dict[str, Any]], rescue: dict[str, Any], left: str
) -> None:
    lowered = (
        [{**patch, "rate": "12 mcg/h"}]
        if left == "lowered" and patch["rate"] != "12.5 mcg/h"
        else []
    )
    current = [patch, *kept]
    result = _check(current, [*lowered, *kept, rescue])
    codes = {w.code: w.severity for w in result.warnings}
    context = (current, rescue, left, codes)
    assert codes.get(DEPOT_START) == "caution" and codes.get("patch-lingers") == "caution", context
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    assert f"may be given {RESCUE_FROM}" in timing.message, timing.message
    assert f"{HOUR} h after removal" in timing.message, timing.message


@GENERATED
@given(PATCH, RESCUE)
def test_a_new_patch_with_rescues_is_not_told_to_wait(
    patch: dict[str, Any], rescue: dict[str, Any]
) -> None:
    bup = {"drug": "buprenorphine", "route": "transdermal", "rate": "10 mcg/h"}
    result = _check([patch], [bup, rescue])
    assert DEPOT_START not in {w.code for w in result.warnings}, json.dumps(rescue)
