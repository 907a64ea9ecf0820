"""The rounding policy, one function for the planner, the check and the spread.

``choose_amount(target, low, high, grid, stated=…, tolerance=…, ceiling=…)``: what can be given
for a dose whose sourced range is ``low``–``high`` (per dose, per hour, or a patch rate) and whose
computed value is ``target``. The range is the one the check accepts, and nothing is rounded
above its top: for a switch with a cross-tolerance reduction that top is below the unreduced
equianalgesic amount; for a same-drug route change it is the top of the cited ratio range
(pharmacist review 5 re-run, N1: capping such a range at its conservative end rounded IV
oxycodone 24 mg/day to 15 mg q12h, below its own check range 32–48, while 20 mg q12h lay
inside it). ``ceiling`` (``rounding_top``) lowers the top for a patch only: a patch is never
above the equianalgesic amount, the closest lower one (the cited patch rule, ``patch_chart``;
fuzz review 5, D2: IV fentanyl 27.08 mcg/h was given a 37.5 mcg/h patch, +38%).

- the user stated the reduction (``stated``): their target is the ceiling. The largest givable
  amount at or below it is used ("within" when it is at most ``tolerance`` below the target,
  "below_stated" otherwise, carrying the next amount up so the plan can say plainly why the
  stated reduction cannot be given exactly). Nothing is ever rounded above the stated target.
  Where that amount lies further below the sourced range than ``tolerance`` while the stated
  target lies within it, the rules of the default reduction apply: an amount within the range
  but above the stated target exists ("stated_gap": no dose at this interval, another cited
  interval may fit; pharmacist review 18, D2: 1.3 mg q4h, 67.5% at a stated 40%, its own check
  BELOW), or none does (a rounding gap, "below_range" as without a stated reduction).
- the default reduction:
  1. the largest givable amount at or below the target, if it is within the range, or at most
     ``tolerance`` below its low end ("just_short": a few % short beats rounding up by +45%);
     An injected amount is rounded down by its ladder step only while that stays so; else by
     the first finer step that does (``Grid.floor_inside``; pharmacist review 12, #2: oxycodone
     IV 24 mg/day → SC, range 24–24, was 22.5, BELOW in its own check; now 24);
  2. else the givable amount within the range nearest the target (the lowest in-range amount;
     never above the range);
  3. else none lies within the range: the largest givable amount below it is used, and the
     choice carries both neighbours so the plan can caution with their effective reductions;
  4. except for a patch (``nearer_cap``, its unreduced equianalgesic amount): the amount above
     the range is used when it is nearer the range in proportion than the one below it and not
     above the equianalgesic amount ("nearer_above"; a tie goes to the lower one). Pharmacist
     review 7, D7: FPM oral oxycodone 60 mg/day → 12.5 mcg/h (58% below; range 15–22.5) where
     25 mcg/h (17% below; 25 ÷ 22.5 = 1.11 against 15 ÷ 12.5 = 1.2) is what the Duragesic table
     gives and a pharmacist signs (``nearer_patch``; docs/rotation.md).

``tolerance`` is one cited policy number (``rotation.rounding.short_tolerance.fraction``); the
check judges a proposal against the sourced range with the same number.

A ``Grid`` is what can be given: marketed strengths and their combinations (at most
``max_units`` units per dose for solid oral forms), an oral solution measured in multiples of its
cited step (``step``: 0.5 mL × the concentration), an injected amount in its ladder's steps, or
a rate measured to three significant figures. A form with no listed strength that is neither an
oral solution nor an injection gives nothing (``NOTHING``): it is never measured.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.rotation.rounding import Rounded, combination, floor_significant, grid_steps
from mps_pain.units import tidy

__all__ = [
    "NOTHING",
    "FinerStep",
    "Grid",
    "RoundingChoice",
    "ceil_significant",
    "choose_amount",
    "effective_reduction",
    "floor_as_printed",
    "lowest_acceptable",
    "nearer_above",
    "rounding_top",
    "strengths_grid",
]

_SCALE = 1000
_EPS = 1e-9
FIGURES = 3


def ceil_significant(value: float, figures: int = FIGURES) -> float:
    """Round UP to ``figures`` significant figures."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value)) - figures + 1
    factor = 10.0**exponent
    raised = math.ceil(value / factor - 1e-9) * factor
    return round(raised, max(0, -exponent))


