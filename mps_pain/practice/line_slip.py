"""The 1000-fold mcg/mg slip, of the whole answer or of ONE line of the regimen (pharmacist
review 20, L6).

``unit-slip-1000`` compared the answer only with the whole total ×1000 and ÷1000. A trainee who
read buprenorphine 0.75 mg qid as micrograms (3 mg/day counted as 3 mcg/day) answered 43.32 for
163.2 mg/day (oxycodone's 43.2 + 0.12) and got no diagnosis. The pattern's arithmetic now also
takes each counted line's share 1000-fold off, the other lines as the engine counts them. A line
divided by 1000 is hardly different from the line left out (43.32 against 43.2, within the
tolerance), and leaving a line out is no unit slip: that case is named only when the answer is
nearer the slipped total than the total without the line.
"""

from __future__ import annotations

from mps_pain.practice.expected import RELATIVE_TOLERANCE, within
from mps_pain.practice.key import MmeKey, SwitchKey

__all__ = ["is_unit_slip", "unit_slip_spans"]

Span = tuple[float, float]
_FOLDS = (1000.0, 1 / 1000)


def _whole(accepted: Span) -> tuple[Span, ...]:
    low, high = accepted
    return tuple((low * fold, high * fold) for fold in _FOLDS)


def _line_slips(key: MmeKey | SwitchKey, ask: str) -> list[tuple[float, float]]:
    """(the total with one counted line's share 1000-fold off, the total without that line),
    for every counted opioid line of a regimen of two lines or more; the OME only."""
    if ask != "ome_per_day":
        return []
    if isinstance(key, MmeKey):
        lines, total = key.result.items, key.result.total_mme_per_day
    else:
        lines, total = key.plan.current, key.plan.ome_per_day
    shares = [
        line.mme_per_day
        for line in lines
        if line.kind == "opioid" and line.counted and line.mme_per_day
    ]
    if len(shares) < 2:  # one line: the whole total's slip
        return []
    return [(total + share * (fold - 1), total - share) for share in shares for fold in _FOLDS]


def unit_slip_spans(key: MmeKey | SwitchKey, ask: str, accepted: Span) -> tuple[Span, ...]:
    """The answers a 1000-fold slip gives: the accepted range ×/÷ 1000, and each line's."""
    return _whole(accepted) + tuple((s, s) for s, _ in _line_slips(key, ask))


def is_unit_slip(key: MmeKey | SwitchKey, ask: str, value: float, accepted: Span) -> bool:
    """Whether a slip's arithmetic gives ``value``: the whole answer 1000-fold off, or one line's
    share, nearer that than the total without the line (a line left out is no unit slip)."""
    if any(within(value, low, high, RELATIVE_TOLERANCE) for low, high in _whole(accepted)):
        return True
    return any(
        within(value, slipped, slipped, RELATIVE_TOLERANCE)
        and abs(value - slipped) < abs(value - omitted)
        for slipped, omitted in _line_slips(key, ask)
    )
