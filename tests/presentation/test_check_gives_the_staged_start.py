"""Clinician re-check 20c, M1: after Apply of the plan from a fentanyl patch and oxycodone to a
morphine syringe driver, a check of the applied regimen printed and signed "morphine sc
injection 50 mg over 24 h by syringe driver (2.08 mg/h)" alone, in the current regimen, the
proposed order and the signed order, without the plan's 22.5 mg over 24 h until 17 h after the
patch is removed. The applied rows carry the plan's first part as typed data (``first_part``), and
every order line of such a row gives it in the one wording of the plan's signed page
(``staged_words.first_then``); a row without it is written as before."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.regimen import RegimenItem
from mps_pain.errors import MpsPainError
from mps_pain.presentation.applied_glance import full_from
from mps_pain.presentation.check import check_view, signed_for
from mps_pain.presentation.orders import order_line, order_lines, proposed_order_lines
from mps_pain.presentation.staged_words import NO_REGULAR, first_then
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from tests.presentation.test_signed_regimen_is_staged import REGIMENS, TARGETS
from ui.planner.apply import planned_items

WARD = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}
    | {"doses_per_day": 3},
]
SC = {"drug": "morphine", "route": "sc", "continuous": True}


def _cases() -> list[Any]:
    return [
        pytest.param(
            items, to, id=f"{'+'.join(i['drug'] for i in items)}-{to['drug']}-{to['route']}"
        )
        for items in REGIMENS
        for to in TARGETS
    ]


def _unstaged(item: RegimenItem) -> str:
    return order_line(item.model_copy(update={"first_part": None}))


@pytest.mark.parametrize(("items", "to"), _cases())
def test_every_applied_row_of_a_staged_plan_gives_its_first_part(items, to) -> None:
    request = {"from": {"items": items}, "to": to, "table": "uk-palliative", "market": "UK"}
    try:
        plan = plan_rotation(request)
    except MpsPainError as refused:
        pytest.skip(str(refused)[:80])
    applied = planned_items(plan)
    when = full_from(plan)
    regular = [item for item in applied if not item.prn]
    if when is None:
        assert all(item.first_part is None for item in applied)
        return
    assert regular and all(item.first_part is not None for item in regular)
    assert all(item.first_part is None for item in applied if item.prn)  # the rescue from 0 h
    for item in regular:
        line = order_line(item)
        said = f" until {when} after the patch is removed, then {_unstaged(item)}"
        assert line.endswith(said), line
        if plan.first_part is None:
            assert line == first_then(None, when, _unstaged(item))
        else:
            before = line.split(" until ")[0]
            first = plan.first_part.regimen
            assert not before.startswith(NO_REGULAR), line
            if first.rate is not None:  # an infusion by its 24-h amount, as its full dose
                assert f"{plan.first_part.daily_dose.value:g} mg over 24 h" in before, line
            else:
                assert first.dose is not None and first.frequency is not None
                assert f"{first.dose.value:g} {first.dose.unit} {first.frequency}" in before, line


def _applied_check() -> tuple[list[RegimenItem], Any]:
    plan = plan_rotation({"from": {"items": WARD}, "to": SC, "table": "uk-palliative"})
    applied = planned_items(plan)
    current = [item.model_dump(mode="json") for item in applied]
    result = check_proposal(
        {
            "from": {"items": current},
            "proposed": {"items": current},
            "table": "uk-palliative",
            "market": "UK",
        }
    )
    return applied, result


def test_the_reviewers_check_gives_the_first_17_h_where_it_is_read_and_signed() -> None:
    applied, result = _applied_check()
    staged = (
        "morphine sc injection 22.5 mg over 24 h by syringe driver (0.93 mg/h) until 17 h after "
        "the patch is removed, then morphine sc injection 50 mg over 24 h by syringe driver "
        "(2.08 mg/h)"
    )
    assert order_lines(applied, market="UK")[0] == staged  # the current regimen
    proposed = proposed_order_lines(applied, result)
    assert proposed[0] == staged  # the proposed order
    signed = {f.label: f.value for f in signed_for(check_view(result), "Mrs Ward", proposed)}
    assert signed["Proposed order"].startswith(f"{staged}; morphine sc injection 8 mg")


def test_a_row_without_a_staged_start_is_written_as_before() -> None:
    applied, _ = _applied_check()
    rescue = applied[-1]
    assert rescue.first_part is None and "first_part" not in rescue.model_dump(mode="json")
    assert order_line(rescue, rescue=True) == "morphine sc injection 8 mg as needed"
