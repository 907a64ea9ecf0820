"""Pharmacist re-check 19b, M2 (medium): an order that replaces a fentanyl patch with a
buprenorphine patch read WITHIN with the new patch's onset caution only, while the plan for the
same switch (X01) carries "The opioid keeps being absorbed from the skin depot for 12–36 h or more
after the patch is removed …" and its schedule's 0 h step (remove the old patch and apply the new
one in its place at the same time).

The class: a plan's caution silently dropped by its own check (review 19 M1, clinician 18 #1).
The check of an order that stops a patch gives the planner's depot caution
(``patches.lingering_warnings``, via ``depot_start``) whatever replaces it, a new patch included,
and the planner's 0 h step (``to_patch_schedule``, via ``patch_onset``). A new patch is still
never told to start late (``test_check_patch_depot``: it goes on as the old one comes off).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.depot_start import DEPOT_START
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.domain.rotation.patch_onset import ONSET_COVER
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review19b"


def _said(result: Any, code: str) -> list[str]:
    return [w.message for w in result.warnings if w.code == code]


def _step(when: str, action: str) -> str:
    """The plan's step in its words, less the patch's change interval (the plan's step 4; a
    check is given no product to read it from)."""
    return re.sub(r" \(change every [^)]*\)", "", f"{when}: {action}")


def _plan_and_its_check(request: dict[str, Any]) -> tuple[Any, Any]:
    plan = plan_rotation(request, tables=TABLES)
    orders = [i.model_dump(mode="json", exclude_none=True) for i in order_lines(plan)]
    check = {k: v for k, v in request.items() if k != "to"}
    result = check_proposal({**check, "proposed": {"items": orders}}, tables=TABLES)
    return plan, result


def test_m1g_check_of_a_fentanyl_patch_replaced_by_buprenorphine_keeps_the_depot_caution() -> None:
    request = json.loads((FIXTURES / "M1g-fent25-to-bup-check-uk.json").read_text())
    result = check_proposal(request, tables=TABLES)
    (lingers,) = _said(result, "patch-lingers")
    assert "skin depot for 12–36 h" in lingers, lingers
    (step,) = _said(result, ONSET_COVER)
    assert "0 h: Remove the current patch(es) (fentanyl transdermal patch 25 mcg/h)" in step, step
    assert "at the same time" in step and "write the times on the order" in step, step
    assert DEPOT_START not in {w.code for w in result.warnings}  # never told to start late


def test_x01_plans_depot_caution_and_0h_step_are_in_its_own_check() -> None:
    request = json.loads((FIXTURES / "X01-fent25-to-buppatch-uk.json").read_text())
    plan, result = _plan_and_its_check(request)
    lingers = [w.message for w in plan.warnings if w.code == "patch-lingers"]
    assert lingers and set(lingers) <= set(_said(result, "patch-lingers")), result.warnings
    zero = next(_step(s.when, s.action) for s in plan.schedule if s.when == "0 h")
    assert zero in " ".join(_said(result, ONSET_COVER)), (zero, result.warnings)


_PATCHES = {"fentanyl": (12, 25, 37.5, 50, 75, 100), "buprenorphine": (5, 10, 15, 20, 35, 52.5)}


@settings(max_examples=30, deadline=None)
@given(
    old=st.sampled_from(sorted(_PATCHES)),
    index=st.integers(0, 5),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    market=st.sampled_from(["UK", "JP", "AU", None]),
)
def test_every_patch_to_patch_plans_depot_caution_is_in_its_own_check(
    old: str, index: int, table: str, market: str | None
) -> None:
    new = next(d for d in _PATCHES if d != old)
    worn = {"drug": old, "route": "transdermal", "form": "patch",
            "rate": f"{_PATCHES[old][index]:g} mcg/h"}  # fmt: skip
    request: dict[str, Any] = {
        "from": {"items": [worn]},
        "to": {"drug": new, "route": "transdermal", "form": "patch"},
        "table": table,
        "patient": {"cancer_or_palliative": True},
    }
    if market is not None:
        request["market"] = market
    try:
        plan, result = _plan_and_its_check(request)
    except MpsPainError:
        return
    lingers = {w.message for w in plan.warnings if w.code == "patch-lingers"}
    assert lingers <= set(_said(result, "patch-lingers")), (request, result.warnings)
    zero = [_step(s.when, s.action) for s in plan.schedule if s.action.startswith("Remove ")]
    covers = " ".join(_said(result, ONSET_COVER))
    for step in zero:  # the old patch and the timing in the plan's words (the new patches are
        # said line by line, as ordered)
        removed, rest = step.split(" and apply ", 1)
        assert removed in covers and rest.split(" in their place", 1)[1] in covers, (step, covers)
