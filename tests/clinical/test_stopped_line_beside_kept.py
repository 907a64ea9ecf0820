"""A current drug kept while the other lines are stopped is a dose change of that drug, never a
switch to it (pharmacist re-check 12b, N5b; docs/clinical-review.md).

N5b: methadone oral 10 mg tid + oxycodone IR 5 mg q4h -> methadone 2 mg tid alone read WITHIN
"6-30 mg/day methadone": a switch TO methadone from an OME that summed methadone itself (30 x 8.25
+ oxycodone 45), with the danger "conversion FROM methadone is not bidirectional ... no dose of the
new opioid is proposed" although none was. The mirror of U05 (a line added beside a kept drug):
the kept drug is judged against its own amount (30 -> 6 mg/day, -80%) and the stopped line is
named as stopped, never converted into the kept drug.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dose_change import STEP_ABOVE, STEP_BELOW
from mps_pain.domain.rotation.check_kept import STOPPED_BESIDE_METHADONE
from mps_pain.domain.rotation.ome import FROM_METHADONE
from mps_pain.errors import MpsPainError
from tests.clinical.test_added_line_other_drug import _CURRENT, _amounts_said, _check, _said
from tests.clinical.test_planner_check_property import SETS
from tests.discarded import discard
from tests.rotation.generated import GENERATED

_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_OXY_IR = {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "5 mg", "frequency": "q4h"}
_MOR_ER = {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"}


def _own_said(result: Any) -> str:
    """The amounts said of each drug (a step warning's own step range apart)."""
    step = {STEP_ABOVE, STEP_BELOW}
    return " ".join([*result.reasons, *(w.message for w in result.warnings if w.code not in step)])


def test_n5b_a_methadone_cut_beside_a_stopped_line_is_a_dose_change_of_methadone() -> None:
    result = _check([_MTD, _OXY_IR], [_MTD | {"dose": "2 mg"}], "uk-palliative")
    said, codes = _said(result), {w.code for w in result.warnings}
    assert result.switch_kind == "dose_change", said
    assert result.verdict != "within", said
    assert "Switch: to methadone" not in said, said
    assert FROM_METHADONE not in codes, said  # no new opioid is proposed
    assert STEP_BELOW in codes, said  # -80%: a cut beyond the step range, said as such
    assert _amounts_said(_own_said(result), "methadone") <= {30.0, 6.0}, said  # never 292.5/8
    assert "-80%" in said, said
    assert re.search(r"stopped: 30 mg/day oxycodone oral", said), said
    assert STOPPED_BESIDE_METHADONE in codes, said
    assert (result.proposed_ome_per_day, result.unit) == (6, "mg/day methadone"), said


def test_n5_unchanged_methadone_beside_a_stopped_line_is_not_within_a_switch_range() -> None:
    result = _check([_MTD, _OXY_IR], [_MTD], "uk-palliative")
    said, codes = _said(result), {w.code for w in result.warnings}
    assert result.switch_kind == "dose_change", said
    assert FROM_METHADONE not in codes, said
    assert "30 mg/day methadone oral unchanged" in said, said
    assert STOPPED_BESIDE_METHADONE in codes, said
    assert _amounts_said(said, "methadone") == {30.0}, said


def test_morphine_kept_with_oxycodone_stopped_reads_the_planners_consolidation() -> None:
    """The non-methadone analogue: the stopped oxycodone is read as taken into the kept morphine
    (the planner's own consolidation, each share by its own case: 60 + 45 x (50-75%) =
    82.5-93.75 mg/day OME), so morphine left unchanged is BELOW, the fall in the total said."""
    result = _check([_MOR_ER, _OXY_IR], [_MOR_ER], "uk-palliative")
    said = _said(result)
    assert result.verdict == "below", said
    assert (result.current_ome_per_day, result.proposed_ome_per_day) == (105, 60), said
    assert (result.expected_low, result.expected_high) == (82.5, 93.75), said


@settings(GENERATED)
@given(
    st.lists(st.sampled_from(_CURRENT[1:]), min_size=1, max_size=2, unique_by=lambda c: c[0]),
    st.data(),
    st.sampled_from(SETS),
    st.integers(1, 30),
    st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0]),
)
def test_keeping_methadone_and_stopping_the_others_is_never_a_switch_to_it(
    others, data, table, dose, factor
) -> None:
    """Methadone kept at any dose beside one or two stopped drugs (another kept drug takes the
    stopped lines in, the planner's consolidation: the test above)."""
    current = [_CURRENT[0], *others]
    where = data.draw(st.sampled_from(range(len(current))))  # methadone's place in the list
    current.insert(where, current.pop(0))
    name, make, per_day = _CURRENT[0]
    lines = [m(float(dose)) for _, m, _ in current]
    try:
        result = _check(lines, [make(float(dose) * factor)], table)
    except MpsPainError as refusal:  # refused with a named field: nothing judged
        discard(refusal)
    said = _said(result)
    assert result.switch_kind == "dose_change", said
    assert "Switch:" not in said, said
    assert FROM_METHADONE not in {w.code for w in result.warnings}, said
    said = _own_said(result)
    # the kept drug against its own current amount, never a converted one
    assert _amounts_said(said, name) <= {dose * per_day, dose * per_day * factor}, said
    for other, _, other_per_day in current:  # each stopped line named by its own amount
        if other != name:
            assert _amounts_said(said, other) <= {dose * other_per_day}, (other, said)


def test_the_not_bidirectional_caution_cites_the_source_that_says_it() -> None:
    """Pharmacist review 13 #4: the caution was cited to Lawlor 1998's 8.25 ratio, which does not
    say that methadone conversions are not bidirectional (GlobalRPh does)."""
    result = _check([_MTD, _OXY_IR], [_MTD], "uk-palliative")
    caution = next(w for w in result.warnings if w.code == STOPPED_BESIDE_METHADONE)
    assert caution.source is not None and "GlobalRPh" in caution.source, caution.source
    assert "Lawlor" not in caution.source, caution.source
