"""One skin-depot rule for the plan and its check (the merge of clinician review 19 M4 with
pharmacist re-check 19b M2).

Review 19 M4: a patch-to-patch plan said "start the new opioid late and low" while its schedule
put the new patch on as the old one came off. Re-check 19b M2: the check of such an order must
keep the plan's skin-depot caution. Both hold only if the depot caution is worded by the one rule
of which switch from a patch waits for the depot (``patches.waits_for_depot``): a new patch is
told it goes on as the old one comes off, a new opioid that is not a patch to start late and low;
and the check of the plan's own order says the plan's caution word for word.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.depot_start import start_hour
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "review19b"
LATE = "late and low"
SWAP = "goes on as the old one comes off"

_PATCHES = {"fentanyl": (12, 25, 50, 100), "buprenorphine": (5, 10, 20, 35)}
_OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
_TARGETS: list[dict[str, Any]] = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch"},
    {"drug": "buprenorphine", "route": "transdermal", "form": "patch"},
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "hydromorphone", "route": "iv", "continuous": True},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
]


def _lingers(warnings: Any) -> set[str]:
    return {w.message for w in warnings if w.code == "patch-lingers"}


def _check_of(plan: Any, request: dict[str, Any]) -> Any:
    orders = [i.model_dump(mode="json", exclude_none=True) for i in order_lines(plan)]
    check = {k: v for k, v in request.items() if k != "to"}
    return check_proposal({**check, "proposed": {"items": orders}}, tables=TABLES)


def test_m1g_check_of_a_patch_for_a_patch_says_the_swap_not_late_and_low() -> None:
    request = json.loads((FIXTURES / "M1g-fent25-to-bup-check-uk.json").read_text())
    (lingers,) = _lingers(check_proposal(request, tables=TABLES).warnings)
    assert "skin depot for 12–36 h" in lingers and SWAP in lingers, lingers
    assert LATE not in lingers, lingers


def test_x01_plan_and_its_check_say_one_depot_caution_for_the_new_patch() -> None:
    request = json.loads((FIXTURES / "X01-fent25-to-buppatch-uk.json").read_text())
    plan = plan_rotation(request, tables=TABLES)
    said = _lingers(plan.warnings)
    assert said == _lingers(_check_of(plan, request).warnings), said
    assert all(SWAP in m and LATE not in m for m in said) and said, said


@settings(max_examples=40, deadline=None)
@given(
    old=st.sampled_from(sorted(_PATCHES)),
    index=st.integers(0, 3),
    to=st.sampled_from(_TARGETS),
    with_oxycodone=st.booleans(),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
@example(old="buprenorphine", index=2, to=_TARGETS[0], with_oxycodone=False, table="uk-palliative")
@example(old="fentanyl", index=1, to=_TARGETS[3], with_oxycodone=True, table="uk-palliative")
def test_the_depot_caution_of_a_plan_and_of_its_check_follow_the_one_rule(
    old: str, index: int, to: dict[str, Any], with_oxycodone: bool, table: str
) -> None:
    worn = {"drug": old, "route": "transdermal", "form": "patch",
            "rate": f"{_PATCHES[old][index]:g} mcg/h"}  # fmt: skip
    current = [worn, _OXY_ER] if with_oxycodone else [worn]
    if to["drug"] == old and to["route"] == "transdermal":
        return  # the same patch drug again is a dose change, no switch from a patch
    request: dict[str, Any] = {
        "from": {"items": current},
        "to": to,
        "table": table,
        "patient": {"cancer_or_palliative": True},
    }
    try:
        plan = plan_rotation(request, tables=TABLES)
        check = _check_of(plan, request)
    except MpsPainError:
        return  # a plan or an order the program refuses for a clinical reason
    said = _lingers(plan.warnings)
    waits = any(start_hour(entry.when) > 0 for entry in plan.schedule)
    new_patch = to["route"] == "transdermal"
    assert said, (request, plan.warnings)  # every switch from a worded patch has the caution
    assert said == _lingers(check.warnings), (request, said, check.warnings)
    for message in said:
        assert (LATE in message) == (not new_patch) == waits, (request, message, plan.schedule)
        assert (SWAP in message) == new_patch, (request, message)
