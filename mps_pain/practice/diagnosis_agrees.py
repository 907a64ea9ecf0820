"""No diagnosis the rest of the grade contradicts (pharmacist review 18, D3 and L1).

A pattern matched against the planner's numbers can be a coincidence: "you left out the
as-needed doses" of a methadone target whose OME, with them, was marked right; "the reduction
was applied twice" of a regimen at the wrong interval after a right reduction and target; "a
per-dose amount was used as a daily amount" of an equianalgesic dose built on a wrong OME. Two
rules drop such a code from a mark's diagnosis, whatever step it is named at:

- **Made earlier, answered right.** A mistake made at one of ``MADE_AT[code]`` shows at a later
  step only through it: when every one of those steps was asked before and answered right, the
  later step did not come from that mistake.
- **Built on a wrong answer the pattern does not explain.** After an earlier wrong answer, a
  later number was not built on the planner's base; a pattern is named at it only when the same
  pattern gives that earlier wrong answer too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.practice.diagnose import NUMBER_PATTERNS, close_to
from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import Diagnosis, KeyGrade
from mps_pain.practice.patterns import PATTERNS

__all__ = ["MADE_AT", "Answered", "agreeing"]

#: the steps each mistake is made at (a pattern not listed can be made at any step: a unit
#: slip, a dose for a day, a rounding up, a wrong fraction, an inverted ratio, another row)
MADE_AT: dict[str, frozenset[str]] = {
    "prn-omitted": frozenset({"ome_per_day"}),
    "prn-counted-wrongly": frozenset({"ome_per_day"}),
    "reduction-missing": frozenset({"reduction", "target_daily_dose"}),
    "reduction-twice": frozenset({"reduction", "target_daily_dose"}),
    "reduction-on-same-drug": frozenset({"reduction", "target_daily_dose"}),
}
_PATTERNS = dict(NUMBER_PATTERNS)


@dataclass(frozen=True)
class Answered:
    """An earlier numeric step: its mark and the number given."""

    mark: KeyGrade
    value: float


def _made_earlier(code: str, ask: str, earlier: dict[str, Answered]) -> bool:
    steps = MADE_AT.get(code)
    if steps is None or ask in steps:
        return False
    return all(s in earlier and earlier[s].mark.correct for s in steps)


def _unexplained(key: MmeKey | SwitchKey, code: str, earlier: dict[str, Answered]) -> bool:
    """An earlier wrong answer the pattern ``code`` does not give."""
    for ask, step in earlier.items():
        low, high = step.mark.expected.low, step.mark.expected.high
        if step.mark.correct or low is None or high is None:
            continue
        if not close_to(step.value, _PATTERNS[code](key, ask, (low, high))):
            return True
    return False


def agreeing(key: MmeKey | SwitchKey, mark: KeyGrade, earlier: Sequence[Answered]) -> KeyGrade:
    """``mark`` with every code the earlier marks contradict dropped from its diagnosis, and
    its explanation saying the first code kept (or none)."""
    found = mark.diagnosis
    if found is None:
        return mark
    before: dict[str, Answered] = {a.mark.key: a for a in earlier}
    codes = [found.code, *found.also]
    kept = [
        c
        for c in codes
        if c not in _PATTERNS
        or not (_made_earlier(c, mark.key, before) or _unexplained(key, c, before))
    ]
    if kept == codes:
        return mark
    said = Diagnosis(code=kept[0], message=PATTERNS[kept[0]], also=kept[1:]) if kept else None
    explanation = mark.explanation.replace(
        f" {found.message}", f" {said.message}" if said is not None else "", 1
    )
    return mark.model_copy(update={"diagnosis": said, "explanation": explanation})
