"""Pharmacist review 19, L2: the depot caution misquoted the order (vin/V9a). An as-needed line
with ``doses_per_day: "not reported"`` was said as "× 1 taken in 24 h (5 mg/day)", an intake
nobody wrote; and a patch only LOWERED (50 → 25) got "A regular opioid that replaces the patch
starts 17 h after removal", where nothing replaces it. The caution now says only what the order
says: the as-needed lines as ordered (drug, form, dose, as needed), from the change to the lower
patch when it is lowered, and the replacing opioid's start only when a patch comes off.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.depot_start import DEPOT_START
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.rotation.generated import GENERATED

TABLES = get_tables()
REPLACES = "A regular opioid that replaces the patch starts"
V9A_RESCUE = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "IR",
    "dose": "5 mg",
    "prn": True,
    "doses_per_day": "not reported",
}


def _patch(rate: float) -> dict[str, Any]:
    return {"drug": "fentanyl", "route": "transdermal", "rate": f"{rate} mcg/h"}


def _depot(current: list[dict[str, Any]], proposed: list[dict[str, Any]]) -> str:
    request = {"from": {"items": current}, "proposed": {"items": proposed}}
    result = check_proposal(request | {"table": "uk-palliative"}, tables=TABLES)
    [message] = [w.message for w in result.warnings if w.code == DEPOT_START]
    return message


def test_v9a_a_lowered_patch_and_an_unreported_rescue_are_said_as_ordered() -> None:
    message = _depot([_patch(50)], [_patch(25), V9A_RESCUE])
    assert "oxycodone oral IR 5 mg as needed," in message, message
    assert "taken in 24 h" not in message and "5 mg/day" not in message, message
    assert REPLACES not in message, message
    assert "(the change to the lower patch)" in message, message


@GENERATED
@given(
    st.sampled_from([25, 50, 75, 100]),
    st.booleans(),
    st.sampled_from(["not reported", 1, 4, 6]),
    st.sampled_from([("oxycodone", "oral", "IR", "5 mg"), ("morphine", "sc", None, "2.5 mg")]),
)
@example(50, True, "not reported", ("oxycodone", "oral", "IR", "5 mg"))  # V9a
def test_the_depot_caution_says_only_what_the_order_says(
    rate: float, lowered: bool, doses: Any, rescue: tuple[str, str, str | None, str]
) -> None:
    drug, route, form, dose = rescue
    if not lowered and doses == "not reported":  # unstated only beside a regular opioid
        doses = 4
    line = {"drug": drug, "route": route, "dose": dose, "prn": True, "doses_per_day": doses}
    line |= {"form": form} if form else {}
    kept = [_patch(rate / 2)] if lowered else []
    message = _depot([_patch(rate)], [*kept, line])
    assert "taken in 24 h" not in message and "mg/day" not in message, message
    assert f"{dose} as needed" in message, message
    assert (REPLACES in message) is not lowered, message
