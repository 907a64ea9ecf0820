"""A number against a target or a range's bound, as the product prints them (session 20).

The lead's clinical decision: a dose is not above a bound when it prints equal to it at the
product's printed precision (``numbers.ESTIMATE_FIGURES``, three significant figures: the
precision every target and range is printed to). A target printed "20 mg/day" takes 20 mg/day
(19.997 mg/day, the trainee's 26.6625 less 25%, took 5 mg q12h, a 62.5% reduction, while its own
caution named 10 mg q12h), and 4.001 mg/24 h beside a top of 4 mg/24 h is within (it read NOT
REDUCED). Printing equal is not enough on its own where the bound is not itself a three-figure
number (19.96 and 20.04 both print "20", 0.4% apart): the excess is also at most half a unit of
the bound's own third significant figure, so it is never more than 0.5% of the bound, a tenth of
the check's 5% rounding tolerance. Symmetrically, a dose is not below a bound it prints equal to,
within half a unit under it.

One rule, one place: the planner's rounding (``rounding_policy``), the check's range verdicts
(``check``) and practice's grading (``practice.grade``, ``practice.follows``) all read these two
functions, so the three cannot disagree. The set of values "not above" a bound is every value up
to one point (monotone: more dose is never less above), so the rule composes with the check's
rounding of a rate typed per hour (``check_pump_rate``), which also reads every rate up to a point.
"""

from __future__ import annotations

import math

from mps_pain.numbers import ESTIMATE_FIGURES, format_number, tidy

__all__ = [
    "NOISE",
    "PRINTED_FIGURES",
    "not_above_as_printed",
    "not_below_as_printed",
    "printed_slack",
]

PRINTED_FIGURES = ESTIMATE_FIGURES
"""Significant figures a target or a range's bound is printed to (``format_estimate``)."""

NOISE = 1e-6
"""Binary noise, never an excess, whatever the print (the check's one part in a million: an
amount computed through OME comes back as 60.00000000001 for 60). Both numbers are also read
without binary noise (``tidy``, twelve figures) before they are printed: 112.5 mcg/h read back
through OME as 112.50000000000001 printed "113" where the planner's 112.5 prints "112" (a half
rounds to even), and a plan failed its own check (merging session 20)."""


def printed_slack(bound: float) -> float:
    """Half a unit of ``bound``'s last printed figure (0.05 for 19.997, 0.005 for 4): the
    furthest a value may lie beyond it and still be it as printed; 0 for 0 or a non-finite
    bound."""
    if bound == 0 or not math.isfinite(bound):
        return 0.0
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(bound))) - PRINTED_FIGURES + 1)


def _prints_as(value: float, bound: float) -> bool:
    return format_number(value, PRINTED_FIGURES) == format_number(bound, PRINTED_FIGURES)


def not_above_as_printed(value: float, bound: float) -> bool:
    """``value`` is at most ``bound``, or prints equal to it and lies at most
    ``printed_slack(bound)`` above it (module doc); both read without binary noise."""
    value, bound = tidy(value), tidy(bound)
    if value <= bound or math.isclose(value, bound, rel_tol=NOISE):
        return True
    return value - bound <= printed_slack(bound) and _prints_as(value, bound)


def not_below_as_printed(value: float, bound: float) -> bool:
    """``value`` is at least ``bound``, or prints equal to it and lies at most
    ``printed_slack(bound)`` below it (module doc); both read without binary noise."""
    value, bound = tidy(value), tidy(bound)
    if value >= bound or math.isclose(value, bound, rel_tol=NOISE):
        return True
    return bound - value <= printed_slack(bound) and _prints_as(value, bound)
