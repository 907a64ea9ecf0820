"""Clinician re-check 20b, N12: the syringe-driver plan's signature page read "New regimen:
morphine sc injection 50 mg over 24 h by syringe driver (2.08 mg/h)" with nothing of the first
17 h at 22.5 mg/24 h, though page 1 gave them; the signed page is the one copied to the drug
chart. The applied plan's "New regimen" (its table and the signed facts, one value) says the
staged first part whenever the plan waits for a patch's skin depot, and only then."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.presentation.applied_glance import NO_REGULAR, full_from
from mps_pain.presentation.applied_plan import applied_plan_view, signed_facts
from mps_pain.presentation.rotation import plan_view, regimen_sentence
from mps_pain.presentation.spoken import in_words_of
from mps_pain.services.rotation_service import plan_rotation
from tests.presentation.test_applied_arithmetic import MORPHINE_MR, PATCH, RESCUE, TARGETS

OXY_MR = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"}
REGIMENS = ([PATCH], [PATCH, OXY_MR, RESCUE | {"doses_per_day": 3}], [MORPHINE_MR])


def _cases() -> list[Any]:
    return [
        pytest.param(
            items, to, id=f"{'+'.join(i['drug'] for i in items)}-{to['drug']}-{to['route']}"
        )
        for items in REGIMENS
        for to in TARGETS
    ]


@pytest.mark.parametrize(("items", "to"), _cases())
def test_the_signed_new_regimen_gives_the_first_part_when_staged(items, to) -> None:
    request = {"from": {"items": items}, "to": to, "table": "uk-palliative", "market": "UK"}
    try:
        plan = plan_rotation(request)
    except MpsPainError as refused:
        pytest.skip(str(refused)[:80])
    view = applied_plan_view(plan)
    table = {fact.label: fact.value for fact in view.facts}
    signed = {fact.label: fact.value for fact in signed_facts(view)}
    assert signed["New regimen"] == table["New regimen"]
    when = full_from(plan)
    said = signed["New regimen"]
    if when is None:
        assert "after the patch is removed" not in said, said
        return
    with in_words_of(plan.market):
        part = plan.first_part
        first = NO_REGULAR if part is None else regimen_sentence(part.regimen)
    unstaged = {fact.label: fact.value for fact in plan_view(plan).facts}["New regimen"]
    assert said == f"{first} until {when} after the patch is removed, then {unstaged}", said


def test_the_review_syringe_driver_is_signed_with_its_22_5_mg_first() -> None:
    ward = [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
        OXY_MR,
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}
        | {"doses_per_day": 3},
    ]
    to = {"drug": "morphine", "route": "sc", "continuous": True}
    plan = plan_rotation({"from": {"items": ward}, "to": to, "table": "uk-palliative"})
    signed = {f.label: f.value for f in signed_facts(applied_plan_view(plan))}
    assert signed["New regimen"].startswith("morphine sc injection 22.5 mg over 24 h"), signed
    assert (
        "until 17 h after the patch is removed, then morphine sc injection 50 mg over 24 h"
        in (signed["New regimen"])
    )