@dataclass(frozen=True)
class FinerStep:
    """Why an injected amount was not rounded by its ladder step: ``value`` by ``ladder_step``
    gives ``ladder_amount``, below the range; the finer ``step`` gives ``amount`` inside it."""

    value: float
    ladder_step: float
    ladder_amount: float
    step: float
    amount: float

    @property
    def chosen(self) -> Rounded:
        return Rounded(self.amount, (self.amount,))


@dataclass(frozen=True)
class Grid:
    """What can be given: ``strengths`` (and their combinations) or a measured amount — in
    multiples of ``step`` where the amount has a measurable step (an oral solution), of the step
    its magnitude takes on the ``ladder`` (an injected amount: ``(at, step)`` pairs within each
    decade, ``rotation.rounding.injected_step``), else to 3 significant figures (a rate)."""

    strengths: tuple[float, ...] = ()
    max_units: int | None = None
    step: float = 0.0
    ladder: tuple[tuple[float, float], ...] = ()
    givable: bool = True  # False: no strength listed and the form cannot be measured (NOTHING)

    @property
    def measured(self) -> bool:
        return not self.strengths and self.givable

    @property
    def stepped(self) -> bool:
        """What can be given has gaps (strengths, or a measured amount's step): rounding can
        leave a range with nothing givable inside it. A rate to 3 figures has no gaps."""
        return not self.measured or self.step > 0 or bool(self.ladder)

    def step_at(self, value: float) -> float:
        """The measurable step of an amount of about ``value`` (0: 3 significant figures)."""
        if self.step > 0 or not self.ladder or value <= 0:
            return self.step
        decade = 10.0 ** math.floor(math.log10(value) + 1e-9)
        mantissa = value / decade
        # a hair below the decade (9.9999999881) is the decade within the tolerance: first rung
        rung = (s for at, s in reversed(self.ladder) if mantissa >= at - 1e-9)
        return decade * next(rung, self.ladder[0][1])

    def floor(self, value: float) -> Rounded:
        if self.measured:
            step = self.step_at(value)
            amount = floor_significant(value)
            if step > 0:
                amount = tidy(math.floor(value / step + 1e-9) * step)
            return Rounded(amount, (amount,) if amount > 0 else ())
        return combination(value, self.strengths, self.max_units)

    def floor_inside(self, value: float, low: float) -> Rounded | None:
        found = self.finer_inside(value, low)
        return None if found is None else found.chosen

    def finer_inside(self, value: float, low: float) -> FinerStep | None:
        """An injected amount whose ladder step takes it below ``low``: ``value`` rounded down
        by the first finer step (the ladder's steps of the decades below, to 3 significant
        figures) that keeps it at or above ``low`` (pharmacist review 12, #2: 24 mg/day, range
        24–24, stays 24, not 22.5); None where no step does or the grid has no ladder."""
        if not self.ladder or self.step > 0 or value <= 0:
            return None
        decade = 10.0 ** math.floor(math.log10(value) + 1e-9)
        steps = {decade * s / 10**k for k in range(3) for _, s in self.ladder}
        ladder = self.step_at(value)
        for step in sorted((s for s in steps if s < ladder - _EPS), reverse=True):
            amount = tidy(math.floor(value / step + 1e-9) * step)
            if _ge(amount, low):
                return FinerStep(value, ladder, self.floor(value).total, tidy(step), amount)
        return None

    def ceil(self, value: float) -> Rounded | None:
        """The smallest givable amount at or above ``value`` (None: no combination reaches)."""
        if not self.givable:
            return None
        if self.measured:
            step = self.step_at(value)
            amount = ceil_significant(value)
            if step > 0:
                amount = tidy(math.ceil(value / step - 1e-9) * step)
            return Rounded(amount, (amount,)) if amount > 0 else None
        step, sizes = grid_steps(self.strengths)
        start = max(1, math.ceil(value * _SCALE / step - 1e-9))
        for n in range(start, start + sizes[-1] + 1):
            found = combination(n * step / _SCALE, self.strengths, self.max_units)
            if math.isclose(found.total, n * step / _SCALE, rel_tol=1e-9):
                return found
        return None


NOTHING = Grid(givable=False)
"""A form with no listed strength that cannot be measured (a suppository, a tablet, a
sublingual tablet): nothing can be given, so no dose (pharmacist review 17, M1: "oxycodone
rectal suppository 15 mg q6h … measured to the dose"). Only an oral solution and an injection
are measured to the dose; a rate is measured to 3 significant figures."""


