"""Whether an effective reduction lies within an exercise's sourced reduction range: one rule for
the grader's narrowed allowance (``Carry``), "follows, but not the right dose" (``follows``) and
the words of a regimen outside the range (``outside_range``).

Below the range, the planner's own reading: a dose at most the rounding policy's tolerance
(``rotation.rounding.short_tolerance``, the number the planner rounds by and the check reads
"within" by) below the range's lowest dose is within it. The allowance used the grader's
arithmetic tolerance instead (2% twice, 4%), and CI drew the engine's own answer outside it:
fentanyl 50 mcg/h to oral morphine (ANZCA FPM 2021), 150 mg/day at a stated 30% is 105 mg/day,
52.5 mg a dose; the planner gives 50 mg q12h (an effective 33.3%, 4.8% below the range's 105
mg/day, within its 5%), and the allowance, reading 33.3% as outside 0–30%, graded it wrong.
Above the range, the grader's arithmetic tolerance each way (the planner never rounds above the
range's top; a trainee's target read within 2% of it may be).
"""

from __future__ import annotations

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.practice.expected import RELATIVE_TOLERANCE
from mps_pain.practice.key import SwitchKey

__all__ = ["inside_range"]

#: the grader's arithmetic tolerance on a dose, each way (a target within 2%, its dose within 2%)
_SLACK = 2 * RELATIVE_TOLERANCE
_EPS = 1e-9


def inside_range(cut: float, key: SwitchKey) -> bool:
    """The effective reduction ``cut`` lies within ``key``'s sourced range as the planner reads
    a rounded dose (its rounding tolerance below the range), or within the grader's arithmetic
    tolerance above it."""
    short = rotation_rules(key.tables).rounding.short_tolerance.fraction
    kept = 1 - cut
    lowest = (1 - key.reduction_high) * (1 - short)
    return lowest * (1 - _EPS) <= kept <= (1 - key.reduction_low) * (1 + _SLACK) + _EPS
