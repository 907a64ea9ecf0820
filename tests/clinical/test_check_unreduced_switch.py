"""Pharmacist review 5, D3: the check's expected range is the planner's rule — the set's own
factor (or ratio) with the cited reduction range — so an unreduced switch between different
opioids is never ``within``.

The check used to stack the high end of the current drug's factor range on the least reduction
(oxycodone 340 mg/day → fentanyl 212 mcg/h, a 0.2% reduction at the set's own factor, passed as
within: repro ``k04-ox340-patch212``; oxycodone 120 → morphine 180 mg/day, 0%: ``k14``).
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]


def _check(current: list[dict[str, Any]], proposed: dict[str, Any], table: str) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": [proposed]}, "table": table}
    return check_proposal(document, tables=TABLES)


def test_k04_unreduced_beyond_chart_patch_is_above() -> None:
    """k04: oxycodone ER 340 mg/day → fentanyl 212 mcg/h (uk-palliative) is 0.2% reduced."""
    current = [{"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "340 mg/day"}]
    result = _check(
        current, {"drug": "fentanyl", "route": "transdermal", "rate": "212 mcg/h"}, "uk-palliative"
    )
    assert result.verdict == "not_reduced"  # not above equianalgesia (pharmacist review 8, N5)
    assert result.expected_low == 255 and result.expected_high == 382.5
    # the plan's own 150 mcg/h stays within
    planned = _check(
        current, {"drug": "fentanyl", "route": "transdermal", "rate": "150 mcg/h"}, "uk-palliative"
    )
    assert planned.verdict == "within"


def test_k14_unreduced_oxycodone_to_morphine_is_above() -> None:
    """k14: oxycodone ER 60 mg q12h → morphine ER 90 mg q12h (uk-palliative) is 0% reduced."""
    current = [
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}
    ]
    proposed = {
        "drug": "morphine",
        "route": "oral",
        "form": "ER",
        "dose": "90 mg",
        "frequency": "q12h",
    }
    result = _check(current, proposed, "uk-palliative")
    assert result.verdict == "not_reduced"  # equianalgesic: a caution (pharmacist review 8, N5)
    assert (result.expected_low, result.expected_high) == (90, 135)


CURRENT = st.one_of(
    st.floats(20, 600).map(
        lambda d: {
            "drug": "morphine",
            "route": "oral",
            "form": "ER",
            "daily_dose": f"{round(d)} mg/day",
        }
    ),
    st.floats(20, 400).map(
        lambda d: {
            "drug": "oxycodone",
            "route": "oral",
            "form": "ER",
            "daily_dose": f"{round(d)} mg/day",
        }
    ),
    st.floats(4, 64).map(
        lambda d: {
            "drug": "hydromorphone",
            "route": "oral",
            "form": "ER",
            "daily_dose": f"{round(d)} mg/day",
        }
    ),
    st.floats(10, 200).map(
        lambda d: {"drug": "morphine", "route": "sc", "daily_dose": f"{round(d)} mg/day"}
    ),
    st.floats(10, 200).map(
        lambda d: {"drug": "oxycodone", "route": "sc", "daily_dose": f"{round(d)} mg/day"}
    ),
    st.floats(0.5, 8).map(
        lambda r: {"drug": "oxycodone", "route": "iv", "rate": f"{round(r, 2)} mg/h"}
    ),
    st.floats(100, 400).map(
        lambda d: {"drug": "tramadol", "route": "oral", "daily_dose": f"{round(d)} mg/day"}
    ),
)
TARGETS = [
    {"drug": "morphine", "route": "oral", "form": "ER"},
    {"drug": "oxycodone", "route": "oral", "form": "ER"},
    {"drug": "hydromorphone", "route": "oral", "form": "ER"},
    {"drug": "morphine", "route": "sc"},
    {"drug": "oxycodone", "route": "sc"},
    {"drug": "hydromorphone", "route": "sc"},
    {"drug": "fentanyl", "route": "transdermal"},
    {"drug": "fentanyl", "route": "iv"},
]


def _proposal(target: dict[str, Any], amount: float) -> dict[str, Any]:
    if target["drug"] == "fentanyl":
        return {**target, "rate": f"{amount} mcg/h"}
    return {**target, "daily_dose": f"{amount} mg/day"}


def _other_drug_targets(current: dict[str, Any]) -> Any:
    return st.sampled_from([t for t in TARGETS if t["drug"] != current["drug"]])


#: (current line, target of another opioid): a switch between different opioids, the target
#: drawn from those of another drug, not drawn from all and discarded (22% of the draws were)
SWITCHES = CURRENT.flatmap(lambda c: st.tuples(st.just(c), _other_drug_targets(c)))


@settings(GENERATED)
@given(switch=SWITCHES, table=st.sampled_from(SETS))
def test_an_unreduced_different_opioid_switch_is_never_within(
    switch: tuple[dict[str, Any], dict[str, Any]], table: str
) -> None:
    """For every set and switch between different opioids, the proposal at the set's own factor
    with 0% reduction (the equianalgesic amount itself) is never within."""
    current, target = switch
    assert current["drug"] != target["drug"]
    try:
        probe = _check([current], _proposal(target, 10.0), table)
    except MpsPainError as refusal:  # the set has no row for this drug, or refuses it
        discard(refusal)
    assume(probe.switch_kind == "different_opioid" and probe.proposed_ome_per_day > 0)
    per_unit = probe.proposed_ome_per_day / 10.0
    equianalgesic = probe.current_ome_per_day / per_unit
    result = _check([current], _proposal(target, round(equianalgesic, 6)), table)
    assert result.switch_kind == "different_opioid"
    assert result.verdict != "within", (current, target, table, result.reasons)
