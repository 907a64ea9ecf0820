"""Pharmacist re-check 15b, #8: the three-step schedule printed the intended share, not the share
given: "methadone 1 mg q8h (66.7% of the target, rounded down)" when the target is 2 mg q8h (50%),
and "hydromorphone ER 8 mg (66.7% of 16 mg)" (50%). Each step prints the share it gives, and the
intended share beside it when rounding made them differ (one wording: ``step_share``)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.services.rotation_service import plan_rotation
from tests.rotation.generated import GENERATED, plan_or_discard

M02 = {
    "from": {
        "items": [
            {"drug": "morphine", "route": "oral", "form": "ER", "dose": "100 mg",
             "frequency": "q12h"}
        ]
    },
    "to": {"drug": "methadone", "route": "oral"},
    "methadone_method": "msd-quill",
    "table": "fpm-2021",
    "methadone_schedule": "three-step",
}  # fmt: skip


def test_m02_prints_the_share_given_and_the_intended_one() -> None:
    actions = [e.action for e in plan_rotation(M02).schedule]
    assert (
        "methadone 1 mg as oral solution q8h (50% of the target; intended 66.7%, rounded down)"
        in actions[1]
    ), actions[1]
    assert (
        "methadone 500 micrograms as oral solution q8h (25% of the target; intended 33.3%, "
        "rounded down)" in actions[0]
    ), actions[0]
    assert "methadone 2 mg as oral solution q8h (100% of the target)" in actions[2], actions[2]
    # the previous opioid too: 30 mg of 100 mg is 30%, 65 mg is 65%
    assert (
        "morphine oral ER 30 mg q12h (30% of 100 mg; intended 33.3%, rounded down to the strengths)"
        in actions[1]
    )
    assert (
        "morphine oral ER 65 mg (60 mg + 5 mg) q12h (65% of 100 mg; intended 66.7%, rounded down "
        "to the strengths)" in actions[0]
    )


SHARE = re.compile(r"(?P<mg>[\d.]+) mg(?: \([^)]*\))?(?: as oral solution)? "
                   r"(?P<every>q\d+h|tid|bid) \((?P<percent>[\d.]+)% of "
                   r"(?P<whole>the target|[\d.]+ mg)")  # fmt: skip


@GENERATED
@given(
    mg=st.sampled_from([10, 15, 30, 35, 45, 60, 100, 120, 200]),
    drug=st.sampled_from(["morphine", "oxycodone"]),
    method=st.sampled_from(["ccdhb", "msd-quill", "jp-label"]),
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    market=st.sampled_from([None, "UK", "US"]),
)
def test_every_printed_share_is_the_share_given(
    mg: int, drug: str, method: str, table: str, market: str | None
) -> None:
    item = {"drug": drug, "route": "oral", "form": "ER", "dose": f"{mg} mg", "frequency": "q12h"}
    request: dict[str, Any] = {**M02, "from": {"items": [item]}, "methadone_method": method,
                               "table": table}  # fmt: skip
    if market:
        request["market"] = market
    plan = plan_or_discard(request)
    assert plan.regimen.dose is not None
    target = plan.regimen.dose.value
    for entry in plan.schedule:
        for found in SHARE.finditer(entry.action):
            whole = target if found["whole"] == "the target" else float(found["whole"][:-3])
            given_share = float(found["mg"]) / whole * 100
            assert abs(given_share - float(found["percent"])) <= 0.05 + 1e-9, entry.action
