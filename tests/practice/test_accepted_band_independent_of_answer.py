"""Pharmacist review 21, L-4: the accepted range printed for the regimen changed with the answer.

With the same earlier answers, ``L4.from-patch.fpm-2021.7.0`` printed "accepted … from 30 up to
35 mg" beside the right 30 mg q12h and "from your own accepted earlier answers … from 25 up to
30 mg" beside a wrong 60 mg q12h; ``L4.to-patch.uk-palliative.21.0`` printed "25 up to 37.5
mcg/h" beside the right 35 mcg/h and "35 up to 38.3 mcg/h, never above" beside a wrong 70 mcg/h,
38.3 above the trainee's own 37.5 mcg/h target (no patch is 38.3 mcg/h: an unrounded number).

The band that governs the mark (``judged_by``, else ``expected``) is a function of the exercise
and the earlier answers only: the same for every answer graded after them. A patch's band is
stated like a dose's, up to the largest patch the rounding gives in it, and its top is itself
accepted: never an unrounded rate above the trainee's own target.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.models import Expected, KeyGrade
from mps_pain.practice.service import grade_answer
from mps_pain.tables.loader import get_tables
from tests.practice.conftest import expensive

TABLES = get_tables()
FROM_PATCH = "L4.from-patch.fpm-2021.7.0"
TO_PATCH = "L4.to-patch.uk-palliative.21.0"
EARLIER = {
    FROM_PATCH: {
        "ome_per_day": "75 mg/day",
        "equianalgesic_daily_dose": "75 mg/day",
        "reduction": 0.3,
        "target_daily_dose": "52.5 mg/day",
        "breakthrough_dose": "10 mg",
        "warnings": [
            "strengths-all-markets",
            "patch-lingers",
            "rounding-within-range",
            "patch-heat-fever",
        ],
    },
    TO_PATCH: {
        "ome_per_day": "120 mg/day",
        "equianalgesic_daily_dose": "50 mcg/h",
        "reduction": 0.25,
        "target_daily_dose": "37.5 mcg/h",
        "breakthrough_dose": "10 mg",
        "warnings": [
            "breakthrough-alternative",
            "patch-onset",
            "patch-not-for-unstable-pain",
            "patch-heat-fever",
        ],
    },
}
DOSES = [{"dose": f"{d} mg", "frequency": "q12h"} for d in (10, 15, 20, 25, 30, 35, 40, 60)]
RATES = [{"rate": f"{r} mcg/h"} for r in (5, 10, 20, 25, 35, 37.5, 38.3, 52.5, 70)]
LADDER = {FROM_PATCH: DOSES, TO_PATCH: RATES}
# the trainees' earlier answers varied: a reduction and target of their own
VARIANTS = {
    FROM_PATCH: [{}, {"reduction": 0.2, "target_daily_dose": "60 mg/day"}],
    TO_PATCH: [{}, {"reduction": 0.3, "target_daily_dose": "35 mcg/h"}],
}


def _regimen(exercise: str, earlier: dict[str, Any], regimen: dict[str, str]) -> KeyGrade:
    answers = {**EARLIER[exercise], **earlier, "regimen": regimen}
    report = grade_answer({"exercise": exercise, "answers": answers}, tables=TABLES)
    return next(r for r in report.results if r.key == "regimen")


def _governing(mark: KeyGrade) -> Expected:
    return mark.judged_by if mark.judged_by is not None else mark.expected


def _stated_top(band: Expected) -> float:
    found = re.findall(r"from [0-9.]+ up to ([0-9.]+) ", band.text)
    assert len(found) <= 1, band.text
    assert band.value is not None
    return float(found[0]) if found else band.value


def test_review21_l4_the_same_band_beside_the_right_and_the_doubled_regimen() -> None:
    for exercise, right, doubled in (
        (FROM_PATCH, DOSES[4], {"dose": "60 mg", "frequency": "q12h"}),
        (TO_PATCH, RATES[4], {"rate": "70 mcg/h"}),
    ):
        good, bad = _regimen(exercise, {}, right), _regimen(exercise, {}, doubled)
        assert good.correct and not bad.correct
        assert _governing(good) == _governing(bad), (good.explanation, bad.explanation)
        assert _governing(good).text in good.explanation
        assert _governing(bad).text in bad.explanation


def test_review21_l4_the_patch_band_is_never_above_the_trainees_target() -> None:
    mark = _regimen(TO_PATCH, {}, {"rate": "70 mcg/h"})
    assert "38.3" not in mark.explanation, mark.explanation
    assert _stated_top(_governing(mark)) <= 37.5, mark.explanation


@expensive()
@given(
    exercise=st.sampled_from([FROM_PATCH, TO_PATCH]),
    variant=st.integers(0, 1),
    data=st.data(),
)
def test_the_governing_band_depends_on_the_earlier_answers_only(
    exercise: str, variant: int, data: st.DataObject
) -> None:
    earlier = VARIANTS[exercise][variant]
    first, second = data.draw(st.lists(st.sampled_from(LADDER[exercise]), min_size=2, max_size=2))
    one, two = _regimen(exercise, earlier, first), _regimen(exercise, earlier, second)
    assert _governing(one) == _governing(two), (one.explanation, two.explanation)


def test_the_stated_top_is_accepted_and_nothing_above_it() -> None:
    for exercise, variants in VARIANTS.items():
        for earlier in variants:
            marks = [_regimen(exercise, earlier, r) for r in LADDER[exercise]]
            top = _stated_top(_governing(marks[0]))
            accepted = [float(m.given.split()[0]) for m in marks if m.correct]
            assert accepted, (exercise, earlier)
            assert max(accepted) <= top * (1 + 1e-9), (exercise, earlier, accepted, top)
            said = (
                {"dose": f"{top:g} mg", "frequency": "q12h"}
                if exercise == FROM_PATCH
                else {"rate": f"{top:g} mcg/h"}
            )
            assert _regimen(exercise, earlier, said).correct, (exercise, earlier, top)
