"""Pharmacist review 5b, N2: buprenorphine-patch plans lost their patch safety warnings (heat
and fever, the skin depot after removal, the slow onset, not for unstable pain) when the
fentanyl-only wording was taken off them. Each patch drug gets the warnings worded for itself;
a buprenorphine plan never reads a fentanyl sentence as if it were its own, and a schedule time
or rule written for a fentanyl patch says so when a buprenorphine patch uses it (b24: "17 h …
After removing a fentanyl patch"). Wording item 9: the start time after removal cites the
label the figure belongs to, and says that the reference holds no source of the set's region.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
MORPHINE_ER_60 = {
    "drug": "morphine",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
PATCHES = {"fentanyl": "25 mcg/h", "buprenorphine": "10 mcg/h"}
SETS = ["uk-palliative", "fpm-2021"]  # the sets that cover both patches
TO_MORPHINE = {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"}


def _plan(document: dict[str, Any]) -> Any:
    return plan_rotation(document, tables=TABLES)


def _from_patch(drug: str, table: str, **patient: Any) -> Any:
    item = {"drug": drug, "route": "transdermal", "rate": PATCHES[drug]}
    return _plan({"from": {"items": [item]}, "to": TO_MORPHINE, "table": table, "patient": patient})


def _to_patch(drug: str, table: str, **patient: Any) -> Any:
    item = {**MORPHINE_ER_60, "dose": "60 mg"}
    to = {"drug": drug, "route": "transdermal"}
    return _plan({"from": {"items": [item]}, "to": to, "table": table, "patient": patient})


def _codes(plan: Any) -> set[str]:
    return {w.code for w in plan.warnings}


def _other(drug: str) -> str:
    return next(d for d in PATCHES if d != drug)


@pytest.mark.parametrize("table", SETS)
@pytest.mark.parametrize("drug", sorted(PATCHES))
def test_from_a_patch_the_depot_and_heat_warnings_name_the_patch_itself(
    drug: str, table: str
) -> None:
    plan = _from_patch(drug, table)
    assert {"patch-lingers", "patch-heat-fever"} <= _codes(plan), _codes(plan)
    for w in plan.warnings:
        if w.code.startswith("patch-"):
            assert _other(drug) not in w.message.lower(), (w.code, w.message)
    heat = next(w for w in plan.warnings if w.code == "patch-heat-fever")
    assert drug in heat.message.lower()


@pytest.mark.parametrize("table", SETS)
@pytest.mark.parametrize("drug", sorted(PATCHES))
def test_to_a_patch_the_onset_indication_and_heat_warnings_name_the_patch_itself(
    drug: str, table: str
) -> None:
    plan = _to_patch(drug, table)
    wanted = {"patch-onset", "patch-not-for-unstable-pain", "patch-heat-fever"}
    assert wanted <= _codes(plan), _codes(plan)
    for w in plan.warnings:
        if w.code.startswith("patch-"):
            assert _other(drug) not in w.message.lower(), (w.code, w.message)
            assert w.source, w.code


@pytest.mark.parametrize("drug", sorted(PATCHES))
def test_fever_makes_the_heat_warning_a_danger_for_either_patch(drug: str) -> None:
    plan = _from_patch(drug, "uk-palliative", fever=True)
    heat = next(w for w in plan.warnings if w.code == "patch-heat-fever")
    assert heat.severity == "danger"


def test_the_reference_holds_no_buprenorphine_figure_and_the_warnings_say_so() -> None:
    """No hours are invented for buprenorphine: the depot and onset warnings state none and say
    the reference gives none (the 12–36 h, 12–24 h and 17 h figures are fentanyl's)."""
    lingers = next(
        w
        for w in _from_patch("buprenorphine", "uk-palliative").warnings
        if w.code == "patch-lingers"
    )
    onset = next(
        w for w in _to_patch("buprenorphine", "uk-palliative").warnings if w.code == "patch-onset"
    )
    for w in (lingers, onset):
        assert not any(ch.isdigit() for ch in w.message), w.message
        assert "reference gives no" in w.message, w.message


@pytest.mark.parametrize("table", SETS)
def test_a_fentanyl_timing_used_for_a_buprenorphine_patch_says_so(table: str) -> None:
    """b24: the 17 h start after removal rests on a fentanyl figure; the schedule names it as
    such on a buprenorphine plan, never silently; and so does a to-patch rule (Lanarkshire's
    'Starting a fentanyl patch')."""
    for plan in (_from_patch("buprenorphine", table), _to_patch("buprenorphine", table)):
        cited = [e.action for e in plan.schedule if "fentanyl" in e.action.lower()]
        assert cited, [e.action for e in plan.schedule]
        for action in cited:
            assert "a buprenorphine patch" in action and "the reference gives" in action, action


def test_a_fentanyl_plan_schedule_carries_no_buprenorphine_note() -> None:
    for plan in (_from_patch("fentanyl", "uk-palliative"), _to_patch("fentanyl", "uk-palliative")):
        assert not [e for e in plan.schedule if "buprenorphine" in e.action.lower()]


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_wording_item_9_the_start_after_removal_cites_the_figure_own_label(table: str) -> None:
    """The 17 h figure belongs to the Japanese oxycodone labels (clinical-sources addendum); the
    Methapain extract is truncated. No UK or Australian source in the reference gives a time, and
    the citation says so rather than surprise a UK reader with a methadone label."""
    plan = _from_patch("fentanyl", table)
    start = next(e for e in plan.schedule if e.action.startswith("Start "))
    assert "Methapain" not in start.action, start.action
    assert "Oxycodone injection label (JP)" in start.action, start.action
    assert "no UK or Australian source" in start.action, start.action


@pytest.mark.parametrize("table", SETS)
def test_the_from_patch_reduction_says_it_is_a_fentanyl_figure_for_a_buprenorphine_patch(
    table: str,
) -> None:
    """b24: "reduce up to 30% … converting back from a fentanyl patch" (Lanarkshire) was the
    reduction of a buprenorphine plan, unsaid; the plan and the check word it the same way."""
    plan = _from_patch("buprenorphine", table)
    assert "fentanyl" in plan.reduction_reason
    assert "the reference gives none for a buprenorphine patch" in plan.reduction_reason
    assert "buprenorphine" not in _from_patch("fentanyl", table).reduction_reason
