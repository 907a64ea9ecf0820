"""Pharmacist review 21, M-4: practice taught a breakthrough dose the planner calls a DANGER.

``L3.oral-rotation.uk-palliative.21.0`` (hydromorphone 11 mg/day → tramadol) was answered
tramadol ER 200 mg q12h (400 mg/day, the label maximum) + tramadol 50 mg as needed, graded 7/7,
while the planner's own warning for the same input is a danger: "Any as-needed dose of it takes
the day above the maximum: choose another breakthrough opioid". The generator held the regimen
within the cited maximum but not the regimen with its breakthrough dose.

The rule (``practice/answer_dangers.py``): no exercise is drawn whose engine answer carries a
danger about the order it teaches, read from the planner's own warnings by the engine's own
split of a danger about the current regimen from one about the order (``proposal_dangers``).
The one danger an exercise may carry about the order is the planner's "no breakthrough dose is
printed" of a plan that gives none, where no breakthrough dose is asked: the methadone topic
teaches it among the warnings asked (``templates.METHADONE_KEYS``); it names no amount taught.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dangers import CURRENT_REGIMEN_DANGERS
from mps_pain.domain.rotation.check_methadone import NO_COVER
from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from mps_pain.errors import InputError
from mps_pain.practice.generate import build_exercise
from mps_pain.practice.key import SwitchKey, answer_key
from mps_pain.practice.models import Exercise
from mps_pain.practice.templates import LEVEL_TOPICS
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from tests.practice.conftest import expensive

TABLES = get_tables()
EQUIANALGESIC = [s.id for s in TABLES.tables.reference_sets if s.purpose == "equianalgesic"]
SWITCH_TOPICS = [(level, topic) for level in (3, 4, 5) for topic in LEVEL_TOPICS[level]]
REVIEWED = "L3.oral-rotation.uk-palliative.21.0"


def _dangers_about_the_answer(tables: TableIndex, exercise: Exercise) -> list[str]:
    """The planner's dangers for the exercise that are not about the current regimen, except
    the no-cover danger of a plan that gives no breakthrough dose when none is asked."""
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    bt = key.plan.breakthrough
    no_bt_asked = "breakthrough_dose" not in exercise.asks and (bt is None or bt.dose is None)
    current_rescues = {i for i, item in enumerate(key.request.from_.items) if item.prn}
    return [
        w.code
        for w in key.plan.warnings
        if w.severity == "danger"
        and w.code not in CURRENT_REGIMEN_DANGERS
        and not (w.code == NO_COVER and no_bt_asked)
        # the plan's rescue-size danger of a CURRENT as-needed row (planner.plan gives it for
        # the current regimen, as mme does): the lesson, not the answer; it must name such a row
        and not (w.code == RESCUE_OUTSIDE_RULE and w.item in current_rescues)
    ]


def test_the_reviewed_exercise_teaches_no_dangerous_breakthrough(tables: TableIndex) -> None:
    exercise = build_exercise(tables, REVIEWED)
    assert _dangers_about_the_answer(tables, exercise) == []
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    codes = {w.code: w.severity for w in key.plan.warnings}
    assert codes.get("max-daily-dose-as-needed") != "danger", key.plan.warnings


def test_the_methadone_topic_is_still_drawn_with_its_no_cover_danger(tables: TableIndex) -> None:
    # the rule does not empty the topic that teaches the no-cover danger among its warnings
    exercise = build_exercise(tables, "L5.methadone.fpm-2021.0.0")
    key = answer_key(tables, exercise)
    assert isinstance(key, SwitchKey)
    assert NO_COVER in {w.code for w in key.plan.warnings if w.severity == "danger"}
    assert _dangers_about_the_answer(tables, exercise) == []


@expensive()
@given(
    topic=st.sampled_from(SWITCH_TOPICS),
    set_id=st.sampled_from(EQUIANALGESIC),
    seed=st.integers(0, 10_000),
    index=st.integers(0, 30),
)
def test_no_drawn_exercise_answer_carries_a_danger(
    topic: tuple[int, str], set_id: str, seed: int, index: int
) -> None:
    level, name = topic
    try:
        exercise = build_exercise(TABLES, f"L{level}.{name}.{set_id}.{seed}.{index}")
    except InputError:  # a set this topic cannot use, or an id no exercise is built for
        return
    assert _dangers_about_the_answer(TABLES, exercise) == [], exercise.id


def test_a_sweep_of_every_switch_topic_and_set_draws_no_danger(tables: TableIndex) -> None:
    # a fixed sweep beside the property: the seeds that drew tramadol at its maximum before
    for level, name in SWITCH_TOPICS:
        for set_id in EQUIANALGESIC:
            for seed in (1, 21):
                for index in range(8):
                    try:
                        exercise = build_exercise(
                            tables, f"L{level}.{name}.{set_id}.{seed}.{index}"
                        )
                    except InputError:
                        continue
                    assert _dangers_about_the_answer(tables, exercise) == [], exercise.id
