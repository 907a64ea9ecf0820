"""Accepted, with caution (clinician review 14 #3, 13b #2): the hydromorphone level-3 UK
exercise answered 80, 80, 25%, 60, 30 mg q12h, 10 was marked "✓ Correct" six times, a regimen
twice the planner's, with only the total OME's feedback saying "above the planner's point".

One rule: an accepted OME or equianalgesic dose above the planner's point (the planner takes the
end of the cited ratio that gives less of the new opioid: ``expected.above_point_note``) is
accepted with caution, and so is every later step accepted from it (the target, the regimen and
the breakthrough dose carried from the trainee's numbers) while it stays above the planner's own
point. Still scored as accepted; ``KeyGrade.caution`` is the mark the app and the CLI word.
"""

from __future__ import annotations

from mps_pain.practice.carry import Carry
from mps_pain.practice.expected import HIGHER_START, above_point, above_point_note
from mps_pain.practice.models import KeyGrade

__all__ = ["ACCEPTED_WITH_CAUTION", "CORRECT", "RESTS_ON_HIGH_END", "with_caution"]

#: the steps that carry the trainee's earlier numbers forward (``Carry.key_for``)
_CARRIED = frozenset({"target_daily_dose", "regimen", "breakthrough_dose"})

RESTS_ON_HIGH_END = (
    "It rests on your earlier answer above the planner's point and gives more of the new opioid "
    f"than the planner's own answer; {HIGHER_START}."
)
#: the first words of an accepted explanation (``grade._result``), and of one with caution
CORRECT, ACCEPTED_WITH_CAUTION = "Correct: ", "Accepted with caution: "


def with_caution(result: KeyGrade, value: float, carry: Carry | None) -> KeyGrade:
    """``result`` marked accepted with caution where the rule says so (else as it is); the
    carry remembers the cautioned steps, so the later steps resting on them are marked too."""
    if not result.correct:
        return result
    if result.plan_option:  # its own words say why (``practice.plan_options``)
        if result.caution and carry is not None:
            carry.high_end.add(result.key)
        return result
    said = result.explanation
    if above_point_note(result.key, value, result.expected):  # its note is already said
        pass
    elif (
        result.key in _CARRIED
        and carry is not None
        and carry.high_end
        and above_point(value, result.expected)
    ):
        said = f"{said} {RESTS_ON_HIGH_END}"
    else:
        return result
    if carry is not None:
        carry.high_end.add(result.key)
    if said.startswith(CORRECT):
        said = ACCEPTED_WITH_CAUTION + said.removeprefix(CORRECT)
    return result.model_copy(update={"caution": True, "explanation": said})
