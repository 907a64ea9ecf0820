"""The one rule for which end of a cited factor RANGE is used (pharmacist review 7, D1).

A set that gives a range for a drug and route (jspm-2010 IV fentanyl, "0.2–0.3 mg/day ≈ oral
morphine 30 mg"; uk-palliative SC/IV oxycodone, morphine and hydromorphone; the UK patch row)
leaves the choice of end to the user of the number. A switch is most often made because of
toxicity (Takamatsu case 3: nausea, vomiting, drowsiness, delirium), and the Japanese fentanyl
label puts IV fentanyl beyond the JSPM range's potent end (clinical-sources.md, the 3-day matrix
patch label's table). So:

- a line switched TO (the planner's target) is converted at the end giving LESS of the new drug,
  the range's HIGH factor (OME ÷ the larger factor), unless the set gives its own oral:route
  ratio for that route: then that two-step path decides (``target_factor``; a row's range may be
  the set's ratios for two routes, uk-palliative SC/IV morphine 2–3, pharmacist review 8, N1);
- a proposed line (the check) is valued at the end making it MOST potent, the same HIGH factor:
  the planner's dose, so valued, is never above the current OME less the stated reduction;
- a line switched FROM (the current regimen: ``mme``, the planner's step 1, the check's current
  OME) keeps the set's cited point, the low end (the lower OME) of every ranged row but
  uk-palliative SC/IV hydromorphone, whose point is the NHS chart's figure inside its range
  (kept so that ``mme`` totals stay the cited ones).

Not for a PATCH row: uk-palliative's patch range is the BNF chart's "12" label read literally
(12 against 12.5 mcg/h), not two sources disagreeing, and a patch target goes by the set's patch
chart and the closest lower patch. Not yet for an ORAL target (uk-palliative oral oxycodone and
hydromorphone, whose ranges are regional charts against the BNF point): those keep the set's point
each way, so planner and check still agree; moving them to the high end changes the most common
UK switches and the practice answer keys, and is left for a pharmacist's decision
(docs/rotation.md, "Factor ranges").

Planner, check, ``mme`` and the spread call ``range_end`` (practice through the planner).
"""

from __future__ import annotations

from typing import Literal

from mps_pain.units import format_number, format_number_span

__all__ = ["Side", "range_end", "range_end_words"]

Side = Literal["from", "to"]
#: routes whose ranged rows keep the set's point each way (the module's note says why)
_POINT_EACH_WAY = frozenset({"oral", "transdermal"})


def range_end(point: float, span: tuple[float, float] | None, side: Side, route: str) -> float:
    """The factor a row is read at: switched ``to`` (a target, or a proposal the check values)
    its range's high end, the less target drug and the most potent valuation; switched
    ``from`` (a current line) the set's cited point."""
    if side == "from" or span is None or route in _POINT_EACH_WAY:
        return point
    return max(point, span[1])


def range_end_words(
    point: float, span: tuple[float, float] | None, route: str, label: str
) -> str | None:
    """Which end each way and why, for the printed arithmetic (None: no range), in the set's
    own ``label``."""
    if span is None or span[0] == span[1]:
        return None
    high = range_end(point, span, "to", route)
    rng = format_number_span(span[0], span[1])
    which = (
        f"its low end, the lower {label} from this line"
        if point <= span[0]
        else "its high end"
        if point >= span[1]
        else "within it"
    )
    head = f"cited range {rng}; {format_number(point)} is the set's point, {which}"
    if high == point:  # an oral or patch row: the set's point each way (the module's note)
        return f"{head}, used each way"
    return (
        f"{head}; as a switch target, and when the check values a proposal, "
        f"{format_number(high)}, the end giving less of the new opioid, since a switch is "
        f"often for toxicity (where the set has its own oral:{route} ratio, that path instead)"
    )
