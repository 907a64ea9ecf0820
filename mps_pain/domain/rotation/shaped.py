"""Steps 4–5's records: the amounts to shape (the target, its sourced range and the unreduced
equianalgesic amount, in the target row's unit), what was shaped (``Shaped``), how the rounding
policy is called (``Policy``: the user's reduction or the default, the tolerance, and the top no
rounding goes above: the range's, or a patch's equianalgesic amount) and what can be given for a
target (``target_grid``: patches, a measured rate, strengths, or an oral solution in its steps;
the planner and the check call this one function). Shaping itself is ``shape.py`` (patches and
rates) and ``shape_per_dose.py`` (doses by strengths or measured solution).
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import PlannedRegimen, RegimenDetail
from mps_pain.domain.rotation.patch_lower import hold_lower
from mps_pain.domain.rotation.rounding import liquid_form, liquid_step_mg
from mps_pain.domain.rotation.rounding_policy import (
    NOTHING,
    Grid,
    RoundingChoice,
    choose_amount,
    rounding_top,
    strengths_grid,
)
from mps_pain.tables.schema import Drug
from mps_pain.tables.schema_rotation import RoundingRules
from mps_pain.unit_kinds import mass_per_day_unit, mass_unit_of
from mps_pain.units import format_number, scale, tidy

__all__ = [
    "HOURS_PER_DAY",
    "INJECTED_ROUTES",
    "NO_DOSE_IN_FORM",
    "Amounts",
    "Policy",
    "Shaped",
    "base_fields",
    "injected_grid",
    "no_dose_shaped",
    "planned",
    "smallest_text",
    "solution_grid",
    "target_grid",
]

HOURS_PER_DAY = 24.0
#: a target that no strength or measurable amount of its form can give (the regimen's line, the
#: reason of a dose out of reach)
NO_DOSE_IN_FORM = "no dose can be given in this form"


@dataclass(frozen=True)
class Amounts:
    """The target and its sourced range, in the target row's unit."""

    target: float
    low: float
    high: float
    equianalgesic: float
    unit: str
    #: the range's low end was lowered to a stated target below it (a cited ratio's range): the
    #: stated reduction is beyond the sourced one, the user's own (no ``stated_gap`` rule)
    floor_lowered: bool = False

    @property
    def mass_unit(self) -> str:
        return mass_unit_of(self.unit)

    def per_day(self, amount: float) -> float:
        """An amount in the row's unit, per day (the row may be per hour, day or minute)."""
        return amount * scale(self.unit, mass_per_day_unit(self.unit))

    def from_per_day(self, per_day: float) -> float:
        return per_day * scale(mass_per_day_unit(self.unit), self.unit)

    def scaled(self, divide_by: float) -> tuple[float, float, float, float]:
        """(target, low, high, equianalgesic) per day ÷ ``divide_by`` (the row's scale to a day
        looked up once for the four, each amount then as ``per_day`` gives it)."""
        per_day = scale(self.unit, mass_per_day_unit(self.unit))
        return (
            tidy(self.target * per_day / divide_by),
            tidy(self.low * per_day / divide_by),
            tidy(self.high * per_day / divide_by),
            tidy(self.equianalgesic * per_day / divide_by),
        )


def planned(detail: RegimenDetail, **fields: object) -> PlannedRegimen:
    # the detail's own (frozen, validated) values, every field given as ``model_dump`` gave
    # them, without turning each amount into a dict to be validated back (perf-engine). Its
    # ``__dict__`` (the model forbids extra fields, so it is every field, as ``dict(detail)``
    # gave): ``dict()`` first asks a model for ``keys``, which pydantic answers through its
    # slow ``__getattr__`` with an AttributeError, half of this function's time (speed-core)
    return PlannedRegimen(**fields, **detail.__dict__)


@dataclass(frozen=True)
class Shaped:
    regimen: PlannedRegimen
    detail: RegimenDetail
    rounded_per_unit: float | None  # in the target row's unit; None: no dose can be given
    steps: list[str]
    measured_liquid: bool = False
    choice: RoundingChoice | None = None
    per_unit: str = ""  # the unit of one dose, rate or patch
    equianalgesic_per_unit: float = 0.0
    #: why an oral solution is measured instead of tablets (clinician review 4, D9): below the
    #: smallest tablet, or no tablet combination within the sourced range
    liquid_reason: str = ""
    #: a per-dose amount measured (an oral solution, an injection without listed strengths),
    #: not made of marketed strengths
    dose_measured: bool = False
    below_step: bool = False  # no dose: below one measurable step of the oral solution