def strengths_grid(strengths: tuple[float, ...] | None, max_units: int | None) -> Grid:
    """A form's marketed strengths (at most ``max_units`` a dose), or ``NOTHING`` without any."""
    return Grid(strengths, max_units) if strengths else NOTHING


Position = Literal[
    "within",
    "just_short",
    "above_target",
    "below_range",
    "below_stated",
    "nearer_above",
    "stated_gap",
]


@dataclass(frozen=True)
class RoundingChoice:
    chosen: Rounded
    position: Position
    low: float
    high: float
    below: Rounded | None = None
    above: Rounded | None = None
    finer: FinerStep | None = None  # the finer injected step used, and why
    #: why the patch nearer the range above it was not taken (``patch_lower``; review 19, M5)
    held_by: str = ""

    @property
    def within_range(self) -> bool:
        return self.position not in ("below_range", "below_stated", "stated_gap")

    def reaches_range(self, tolerance: float) -> bool:
        """The amount lies within the sourced range, or at most ``tolerance`` below it (what the
        check reads within): a stated reduction's nearest amount below its target included."""
        if self.position == "below_stated":
            return _ge(self.chosen.total, self.low * (1 - tolerance))
        return self.within_range

    @property
    def out_of_reach(self) -> bool:
        """Nothing givable lies within reach: no combination (at most ``max_units`` units) is at
        or above the range (the form cannot give the dose at this interval). Not a rounding gap
        between two neighbours, so no dose is proposed (outside fuzz review D5: 4 × 30 mg
        suppositories daily for 373 mg/day, a 68% cut, was proposed with a caution)."""
        return not self.within_range and self.above is None


def rounding_top(high: float, equianalgesic: float, *, patch: bool) -> float:
    """The highest amount rounding may give (the planner's rounding and the check's reading of
    it): the top of the sourced range; for a patch never above the equianalgesic amount (the
    cited "use closest LOWER patch size")."""
    return min(high, equianalgesic) if patch and equianalgesic > 0 else high


def _ge(a: float, b: float) -> bool:
    return a >= b * (1 - _EPS) - _EPS


def choose_amount(
    target: float,
    low: float,
    high: float,
    grid: Grid,
    *,
    stated: bool = False,
    tolerance: float = 0.0,
    ceiling: float | None = None,
    nearer_cap: float | None = None,
    gap_rule: bool = True,
    per_day: float | None = 1.0,
) -> RoundingChoice:
    """The rounding policy (see the module docstring); ``nearer_cap``: a patch's unreduced
    equianalgesic amount (step 4); ``gap_rule``: False where ``low`` is a stated target below
    the sourced range (a cited ratio's range lowered to it), so never "stated_gap";
    ``per_day``: the amounts a day per amount (doses a day), so that "not above" the target
    and the top is read on the daily amount as printed (``as_printed``); None for an
    infusion, whose rate a pump's step judges, never the print (``check_pump_rate``)."""
    sourced_low = low
    low, high = min(low, target), max(high, target)
    if ceiling is not None and ceiling > 0:
        high = max(min(high, ceiling), target)
    if not grid.stepped:  # a rate's own resolution: 3 significant figures
        low = floor_significant(low)
    # a stepped amount (strengths, an oral solution's 0.5 mL steps) is judged against the exact
    # low end, with the same tolerance as the check's (every plan passes its own check)
    down = floor_as_printed(grid, target, per_day)
    if stated:
        stated_choice = _honour_stated(target, low, high, grid, down, tolerance)
        in_range = gap_rule and _ge(target, sourced_low)
        return _stated_below_range(stated_choice, grid, tolerance, in_range, per_day)
    if down.total > 0 and _ge(down.total, low):
        return RoundingChoice(down, "within", low, high)
    if down.total > 0 and _ge(down.total, low * (1 - tolerance)):
        return RoundingChoice(down, "just_short", low, high)
    finer = grid.finer_inside(target, low * (1 - tolerance))  # the ladder's step only inside
    if finer is not None:
        position: Position = "within" if _ge(finer.amount, low) else "just_short"
        return RoundingChoice(finer.chosen, position, low, high, finer=finer)
    up = grid.ceil(low)
    if up is not None and _not_above(up.total, high, per_day):
        return RoundingChoice(up, "above_target", low, high)
    below = down if down.total > 0 else None
    if (
        below is not None
        and up is not None
        and nearer_cap is not None
        and nearer_above(below.total, up.total, (low, high), nearer_cap)
    ):
        return RoundingChoice(up, "nearer_above", low, high, below=below, above=up)
    return RoundingChoice(down, "below_range", low, high, below=below, above=up)


