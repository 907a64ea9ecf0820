"""Frozen models of the ``rotation:`` section of ``data/conversion_tables.yaml``.

Every number the rotation planner uses (reduction defaults and bounds, breakthrough fractions,
patch bands, methadone methods, transition timings, the opioid-tolerance definition, QTc limits,
renal and hepatic rules, the methadone band edge held down) lives here in a record with its
``citation``; the methadone section is in ``schema_methadone.py``. Cross-record checks (sources
resolve, bands contiguous and monotone, caps positive) are in ``integrity_rotation.py``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from mps_pain.tables.schema_kidney import KidneyBands, LiverLevels, RenalPreferred
from mps_pain.tables.schema_methadone import MethadoneRules, as_needed_limits_sourced
from mps_pain.tables.schema_rounding import (
    InjectedStep,
    RescueRateSlack,
    RoundedRateExcess,
    ShortTolerance,
)
from mps_pain.tables.schema_route_ratios import (
    InfusionRescue,
    LabelStart,
    RescueAboveDanger,
    RouteRatio,
    RouteRatioFlag,
)
from mps_pain.tables.schema_solution import OralSolutionStep
from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import (
    CitedHours,
    CitedText,
    Fraction,
    Identifier,
    NonNegativeNumber,
    PalliativeWords,
    PositiveFraction,
    PositiveNumber,
    ReductionCase,
    ReductionCaseId,
    RouteAdvice,
    Severity,
    Text,
    check_order,
)
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.vocabulary import Market

__all__ = [
    "BeyondChart",
    "BreakthroughRules",
    "FractionRange",
    "HepaticRule",
    "HoursRange",
    "MethadoneBreakthrough",
    "PatchAlternative",
    "PatchBand",
    "PatchBandTable",
    "PatchLabelConversion",
    "PatchRules",
    "PreviousRegimen",
    "ReductionRules",
    "RegularUseRule",
    "RenalRule",
    "RotationRules",
    "RoundingRules",
    "ToPatchRule",
    "ToleranceDefinition",
    "TransitionRules",
]


class FrailtyRule(_Cited):
    """Frail (or, where a source says so, elderly) patients: a larger suggested reduction.

    ``age_at_least_years`` absent: age alone does not trigger the rule (no source gives an age).
    """

    age_at_least_years: PositiveNumber | None = None
    default: Fraction
    reason: Text


class ReductionRules(_Frozen):
    user_bounds: FractionRange
    cases: Annotated[list[ReductionCase], Field(min_length=1)]
    frail_or_elderly: FrailtyRule
    uncontrolled_pain: CitedText
    kept_unchanged: CitedText  # a line kept identical beside a switch: 0%, a software rule


class FractionRange(_Cited):
    low: Fraction
    high: Fraction

    @model_validator(mode="after")
    def _ordered(self) -> FractionRange:
        check_order(self.low, self.high)
        return self


class PatchAlternative(_Cited):
    """Breakthrough of a patch: an immediate-release dose linked to the patch's rate."""

    drug: Identifier
    route: Literal["oral", "sc", "iv"]
    form: Identifier | None = None
    mg_per_mcg_per_h: PositiveNumber
    for_drug: Identifier = Field(description="The patch drug the table is for.")


class MethadoneBreakthrough(_Cited):
    """Breakthrough on methadone: a fraction of the methadone dose, at its own interval (an
    as-needed methadone order needs its minimum interval: pharmacist review 5, D1)."""

    fraction: PositiveFraction
    frequency: Text
    min_interval_hours: PositiveNumber | None = Field(
        default=None, description="The source's minimum interval (omitted: none sourced)."
    )
    max_doses_per_day: PositiveNumber | None = Field(
        default=None,
        description="The source's maximum doses in 24 h (omitted: none sourced; never derived "
        "from the interval, pharmacist review 7, D2).",
    )
    no_maximum: CitedText = Field(
        description="Why no methadone breakthrough dose is given without both limits."
    )

    @property
    def open_ended(self) -> bool:
        """No sourced interval and maximum: no as-needed methadone order (``no_maximum``)."""
        return not as_needed_limits_sourced(self.min_interval_hours, self.max_doses_per_day)


