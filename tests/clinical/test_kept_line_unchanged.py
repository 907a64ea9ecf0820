"""A current line kept IDENTICAL in the proposal is not switched (pharmacist review 13, #1, O14b).

Oxycodone ER 20 mg q12h + oxycodone IR 5 mg as needed x3/day -> morphine ER 10 mg q12h + the same
oxycodone IR 5 mg as needed x3 was WITHIN 41.25-61.88 mg/day OME: the whole 82.5 (60 regular +
22.5 as needed) x (1 - 25-50%), against a proposal of 42.5 (20 + the unchanged 22.5). Only the
regular oxycodone (60 OME, reference §3(b) oxycodone 1.5) is switched, at 25-50% (Milton
Keynes): 30-45 mg/day; the kept line stays 22.5 -> 52.5-67.5 mg/day OME, and 20 mg/day morphine
is a 67% cut of the regular opioid -> BELOW. The kept line takes the same drug's case (0%) on its
share, the one per-share rule of a mixed switch (``reduction.shares``), said "kept unchanged".

Clinician review 16, #2 reversed this for an as-needed line within the breakthrough rule: in a
proposal it is an order, not an intake, kept or not (the switching plan's own breakthrough dose
may repeat the current one), so it is not summed. O14b's rescue (7.5 mg OME a dose beside
morphine 20 mg/day) was outside the rule and read as a kept line, summed at its 3 doses.
Clinician review 17, #1 (``rescue_ceiling``) sets a rescue aside up to 1/6 of the larger of the
proposed regular dose and the dose the patient takes now (82.5 mg/day OME: 13.75 a dose), so it
is an order, not summed: the regular 20 mg/day is judged against the whole 82.5 x (1 - 25-50%),
still BELOW, and the size caution says the rescue is outside the rule for the new regular dose.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.clinical.test_added_line_other_drug import _check, _said
from tests.rotation.generated import DEAR

_OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "q12h"}
_OXY_PRN = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ir",
    "dose": "5 mg",
    "prn": True,
    "doses_per_day": 3,
}


def _morphine_er(mg: float) -> dict[str, Any]:
    return {
        "drug": "morphine",
        "route": "oral",
        "form": "er",
        "dose": f"{mg:g} mg",
        "frequency": "q12h",
    }


def test_o14b_a_repeated_rescue_within_the_current_dose_is_an_order_and_still_below() -> None:
    result = _check([_OXY_ER, _OXY_PRN], [_morphine_er(10), _OXY_PRN], "uk-palliative")
    said = _said(result)
    assert (result.expected_low, result.expected_high) == pytest.approx((41.25, 61.875)), said
    assert result.proposed_ome_per_day == pytest.approx(20), said
    assert result.proposed_rescues == (1,), said
    assert result.verdict == "below", said
    outside = [w for w in result.warnings if w.code == "breakthrough-dose-outside-rule"]
    assert outside and "20 mg/day OME" in outside[0].message, said


def test_o14_the_same_with_morphine_30_q12h_reads_as_the_plan() -> None:
    """Clinician review 16, #2 (reversing session 14's D4): an as-needed line in a proposal is an
    order, not an intake, also when it repeats a current one beside a switch. Oxycodone IR 5 mg
    (7.5 mg OME a dose) is within 1/6 of morphine 60 mg/day, so it is a breakthrough order, not
    summed: morphine 60 mg/day is judged against the whole current use (82.5 mg/day OME), as the
    switching plan for this patient gives morphine ER 30 mg q12h (41.25-61.88 mg/day) and stops
    the old as-needed line. Was: NOT REDUCED, the kept 22.5 held out of the reduction."""
    result = _check([_OXY_ER, _OXY_PRN], [_morphine_er(30), _OXY_PRN], "uk-palliative")
    said = _said(result)
    assert (result.expected_low, result.expected_high) == pytest.approx((41.25, 61.875)), said
    assert result.proposed_ome_per_day == pytest.approx(60), said
    assert result.proposed_rescues == (1,), said
    assert result.verdict == "within", said


def test_within_for_the_switched_part_is_within_with_the_kept_line() -> None:
    # 60 OME oxycodone -> morphine 40 mg/day (-33%) is within alone, and beside the kept line
    alone = _check([_OXY_ER], [_morphine_er(20)], "uk-palliative")
    kept = _check([_OXY_ER, _OXY_PRN], [_morphine_er(20), _OXY_PRN], "uk-palliative")
    assert alone.verdict == kept.verdict == "within", _said(kept)


_SWITCHED = st.one_of(
    st.builds(lambda d: _OXY_ER | {"dose": f"{d} mg"}, st.sampled_from([5, 10, 20, 40, 60])),
    st.builds(lambda d: _morphine_er(d), st.sampled_from([10, 30, 60, 100])),
    st.builds(
        lambda r: {"drug": "morphine", "route": "sc", "rate": f"{r} mg/day"},
        st.sampled_from([10, 20, 40, 60]),
    ),
    st.builds(
        lambda d: {
            "drug": "hydromorphone",
            "route": "oral",
            "form": "ir",
            "dose": f"{d} mg",
            "frequency": "q4h",
        },
        st.sampled_from([1.3, 2, 4, 8]),
    ),
)
_KEPT = st.one_of(
    st.builds(
        lambda drug, d, n: {
            "drug": drug,
            "route": "oral",
            "form": "ir",
            "dose": f"{d} mg",
            "prn": True,
            "doses_per_day": n,
        },
        st.sampled_from(["oxycodone", "morphine", "hydromorphone"]),
        st.sampled_from([1.3, 2.5, 5, 10]),
        st.integers(1, 6),
    ),
    st.builds(
        lambda r: {"drug": "oxycodone", "route": "sc", "rate": f"{r} mg/day"},
        st.sampled_from([5, 10, 20]),
    ),
)
_TO = st.sampled_from(
    [
        ("morphine", {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}),
        ("oxycodone", {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"}),
        ("hydromorphone", {"drug": "hydromorphone", "route": "sc"}),
        ("oxycodone", {"drug": "oxycodone", "route": "sc"}),
    ]
)


def _at(to: dict[str, Any], mg_per_day: float) -> dict[str, Any]:
    if "frequency" in to:
        return to | {"dose": f"{round(mg_per_day / 2, 2)} mg"}
    return to | {"rate": f"{round(mg_per_day, 2)} mg/day"}


#: two checks an example (about 30 ms each): a short default run, the long one under ci-long
_KEPT_RUN = settings(DEAR, max_examples=1000 if settings.default.max_examples > 1000 else 25)


@_KEPT_RUN
@given(_SWITCHED, _KEPT, _TO, st.sampled_from(["fpm-2021", "uk-palliative"]), st.floats(0.05, 0.95))
def test_a_line_kept_on_both_sides_never_changes_a_within_verdict(
    switched: dict[str, Any], kept: dict[str, Any], to: Any, table: str, where: float
) -> None:
    drug, line = to
    assume(drug != switched["drug"])
    # the proposal's amount: a point inside the range the switch alone is judged against (the
    # range does not depend on the proposed amount; that point alone is within)
    alone = _check([switched], [_at(line, 10)], table)
    per_mg = alone.proposed_ome_per_day / 10
    amount = (alone.expected_low + where * (alone.expected_high - alone.expected_low)) / per_mg
    both = _check([switched, kept], [_at(line, amount), kept], table)
    if both.proposed_rescues:  # a breakthrough order (clinician review 16, #2): never summed
        assert kept.get("prn") and both.proposed_rescues == (1,), _said(both)
        without = _check([switched, kept], [_at(line, amount)], table)
        assert (both.verdict, both.proposed_ome_per_day) == (
            without.verdict,
            without.proposed_ome_per_day,
        ), _said(both)
        return
    assert both.verdict == "within", _said(both)
    if kept["drug"] != drug:  # a line of the target's drug goes by its cited ratio (own_ratio)
        kept_ome = both.current_ome_per_day - alone.current_ome_per_day  # the kept line's own
        assert both.expected_low == pytest.approx(alone.expected_low + kept_ome, rel=1e-3)
        assert both.expected_high == pytest.approx(alone.expected_high + kept_ome, rel=1e-3)
