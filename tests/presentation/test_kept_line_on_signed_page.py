"""Clinician review 21, N1: every step of a plan to a patch that keeps a current line going
("0–12 h Keep the infusion of oxycodone sc 40 mg/day continuous going for the first 12 h after
the patch goes on …", "Keep giving morphine oral 10 mg every 4 h …") is a typed row of the
applied regimen (``stops_after``) and a line of its signed page, in the one wording
(``staged_words.kept_then``); the applied total counts the new regimen once that line stops, as
the plan does (no double count)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, reject, settings
from hypothesis import strategies as st

from mps_pain.domain.kept_words import kept_words
from mps_pain.domain.mme import compute_mme
from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import PlanningError
from mps_pain.presentation.applied_plan import applied_plan_view, signed_facts
from mps_pain.presentation.orders import KEPT_MARK, LEFT_OUT_MARK, order_line, order_lines
from mps_pain.presentation.staged_words import kept_then, printed_amount
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from ui.editing import state_from_document
from ui.planner.apply import apply_plan, opioid_rows

TABLES = get_tables()
KEEP_STEP = re.compile(r"^0–([\d.]+) h$")

_LINES: dict[str, dict[str, Any]] = {
    "oxycodone sc driver": {"drug": "oxycodone", "route": "sc", "rate": "40 mg/24 h"},
    "morphine sc driver": {"drug": "morphine", "route": "sc", "rate": "30 mg/24 h"},
    "alfentanil sc driver": {"drug": "alfentanil", "route": "sc", "rate": "2 mg/24 h"},
    "hydromorphone iv": {"drug": "hydromorphone", "route": "iv", "rate": "0.5 mg/h"},
    "morphine oral IR q4h": {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg",
                             "frequency": "q4h"},
    "oxycodone oral IR q6h": {"drug": "oxycodone", "route": "oral", "form": "ir",
                              "dose": "5 mg", "frequency": "q6h"},
    "morphine oral MR bid": {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg",
                             "frequency": "bid"},
    "morphine oral MR daily": {"drug": "morphine", "route": "oral", "form": "er",
                               "dose": "60 mg", "frequency": "daily"},
    "fentanyl patch": {"drug": "fentanyl", "route": "transdermal", "form": "patch",
                       "rate": "12 mcg/h"},
}  # fmt: skip
RESCUE = {"drug": "morphine", "route": "oral", "form": "ir", "prn": True, "dose": "5 mg",
          "doses_per_day": 2}  # fmt: skip
PATCHES = [
    {"drug": "fentanyl", "route": "transdermal", "continuous": True},
    {"drug": "buprenorphine", "route": "transdermal", "continuous": True},
]


def _applied(items: list[dict[str, Any]], target: dict[str, Any]):  # type: ignore[no-untyped-def]
    document = RegimenDocument.model_validate({"table": "uk-palliative", "items": items})
    try:
        plan = plan_rotation({"from": {"items": items}, "to": target, "table": "uk-palliative"})
    except PlanningError:  # a patch to the same patch is a dose change, not a plan
        reject()
    state = state_from_document(document)
    return plan, apply_plan(state, plan, opioid_rows(state, plan)).document


def _signed(plan) -> str:  # type: ignore[no-untyped-def]
    """The new regimen beside the signature lines of the page printed after Apply."""
    return next(f.value for f in signed_facts(applied_plan_view(plan)) if f.label == "New regimen")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(_LINES)), min_size=1, max_size=3, unique=True),
    st.booleans(),
    st.sampled_from(PATCHES),
)
def test_every_kept_step_is_a_typed_row_and_a_signed_line(
    names: list[str], rescue: bool, target: dict[str, Any]
) -> None:
    items = [_LINES[name] for name in names] + ([RESCUE] if rescue else [])
    plan, applied = _applied(items, target)
    if plan.regimen.no_dose is not None:
        return
    steps = [s for s in plan.schedule if KEEP_STEP.match(s.when) and s.action.startswith("Keep")]
    assert all(step.keeps is not None for step in steps), [s.action for s in steps]
    signed = _signed(plan)
    kept_rows = [item for item in applied.items if item.stops_after is not None]
    assert len(kept_rows) == len(steps), (names, [s.action for s in steps])
    for step in steps:
        assert step.keeps is not None
        hours = float(KEEP_STEP.match(step.when).group(1))  # type: ignore[union-attr]
        assert step.keeps.hours == hours
        # the signed page names the line and when it stops
        assert f"continue {kept_then(step.keeps.order, hours)}" in signed, signed
        current = RegimenDocument.model_validate({"items": items}).items[step.keeps.index]
        row = next(r for r in kept_rows if r.drug == current.drug and r.route == current.route)
        assert row.stops_after is not None and row.stops_after.hours == hours
        assert order_line(row).endswith(kept_words(hours)), order_line(row)
    # the applied total is the regimen once the kept lines stop: as if they were not there
    without = applied.model_copy(
        update={"items": [i for i in applied.items if i.stops_after is None]}
    )
    totals = [compute_mme(TABLES, d, table_id="uk-palliative") for d in (applied, without)]
    assert totals[0].total_mme_per_day == totals[1].total_mme_per_day


def test_the_reviewers_syringe_driver_to_a_patch() -> None:
    """The review's own plan: oxycodone SC 40 mg/24 h to a fentanyl patch 25 mcg/h."""
    items = [_LINES["oxycodone sc driver"], RESCUE]
    plan, applied = _applied(items, PATCHES[0])
    signed = _signed(plan)
    assert signed == (
        "fentanyl transdermal patch 25 mcg/h (change every 72 hours); continue oxycodone sc "
        "40 mg/day continuous for the first 12 h after the patch goes on, then stop it"
    ), signed
    [kept] = [item for item in applied.items if item.stops_after is not None]
    assert order_line(kept) == (
        "oxycodone sc 40 mg over 24 h by syringe driver (1.66 mg/h) for the first 12 h after the "
        "patch goes on, then stop it"
    )


def test_the_check_and_the_printed_regimen_say_why_the_kept_line_is_not_counted() -> None:
    """The check of the applied regimen lists the kept line with its stop, not counted in the
    current total for that reason (never "as-needed doses excluded"); the printed regimen's
    amount and the total's worked line say the same."""
    _, applied = _applied([_LINES["oxycodone sc driver"], RESCUE], PATCHES[0])
    items = [item.model_dump(mode="json") for item in applied.items]
    request = {"from": {"items": items}, "proposed": {"items": items}, "table": "uk-palliative"}
    result = check_proposal(request)
    row = next(k for k, item in enumerate(applied.items) if item.stops_after is not None)
    assert row in result.current_left_out
    current = order_lines(applied.items, result.current_left_out, market=result.market)
    assert current[row].endswith(f"{kept_words(12)} — {KEPT_MARK}"), current[row]
    assert LEFT_OUT_MARK not in current[row]
    assert printed_amount("40 mg/day continuous", applied.items[row]) == (
        f"40 mg/day continuous {kept_words(12)}"
    )
    mme = compute_mme(TABLES, applied, table_id="uk-palliative")
    line = next(line for line in mme.items if line.index == row)
    assert not line.counted and f"kept {kept_words(12)}: not in the daily total" in line.explanation
