"""A partial route switch and an added line of the same drug (fuzz review 11, #1; pharmacist
review 11, T01; docs/clinical-review.md "Open after session 10").

c8: morphine oral 60 mg q12h → oral 30 mg q12h + SC 1.25 mg/h was "ABOVE — risk of overdose"
under fpm-2021 and jspm-2010 (150 vs 120 mg/day OME: the SC line valued at the set's 3:1), while
the whole oral dose moved to SC is judged by the cited 2–3:1 range. A line of the same drug by
another route is valued by the same cited route conversion whether it takes the whole current
dose or part of it (``classify.route_split``, one function for both and the planner's ratios).

T01: morphine oral ER 30 mg q12h kept unchanged with SC 0.5 mg/h added was judged a switch
(ABOVE 84 vs 60): a proposal keeping every current line and adding lines is a dose increase of
the added amount, judged by the dose-change rules and said in %.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dose_change import STEP_ABOVE
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import SETS
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()

_ORAL_60 = {"drug": "morphine", "route": "oral", "dose": "60 mg", "frequency": "q12h"}
_C8 = [_ORAL_60 | {"dose": "30 mg"}, {"drug": "morphine", "route": "sc", "rate": "1.25 mg/h"}]
_ER_30 = {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"}
_T01 = [_ER_30, {"drug": "morphine", "route": "sc", "rate": "0.5 mg/h"}]


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    return check_proposal(document, tables=TABLES)


def test_c8_half_moved_to_sc_is_judged_by_the_cited_range_under_every_set() -> None:
    for table in SETS:
        result = _check([_ORAL_60], _C8, table)
        context = (table, result.reasons, result.warnings)
        assert result.verdict == "within", context
        assert not [w for w in result.warnings if w.severity == "danger"], context
        # the moved half (60 mg/day oral) by the cited 2-3:1: 20-30 mg/day SC; 30 proposed
        assert (result.expected_low, result.expected_high) == (20, 30), context
        assert (result.proposed_ome_per_day, result.unit) == (30, "mg/day morphine sc"), context
        assert result.switch_kind == "route_change", context
        assert any("kept" in r for r in result.reasons), context


def test_c8_above_the_cited_range_of_the_moved_part_is_above() -> None:
    proposed = [_C8[0], {"drug": "morphine", "route": "sc", "rate": "2 mg/h"}]  # 48 > 30
    for table in SETS:
        result = _check([_ORAL_60], proposed, table)
        assert result.verdict == "above", (table, result.reasons)


def test_t01_an_added_sc_line_is_a_dose_increase_of_its_amount() -> None:
    for table in SETS:
        result = _check([_ER_30], _T01, table)
        context = (table, result.reasons, result.warnings)
        assert (result.verdict, result.switch_kind) == ("dose_change", "dose_change"), context
        assert not [w for w in result.warnings if w.severity == "danger"], context
        # SC 12 mg/day by the cited 2-3:1 is oral 24-36 mg/day on 60: +40-60%
        said = " ".join([*result.reasons, *(w.message for w in result.warnings)])
        assert "+40–60%" in said, context


def test_an_added_line_more_than_doubling_the_dose_is_the_step_danger() -> None:
    added = [_ER_30, {"drug": "morphine", "route": "sc", "rate": "2 mg/h"}]  # 48 SC ~ 96-144
    for table in SETS:
        result = _check([_ER_30], added, table)
        assert result.verdict == "dose_change", result.reasons
        assert [w.code for w in result.warnings if w.severity == "danger"] == [STEP_ABOVE]


# (drug, the current line at a daily amount, the new route's line at a daily amount)
def _oral_er(drug: str, mg: float) -> dict[str, Any]:
    dose = f"{mg / 2:g} mg"
    return {"drug": drug, "route": "oral", "form": "er", "dose": dose, "frequency": "q12h"}


def _rate(drug: str, route: str) -> Any:
    return lambda mg: {"drug": drug, "route": route, "rate": f"{mg:g} mg/day"}


_PAIRS = [
    ("morphine", lambda mg: _oral_er("morphine", mg), _rate("morphine", "sc")),
    ("morphine", lambda mg: _oral_er("morphine", mg), _rate("morphine", "iv")),
    ("oxycodone", lambda mg: _oral_er("oxycodone", mg), _rate("oxycodone", "sc")),
    ("hydromorphone", _rate("hydromorphone", "sc"), _rate("hydromorphone", "iv")),
    ("morphine", _rate("morphine", "sc"), lambda mg: _oral_er("morphine", mg)),
]


@settings(GENERATED)
@given(
    st.sampled_from(_PAIRS),
    st.sampled_from(SETS),
    st.integers(6, 100).map(lambda n: 4.0 * n),
    st.floats(0, 1),
    st.sampled_from([0.25, 0.5, 0.75]),
)
def test_splitting_a_whole_route_switch_never_makes_it_above(pair, table, now, where, kept):
    _, current_line, new_line = pair
    current = [current_line(now)]
    try:  # the cited range of the whole dose moved, then a target within it
        whole = _check(current, [new_line(now)], table)
        low, high = whole.expected_low, whole.expected_high
        target = math.floor((low + (high - low) * where) * 10) / 10
        whole = _check(current, [new_line(target)], table)
    except MpsPainError as refusal:  # an amount the set or the plausibility bounds refuse, named
        discard(refusal)
    assume(whole.verdict == "within" and whole.switch_kind == "route_change")
    # keep a part of the current route; the rest of the whole target by the new route
    split = [current_line(now * kept), new_line(math.floor(target * (1 - kept) * 100) / 100)]
    result = _check(current, split, table)
    assert result.verdict != "above", (current, split, table, result.reasons)


def test_another_opioid_added_to_every_line_kept_is_a_dose_increase_by_its_factor() -> None:
    # the T01 class with no cited conversion: the added line by the set's factor (oxycodone oral
    # 15 mg/day is 22.5 mg/day OME at 1.5 under every set): 30 -> 52.5, +75%; not a switch of
    # the whole regimen to oxycodone judged against 30-45 (ABOVE)
    kept = _ER_30 | {"dose": "15 mg"}
    oxycodone = {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "2.5 mg"}
    proposed = [kept, oxycodone | {"frequency": "q4h"}]
    for table in SETS:
        result = _check([kept], proposed, table)
        context = (table, result.reasons, result.warnings)
        assert (result.verdict, result.switch_kind) == ("dose_change", "dose_change"), context
        assert result.proposed_ome_per_day == 52.5, context
        assert any("+75%" in r for r in result.reasons), context


def test_methadone_added_is_still_refused_not_read_as_an_increase() -> None:
    methadone = {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "q12h"}
    with pytest.raises(MpsPainError) as raised:  # methadone has no factor to add by
        _check([_ER_30], [_ER_30, methadone], "uk-palliative")
    assert raised.value.location == "proposed.items"


def test_an_added_opioid_the_patient_rules_avoid_is_still_avoid() -> None:
    # an added line of another drug is new to the patient: the planner's gate judges it as it
    # judged a switch to it (morphine at eGFR 15 mL/min), the increase notwithstanding
    oxycodone = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "10 mg"}
    oxycodone |= {"frequency": "q12h"}
    morphine = _ER_30 | {"dose": "5 mg"}
    document = {
        "from": {"items": [oxycodone]},
        "proposed": {"items": [oxycodone, morphine]},
        "table": "uk-palliative",
        "patient": {"cancer_or_palliative": True, "opioid_tolerant": True, "egfr": "15 mL/min"},
    }
    result = check_proposal(document, tables=TABLES)
    assert result.switch_kind == "dose_change", result.reasons
    assert result.avoid, result.warnings


@settings(GENERATED)
@given(
    st.sampled_from(_PAIRS),
    st.sampled_from(SETS),
    st.integers(6, 100).map(lambda n: 4.0 * n),
    st.sampled_from([0.05, 0.1, 0.25, 0.5]),
)
def test_a_line_added_to_an_unchanged_regimen_is_never_a_switch(pair, table, now, part):
    _, current_line, new_line = pair
    current = [current_line(now)]
    try:
        result = _check(current, [*current, new_line(round(now * part, 2))], table)
    except MpsPainError as refusal:  # an amount the set or the plausibility bounds refuse, named
        discard(refusal)
    assert (result.verdict, result.switch_kind) == ("dose_change", "dose_change"), result.reasons
    assert not [w for w in result.warnings if w.code == "proposal-above-range"], result.warnings
