"""The dangers of an exercise's engine answer (pharmacist review 21, M-4): no exercise is drawn
whose answer the planner itself calls a danger.

``L3.oral-rotation.uk-palliative.21.0`` taught tramadol ER 200 mg q12h (400 mg/day, the label
maximum) + tramadol 50 mg as needed, graded correct, while the planner's own warning was a danger:
"Any as-needed dose of it takes the day above the maximum: choose another breakthrough opioid".
The regimen alone was held within the cited maximum; the answer is the regimen with its
breakthrough dose, and the planner's warnings already judge both.

A danger is about the answer unless it is about the regimen the patient is on now, by the
engine's own split (``proposal_dangers``, the one the check heads its verdict by): the renal
topic's lesson, the current morphine at eGFR 15, stays drawn. A plan's rescue-size warning is
about the current regimen too: ``planner.plan`` gives it for the current regimen's own rescues,
as ``mme`` does (its own breakthrough dose lies within its rule), and since session 20 a current
rescue above twice its rule is a danger there: the current rescue is the lesson, never the
answer (test_recheck19b_diagnoses's infusion exercise had been redrawn). The one danger about
the order an exercise may carry is the planner's "no breakthrough dose is printed" of a plan
that gives none, where no breakthrough dose is asked: it names no amount taught, and the
methadone topic teaches it among the warnings asked (``templates.METHADONE_KEYS``).
"""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.check_dangers import proposal_dangers
from mps_pain.domain.rotation.check_methadone import NO_COVER
from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from mps_pain.practice.key import SwitchKey
from mps_pain.practice.models import Exercise

__all__ = ["answer_dangers"]


def answer_dangers(key: SwitchKey, exercise: Exercise) -> tuple[ClinicalWarning, ...]:
    """The planner's dangers about the answer it gives to ``exercise`` (empty: drawable)."""
    bt = key.plan.breakthrough
    no_cover_taught = "breakthrough_dose" not in exercise.asks and (bt is None or bt.dose is None)
    return tuple(
        w
        for w in proposal_dangers(key.plan.warnings)
        if not (w.code == NO_COVER and no_cover_taught) and w.code != RESCUE_OUTSIDE_RULE
    )