@dataclass(frozen=True)
class Policy:
    """How the rounding policy is called: the user's reduction or the default, and the tolerance."""

    stated: bool
    tolerance: float
    gap_rule: bool = True  # a stated target within the sourced range (``stated_gap``)
    #: why this patient takes the patch below the range, not the nearer one above (``patch_lower``)
    lower: str = ""
    #: amounts a day per amount chosen (doses a day): "not above" is read on the daily amount as
    #: printed; None for an infusion, whose rate a pump's step judges (``check_pump_rate``)
    per_day: float | None = 1.0

    def wants_liquid(self, choice: RoundingChoice, sourced_low: float) -> bool:
        """Measure an oral solution when the strengths give nothing within the sourced range
        (or, under a stated reduction, nothing at all or less than the range)."""
        if choice.position == "below_stated":
            short = choice.chosen.total < sourced_low * (1 - self.tolerance) * (1 - 1e-9)
            return not choice.chosen.units or short
        return not choice.within_range

    def choose(
        self, target: float, bounds: tuple[float, float, float], grid: Grid, *, patch: bool = False
    ) -> RoundingChoice:
        """``bounds``: the sourced range's (low, high) and the unreduced equianalgesic amount;
        no rounding goes above the range's top, nor a patch above that amount (``rounding_top``);
        a patch may take the nearer neighbour above the range, never above that amount."""
        low, high, eq = bounds
        top = rounding_top(high, eq, patch=patch)
        choice = choose_amount(
            target,
            low,
            high,
            grid,
            stated=self.stated,
            tolerance=self.tolerance,
            gap_rule=self.gap_rule,
            ceiling=top,
            nearer_cap=eq if patch and eq > 0 else None,
            per_day=self.per_day,
        )
        return hold_lower(choice, self.lower) if patch else choice


def solution_grid(drug: Drug, rounding: RoundingRules) -> Grid:
    """An oral solution's measured amounts: multiples of its cited measurable step
    (``rotation.rounding.oral_solution_step``, 0.5 mL × the lowest concentration; morphine
    2 mg/mL → 1 mg), the same step as every breakthrough and methadone dose; 3 significant
    figures only where no concentration is listed."""
    return Grid(step=liquid_step_mg(drug, rounding.oral_solution_step) or 0.0)


INJECTED_ROUTES = ("iv", "sc", "im")


def injected_grid(rounding: RoundingRules) -> Grid:
    """Every injected amount's grid (a 24-h infusion amount, a dose, a rescue bolus): down to
    the step its size takes (``rotation.rounding.injected_step``; clinician review 11 #5)."""
    return Grid(ladder=tuple((s.at, s.step) for s in rounding.injected_step.ladder))


def target_grid(
    target: Target, strengths: tuple[float, ...] | None, rounding: RoundingRules
) -> Grid:
    """What can be given for the target: patches, an injected amount in its steps (per dose, or
    an infusion's 24-h amount), dose strengths, or the oral solution in its measurable steps
    (the planner and the check call this one function)."""
    if target.is_patch:
        return Grid(strengths or ())
    if target.route in INJECTED_ROUTES:  # an infusion's grid is of its 24-h amount
        return injected_grid(rounding)
    if target.is_continuous:
        return Grid()
    if not strengths:  # only an oral solution is measured; any other form gives nothing
        form = liquid_form(target.drug)
        liquid = target.route == "oral" and form is not None and target.form == form
        return solution_grid(target.drug, rounding) if liquid else NOTHING
    return strengths_grid(strengths, rounding.max_units_per_dose)


def smallest_text(strengths: tuple[float, ...] | None, unit: str) -> str:
    return f" (smallest {format_number(min(strengths))} {unit})" if strengths else ""


def base_fields(target: Target, form: str | None = None) -> dict[str, object]:
    return {"drug": target.drug.id, "route": target.route, "form": form or target.form}


def no_dose_shaped(target: Target, frequency: str | None, why: str, step: str) -> Shaped:
    detail = RegimenDetail(no_dose=why)
    regimen = planned(detail, **base_fields(target), dose=None, frequency=frequency, rate=None)
    return Shaped(regimen, detail, None, [step])