class BreakthroughRules(_Cited):
    """Breakthrough dose = a fraction of the new 24-h dose, given as needed."""

    fraction_low: PositiveFraction
    fraction_high: PositiveFraction
    frequency: Text
    immediate_release_form: Identifier
    patch_alternative: PatchAlternative
    patch_not_covered: CitedText
    methadone: MethadoneBreakthrough
    fraction_excludes: list[Identifier] = Field(
        default=[], description="Drugs the fraction rule's source excludes (fentanyl)."
    )
    excluded_note: CitedText | None = None
    infusion_rescue: InfusionRescue | None = None
    above_danger: RescueAboveDanger

    @model_validator(mode="after")
    def _ordered(self) -> BreakthroughRules:
        check_order(self.fraction_low, self.fraction_high, "fraction_low", "fraction_high")
        return self


class PatchBand(_Frozen):
    """``at_least`` ≤ OME mg/day < ``below`` → ``patch_mcg_per_h``."""

    at_least_mg_per_day: NonNegativeNumber
    below_mg_per_day: PositiveNumber | None = None
    patch_mcg_per_h: PositiveNumber


class PatchBandTable(_Cited):
    """A conservative, one-directional (to the patch only) manufacturer-style table."""

    id: Identifier
    name: Text
    drug: Identifier
    sets: list[Identifier] = Field(
        default=[], description="Equianalgesic sets that use it by default."
    )
    bands: Annotated[list[PatchBand], Field(min_length=1)]


class ToleranceThreshold(_Frozen):
    drug: Identifier
    route: Literal["oral", "transdermal"]
    at_least: Annotated[str, Field(min_length=3)] = Field(
        description="e.g. '60 mg/day', '25 mcg/h'"
    )


class ToleranceTarget(_Cited):
    """A drug by a route (other than a patch) whose switch presumes an opioid-tolerant patient."""

    drug: Identifier
    route: Identifier


class ToleranceDefinition(_Cited):
    """Label definition of opioid-tolerant (for patches), and the other targets that need it."""

    thresholds: Annotated[list[ToleranceThreshold], Field(min_length=1)]
    drugs: list[Identifier] = Field(
        default=[], description="The patch drugs whose label gives this definition; empty: all."
    )
    also_needed_by: list[ToleranceTarget] = Field(
        default=[],
        description="Other targets whose switch presumes an opioid-tolerant patient: a record "
        "of 'not tolerant' beside a regimen that meets the definition is a conflict for them "
        "as for a patch.",
    )
    ome_at_least_mg_per_day: PositiveNumber
    for_at_least_days: PositiveNumber


class HoursRange(_Cited):
    hours_low: PositiveNumber
    hours_high: PositiveNumber

    @model_validator(mode="after")
    def _ordered(self) -> HoursRange:
        check_order(self.hours_low, self.hours_high, "hours_low", "hours_high")
        return self


class BeyondChart(CitedText):
    """A switch to a patch whose band table has no band for the OME (beyond its top band, or
    below its lowest): the set's factor with the reduction ``case`` of a switch between
    different opioids, the closest lower patch size, and ``message`` as a caution. The band
    table's own 0% holds only where its conservative bands are used (clinician review 4, D1)."""

    case: ReductionCaseId


class OtherPatch(_Frozen):
    """A patch other than ``PatchRules.pitfalls_for``: the same pitfalls worded for its own drug
    (pharmacist review 5b, N2), and ``borrowed_timing``, said where a schedule uses a time or
    rule that was sourced for the ``pitfalls_for`` patch (never a fentanyl source silently)."""

    drug: Identifier
    onset: CitedText
    lingering: CitedText
    heat_fever: CitedText
    not_for_unstable_pain: CitedText
    borrowed_timing: CitedText
    borrowed_reduction: CitedText  # said after the from-patch reduction's fentanyl-sourced reason


class PatchLabelConversion(_Cited):
    """A patch label's own conversion: ``mcg_per_h`` ≈ ``oral_morphine_mg_per_day``, for the
    patch of ``drug`` in ``markets`` (pharmacist review 8, D8: named beside the set's factor)."""

    markets: Annotated[list[Market], Field(min_length=1)]
    drug: Identifier
    product: str = Field(
        min_length=1,
        description="The product whose label the table is (pharmacist review 10, N-1: each "
        "product has its own table; the caution names it beside the strengths' product).",
    )
    mcg_per_h: PositiveNumber
    oral_morphine_mg_per_day: PositiveNumber


class PatchRules(_Frozen):
    band_tables: list[PatchBandTable] = []
    label_conversion: PatchLabelConversion | None = None
    beyond_chart: BeyondChart
    tolerance: ToleranceDefinition
    onset: HoursRange
    lingering: HoursRange
    heat_fever: CitedText
    not_for_acute_pain: CitedText
    reverse_use: CitedText
    pitfalls_for: Identifier = Field(
        description="The patch drug the cited pitfalls (onset, skin depot, heat, indication, "
        "one-direction table) were written for; other patches do not get them."
    )
    other_patches: list[OtherPatch] = Field(
        default=[], description="Other patch drugs: the pitfalls worded for each of them."
    )

    def other_patch(self, drug_id: str) -> OtherPatch | None:
        return next((p for p in self.other_patches if p.drug == drug_id), None)


