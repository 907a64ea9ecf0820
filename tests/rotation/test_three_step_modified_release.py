"""Pharmacist re-check 15b, #7: the three-step methadone switch from hydromorphone ER 16 mg q24h
(ccdhb, US market) said on days 4–6 "give hydromorphone oral ER 5.33 mg q24h (below the smallest
strength of the form: measure it, …)". A modified-release tablet cannot be split, crushed or
measured (crushing dumps the dose). A step of a previous modified-release line is a dose its
strengths make, rounded down as every step is; where none can, the three steps are refused
naming ``methadone_schedule`` with the reason (docs/rotation.md, "Three steps from a
modified-release tablet")."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import InputError, MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from tests.rotation.generated import GENERATED, MARKETS

M05 = {
    "from": {
        "items": [
            {
                "drug": "hydromorphone",
                "route": "oral",
                "form": "ER",
                "dose": "16 mg",
                "frequency": "q24h",
            }
        ]
    },
    "to": {"drug": "methadone", "route": "oral"},
    "methadone_method": "ccdhb",
    "table": "fpm-2021",
    "methadone_schedule": "three-step",
    "market": "US",
}


def test_m05_refuses_the_three_steps_with_the_reason() -> None:
    with pytest.raises(InputError) as refused:
        plan_rotation(M05)
    assert refused.value.location == "methadone_schedule"
    said = str(refused.value)
    assert "hydromorphone oral ER" in said and "5.33 mg" in said, said
    assert "cannot be split" in said and "stop and go" in said, said
    assert "measure it" not in said


def test_m05_in_the_uk_is_given_with_its_tablets() -> None:
    """UK lists hydromorphone ER 2 mg: 1/3 of 16 mg rounds down to 4 mg, a dose its tablets make."""
    plan = plan_rotation({**M05, "market": "UK"})
    steps = " ".join(e.action for e in plan.schedule)
    assert "hydromorphone oral MR 4 mg q24h" in steps, steps  # the UK's word (review 19, L9)
    assert "measure it" not in steps


_MR_LINES = st.tuples(
    st.sampled_from(["morphine", "oxycodone", "hydromorphone", "tapentadol", "oxymorphone"]),
    st.sampled_from([2, 4, 8, 10, 12, 15, 16, 20, 30, 40, 50, 60, 100, 200]),
    st.sampled_from(["q12h", "q24h"]),
)


@GENERATED
@given(
    line=_MR_LINES,
    method=st.sampled_from(["ccdhb", "jp-label", "msd-quill"]),
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    market=MARKETS,
)
def test_no_step_of_a_modified_release_form_is_measured_or_below_its_strengths(
    line: tuple[str, int, str], method: str, table: str, market: str | None
) -> None:
    drug, mg, frequency = line
    item = {"drug": drug, "route": "oral", "form": "ER", "dose": f"{mg} mg", "frequency": frequency}
    request: dict[str, Any] = {
        "from": {"items": [item]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": method,
        "table": table,
        "methadone_schedule": "three-step",
    }
    if market is not None:
        request["market"] = market
    try:
        plan = plan_rotation(request)
    except MpsPainError:
        return  # refused with its reason: nothing is given
    for entry in plan.schedule:
        assert "measure it" not in entry.action, entry.action
        assert "below the smallest strength" not in entry.action, entry.action