def _not_above(value: float, bound: float, per_day: float | None) -> bool:
    """``value`` not above ``bound``: as printed on the amount a day (``per_day`` a day), or
    for an infusion (None) at the planner's own precision."""
    if per_day is None:
        return value <= bound * (1 + _EPS) + _EPS
    return not_above_as_printed(value * per_day, bound * per_day)


def floor_as_printed(grid: Grid, target: float, per_day: float | None = 1.0) -> Rounded:
    """The largest givable amount not above ``target`` as printed (``as_printed``, on the
    daily amount: ``per_day`` amounts a day): the next amount up where it prints as the target
    does (10 mg q12h for 19.997 mg/day, printed "20 mg/day"), else the largest at or below it
    (an infusion's, ``per_day`` None, always: a pump's step judges its rate)."""
    down = grid.floor(target)
    if per_day is None or target <= 0 or down.total >= target:
        return down
    up = grid.ceil(target)
    if up is None or up.total <= down.total:
        return down
    return up if _not_above(up.total, target, per_day) else down


def nearer_above(below: float, above: float, bounds: tuple[float, float], cap: float) -> bool:
    """Whether the amount ``above`` the range ``bounds`` (low, high) is given rather than the
    one ``below`` it, when nothing givable lies within (a patch): it is nearer the range in
    proportion (above ÷ high < low ÷ below; a tie goes to the lower, "preferable to
    underestimate") and below ``cap``, the unreduced equianalgesic amount (a patch is never
    above it, and this rule always leaves a reduction)."""
    low, high = bounds
    if below <= 0 or high <= 0 or above >= cap * (1 - _EPS):
        return False  # always a reduction: never at or above the equianalgesic amount
    return above * below < low * high * (1 - _EPS)


def _honour_stated(
    target: float, low: float, high: float, grid: Grid, down: Rounded, tolerance: float
) -> RoundingChoice:
    """The user's reduction: the nearest givable amount not above their target (an injected
    amount's finer step where the ladder's own step would fall short of it, as without a stated
    reduction: R01 at a stated 0% gave 22.5 for 24 mg/day, lead, session 12)."""
    if down.total > 0 and _ge(down.total, target * (1 - tolerance)):
        return RoundingChoice(down, "within", low, high)
    finer = grid.finer_inside(target, target * (1 - tolerance))
    if finer is not None:
        return RoundingChoice(finer.chosen, "within", low, high, finer=finer)
    up = grid.ceil(target * (1 + _EPS) + _EPS) if down.total > 0 else grid.ceil(target)
    below = down if down.total > 0 else None
    return RoundingChoice(down, "below_stated", low, high, below=below, above=up)


def _stated_below_range(
    choice: RoundingChoice,
    grid: Grid,
    tolerance: float,
    target_in_range: bool,
    per_day: float | None,
) -> RoundingChoice:
    """A stated reduction's amount further below the sourced range than ``tolerance`` while
    its target lies within the range: "stated_gap" when an amount within the range exists (above
    the stated target: no dose here), else the rounding gap "below_range" (the default's rule)."""
    if choice.position != "below_stated" or not target_in_range:
        return choice
    if choice.reaches_range(tolerance):
        return choice
    inside = grid.ceil(choice.low)
    if inside is not None and _not_above(inside.total, choice.high, per_day):
        return replace(choice, position="stated_gap", above=inside)
    return replace(choice, position="below_range")


def lowest_acceptable(low: float, high: float, grid: Grid) -> float:
    """The lowest amount the policy proposes for the range ``low``–``high`` (the check's floor)."""
    if not grid.stepped:
        return floor_significant(low)
    inside = grid.ceil(low)
    if (
        inside is None
        or inside.total <= high * (1 + _EPS)
        or grid.floor_inside(high, low) is not None
    ):
        return low  # within reach and givable within, or out of reach: the range's own end
    below = grid.floor(low).total
    return below if below > 0 else low


def effective_reduction(equianalgesic: float, amount: float) -> float:
    """1 − amount ÷ the unreduced equianalgesic amount (same unit)."""
    if equianalgesic <= 0:
        return 0.0
    return tidy(1 - amount / equianalgesic)