PreviousRegimen = Literal[
    "immediate_release", "modified_release_12h", "modified_release_24h", "infusion"
]


class ToPatchRule(_Cited):
    """When the patch goes on, by the shape of the previous regular opioid.

    ``continue_for``: apply at 0 h and keep the previous doses (or infusion) for ``hours``;
    ``with_last_dose``: apply with the last dose; ``after_last_dose``: apply ``hours`` after it.
    """

    previous: PreviousRegimen
    timing: Literal["continue_for", "with_last_dose", "after_last_dose"]
    hours: NonNegativeNumber
    message: Text


class RoundingRules(_Cited):
    """Rounding to what can be given: per-dose combinations, and what to do below the smallest.

    ``max_units_per_dose`` limits a combination of solid oral strengths (``40 mg + 5 mg``);
    patches are not limited (a need above the largest patch takes several).
    """

    max_units_per_dose: Annotated[int, Field(ge=1, le=6)]
    short_tolerance: ShortTolerance
    rounded_rate_excess: RoundedRateExcess
    rescue_rate_slack: RescueRateSlack
    oral_solution_step: OralSolutionStep
    injected_step: InjectedStep
    up_within_range: CitedText  # rounded up within the range, never above the equianalgesic
    nearer_patch: CitedText  # no patch within the range: the nearer neighbour (review 7, D7)
    below_smallest_oral: CitedText
    not_held: _Cited  # a form the catalogue holds no strength of: its gap (re-check 18b, L5)
    beyond_reach: CitedText  # no combination of at most max_units units reaches the range
    measured_liquid: CitedText
    below_smallest_patch: CitedText
    market_fallback: CitedText


class TransitionRules(_Frozen):
    """Timings of a switch; hours are whole hours after the first step (0 h)."""

    to_patch: Annotated[list[ToPatchRule], Field(min_length=1)]
    to_patch_overlap: CitedHours = Field(
        description="Overlap when the previous regimen's shape has no rule of its own."
    )
    from_patch_start: CitedHours = Field(description="Start of the new opioid after removal.")
    next_dose_due: CitedText
    infusion_to_oral: CitedText

    @model_validator(mode="after")
    def _one_rule_each(self) -> TransitionRules:
        seen = [rule.previous for rule in self.to_patch]
        if len(seen) != len(set(seen)):
            raise ValueError("to_patch lists a previous regimen more than once")
        return self


class RenalRule(_Cited):
    drugs: Annotated[list[Identifier], Field(min_length=1)]
    below_ml_per_min: PositiveNumber
    severity: Severity
    message: Text
    alternatives: list[Identifier] = []


class HepaticRule(_Cited):
    drugs: list[Identifier] = Field(default=[], description="Empty: applies to every opioid.")
    levels: Annotated[list[Literal["mild", "moderate", "severe"]], Field(min_length=1)]
    severity: Severity
    message: Text


class RegularUseRule(_Cited):
    """Drugs not for regular or continuous use (pharmacist review 20, M4: pethidine)."""

    drugs: Annotated[list[Identifier], Field(min_length=1)]
    severity: Severity
    message: Text


class InteractionRule(_Cited):
    drug_class: Literal["nmda_antagonist", "benzodiazepine", "gabapentinoid", "antipsychotic"]
    message: Text
    palliative: PalliativeWords | None = None  # a cancer or palliative patient's words, source
    by_route: list[RouteAdvice] = []  # advice said only for a row given by one of its routes


class RotationRules(_Frozen):
    default_table: Identifier
    reduction: ReductionRules
    breakthrough: BreakthroughRules
    patches: PatchRules
    transitions: TransitionRules
    rounding: RoundingRules
    methadone: MethadoneRules
    renal: list[RenalRule] = []
    renal_preferred: list[RenalPreferred] = []
    kidney_bands: KidneyBands | None = None
    liver_levels: LiverLevels | None = None
    hepatic: list[HepaticRule] = []
    not_for_regular_use: list[RegularUseRule] = []
    co_infusions: list[InteractionRule] = []
    monitoring: Annotated[list[CitedText], Field(min_length=1)]
    route_ratios: list[RouteRatio] = []
    route_ratio_flags: list[RouteRatioFlag] = []
    label_starts: list[LabelStart] = []
