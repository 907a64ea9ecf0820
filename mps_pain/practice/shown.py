"""An answer typed as the product displays it carries forward as the value it stands for (fuzz
re-check 19b, D4).

The product shows each answer to four significant figures (``format_number``; a reduction to one
decimal of a percentage, ``format_percent``): the planner's 29.1666… mcg/h and 21.875 mcg/h read
"29.17" and "21.88". A trainee who typed those back was accepted at each step, but the grader
carried 29.17 and 21.88 forward: 1 − 21.88 ÷ 29.17 is 24.99%, not the planner's 25%, so the
planner was asked with a STATED reduction (never rounded above its target: 12.5 mcg/h) instead of
its own (the patch nearer the range: 25 mcg/h), and the planner's own 25 mcg/h patch was marked
wrong (6/7; typed to 10 digits, 7/7). One rule: a number equal to how the product displays an
answer the grader holds for that step (the planner's, or the one from the trainee's own accepted
numbers) stands for that answer, at its full precision: it is graded, and carried, as that
answer (``meant``; the planner's 0.41666… mg/h rate, displayed "0.4167 mg/h", was itself marked
above the rate's top when typed back).

Where the answer from the trainee's own accepted numbers and the planner's display alike, the
typed number stands for the trainee's own (session 19, ci-long: an accepted 26.6625 mg/day less
25% is 19.997, displayed "20 mg/day" as the planner's 20 is; carried as the planner's 20 it read
a reduction of 24.99% the trainee never gave, and the engine's regimen from the trainee's own
numbers was marked wrong). The carry is the trainee's base at every later step: the same number
read as the planner's at one step and the trainee's at the next is two bases.
"""

from __future__ import annotations

from collections.abc import Iterable

from mps_pain.numbers import format_number, percent_figure
from mps_pain.practice.carry import Carry
from mps_pain.practice.expected import expected_for
from mps_pain.practice.key import MmeKey, SwitchKey

__all__ = ["displayed", "meant", "stands_for"]


def displayed(ask: str, point: float) -> float | None:
    """``point``, the answer to ``ask``, as the product displays it (None: not as a number)."""
    text = percent_figure(point * 100) if ask == "reduction" else format_number(point)
    try:
        shown = float(text)
    except ValueError:  # "<0.1": not a number anyone types back
        return None
    return shown / 100 if ask == "reduction" else shown


def stands_for(ask: str, value: float, points: Iterable[float | None]) -> float:
    """The answer among ``points`` that ``value`` is the display of, at full precision; else
    ``value`` as typed."""
    for point in points:
        if point is None:
            continue
        shown = displayed(ask, point)
        if shown is not None and abs(value - shown) <= 1e-9 * max(1.0, abs(shown)):
            return point
    return value


def meant(key: MmeKey | SwitchKey, carry: Carry | None, ask: str, value: float) -> float:
    """The trainee's ``value`` for ``ask`` (in the unit of its expected answer) as the answer it
    stands for, where ``value`` is how the product displays it; else ``value``. The answers held,
    in this order: the one from the trainee's own accepted numbers (``carry``), then the
    planner's (``key``); for the regimen, every plan's amount the regimen grader accepts from
    either."""
    if ask == "regimen" and isinstance(key, SwitchKey):
        plans = (key.plan, key.plan_low_reduction, key.plan_high_reduction)
        points = [a.value for p in plans if (a := p.regimen.dose or p.regimen.rate) is not None]
        held = [] if carry is None else carry.regimens_held()
        return stands_for(ask, value, held + points)
    carried = None if carry is None else carry.key_for(ask)
    keys = [key] if carried is None else [carried, key]
    return stands_for(ask, value, (expected_for(k, ask).value for k in keys))
