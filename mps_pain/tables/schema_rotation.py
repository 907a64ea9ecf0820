"""Frozen models of the ``rotation:`` section of ``data/conversion_tables.yaml``.

Every number the rotation planner uses (reduction defaults and bounds, breakthrough fractions,
patch bands, methadone methods, transition timings, the opioid-tolerance definition, QTc limits,
renal and hepatic rules, the near-edge window) lives here with its ``source`` and ``locator``.
Cross-record checks (sources resolve, bands contiguous and monotone, caps positive) are in
``integrity_rotation.py``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from mps_pain.tables.schema_route_ratios import InfusionRescue, RouteRatio, RouteRatioFlag
from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import (
    Fraction,
    Identifier,
    NonNegativeNumber,
    PositiveFraction,
    PositiveNumber,
    Severity,
    Text,
    ratio_value,
)
from mps_pain.tables.schema_types import Frozen as _Frozen

__all__ = [
    "BreakthroughRules",
    "FromMethadoneRule",
    "HepaticRule",
    "MethadoneMethod",
    "MethadoneRules",
    "MethadoneTier",
    "PatchBand",
    "PatchBandTable",
    "PatchRules",
    "QtcLimits",
    "ReductionCase",
    "ReductionRules",
    "RenalRule",
    "RotationRules",
    "RoundingRules",
    "StepSchedule",
    "ToPatchRule",
    "ToleranceDefinition",
    "TransitionRules",
]

ReductionCaseId = Literal[
    "same_drug", "different_opioid", "from_patch", "to_patch_bands", "from_methadone"
]


class CitedText(_Cited):
    message: Text


class FractionRange(_Cited):
    low: Fraction
    high: Fraction

    @model_validator(mode="after")
    def _ordered(self) -> FractionRange:
        if self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


class ReductionCase(_Cited):
    """The suggested cross-tolerance reduction for one kind of switch."""

    id: ReductionCaseId
    default: Fraction
    low: Fraction
    high: Fraction
    reason: Text

    @model_validator(mode="after")
    def _inside(self) -> ReductionCase:
        if not (self.low <= self.default <= self.high):
            raise ValueError(f"default {self.default} lies outside {self.low}–{self.high}")
        return self


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


class BreakthroughRules(_Cited):
    """Breakthrough dose = a fraction of the new 24-h dose, given as needed."""

    fraction_low: PositiveFraction
    fraction_high: PositiveFraction
    frequency: Text
    immediate_release_form: Identifier
    patch_alternative_drug: Identifier
    patch_alternative_route: Literal["oral", "sc", "iv"]
    patch_alternative_form: Identifier | None = None
    patch_alternative_mg_per_mcg_per_h: PositiveNumber
    patch_alternative_source: Identifier
    patch_alternative_locator: Text
    patch_alternative_for: Identifier = Field(description="The patch drug the table is for.")
    patch_not_covered: CitedText
    methadone_fraction: PositiveFraction
    methadone_frequency: Text
    methadone_source: Identifier
    methadone_locator: Text
    fraction_excludes: list[Identifier] = Field(
        default=[], description="Drugs the fraction rule's source excludes (fentanyl)."
    )
    excluded_note: CitedText | None = None
    infusion_rescue: InfusionRescue | None = None

    @model_validator(mode="after")
    def _ordered(self) -> BreakthroughRules:
        if self.fraction_low > self.fraction_high:
            raise ValueError("fraction_low is above fraction_high")
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


class ToleranceDefinition(_Cited):
    """Label definition of opioid-tolerant (for patches)."""

    thresholds: Annotated[list[ToleranceThreshold], Field(min_length=1)]
    drugs: list[Identifier] = Field(
        default=[], description="The patch drugs whose label gives this definition; empty: all."
    )
    ome_at_least_mg_per_day: PositiveNumber
    for_at_least_days: PositiveNumber


class PatchRules(_Frozen):
    band_tables: list[PatchBandTable] = []
    tolerance: ToleranceDefinition
    onset_hours_low: PositiveNumber
    onset_hours_high: PositiveNumber
    onset_source: Identifier
    onset_locator: Text
    lingering_hours_low: PositiveNumber
    lingering_hours_high: PositiveNumber
    lingering_source: Identifier
    lingering_locator: Text
    heat_fever: CitedText
    not_for_acute_pain: CitedText
    reverse_use: CitedText

    @model_validator(mode="after")
    def _ordered(self) -> PatchRules:
        if self.lingering_hours_low > self.lingering_hours_high:
            raise ValueError("lingering_hours_low is above lingering_hours_high")
        return self


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
    short_tolerance_fraction: Annotated[float, Field(ge=0, le=0.1)]
    short_tolerance_source: Identifier
    short_tolerance_locator: Text
    oral_solution_step_ml: Annotated[float, Field(gt=0, le=5)]
    oral_solution_step_source: Identifier
    oral_solution_step_locator: Text
    below_smallest_oral: CitedText
    measured_liquid: CitedText
    below_smallest_patch: CitedText
    market_fallback: CitedText


class TransitionRules(_Frozen):
    """Timings of a switch; hours are whole hours after the first step (0 h)."""

    to_patch: Annotated[list[ToPatchRule], Field(min_length=1)]
    to_patch_overlap_hours: PositiveNumber
    to_patch_source: Identifier
    to_patch_locator: Text
    from_patch_start_hours: PositiveNumber
    from_patch_source: Identifier
    from_patch_locator: Text
    next_dose_due: CitedText
    infusion_to_oral: CitedText

    @model_validator(mode="after")
    def _one_rule_each(self) -> TransitionRules:
        seen = [rule.previous for rule in self.to_patch]
        if len(seen) != len(set(seen)):
            raise ValueError("to_patch lists a previous regimen more than once")
        return self


class MethadoneTier(_Frozen):
    """``above`` < OME mg/day ≤ ``up_to`` (open at the top when ``up_to`` is omitted)."""

    above_mg_per_day: NonNegativeNumber
    up_to_mg_per_day: PositiveNumber | None = None
    dose_mg_per_day: PositiveNumber | None = Field(default=None, description="Fixed daily dose.")
    ratio: PositiveNumber | None = Field(default=None, description="OME : methadone ratio.")

    @model_validator(mode="after")
    def _one_kind(self) -> MethadoneTier:
        if (self.dose_mg_per_day is None) == (self.ratio is None):
            raise ValueError("a tier gives exactly one of dose_mg_per_day or ratio")
        if self.up_to_mg_per_day is not None and self.up_to_mg_per_day <= self.above_mg_per_day:
            raise ValueError("tier upper edge is not above its lower edge")
        return self


class StepSchedule(_Cited):
    """The three-step switch: fractions of the previous regimen and of the methadone target."""

    steps: Annotated[list[StepScheduleStep], Field(min_length=2)]


class StepScheduleStep(_Frozen):
    from_day: Annotated[int, Field(ge=1)]
    to_day: Annotated[int, Field(ge=1)] | None = None
    previous_fraction: Annotated[float, BeforeValidator(ratio_value), Field(ge=0, le=1)]
    methadone_fraction: PositiveFraction


class MethadoneMethod(_Cited):
    id: Identifier
    name: Text
    kind: Literal["fixed_tiers", "ratio_tiers", "fraction"]
    tiers: list[MethadoneTier] = []
    fraction: PositiveFraction | None = None
    minimum_ome_mg_per_day: PositiveNumber | None = None
    minimum_message: Text | None = None
    cap_mg: PositiveNumber | None = None
    cap_per: Literal["day", "dose"] = "day"
    cap_source: Identifier | None = None
    cap_locator: Text | None = None
    frequency: Text = Field(description="'tid', 'q8h' … or 'prn' for an as-needed method.")
    frequency_source: Identifier
    frequency_locator: Text
    reduction: ReductionCase
    schedules: Annotated[list[Literal["immediate", "three-step"]], Field(min_length=1)]
    titration_interval_days_low: PositiveNumber
    titration_interval_days_high: PositiveNumber
    titration_source: Identifier
    titration_locator: Text
    note: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> MethadoneMethod:
        if self.kind == "fraction" and (self.fraction is None or self.tiers):
            raise ValueError("a 'fraction' method gives 'fraction' and no tiers")
        if self.kind != "fraction" and (not self.tiers or self.fraction is not None):
            raise ValueError(f"a '{self.kind}' method gives tiers and no fraction")
        wanted = "dose_mg_per_day" if self.kind == "fixed_tiers" else "ratio"
        for tier in self.tiers:
            if getattr(tier, wanted) is None:
                raise ValueError(f"every tier of a '{self.kind}' method gives {wanted}")
        if self.cap_mg is not None and (self.cap_source is None or self.cap_locator is None):
            raise ValueError("a cap needs cap_source and cap_locator")
        if self.titration_interval_days_low > self.titration_interval_days_high:
            raise ValueError("titration interval low is above high")
        if self.kind == "fraction" and self.frequency != "prn":
            raise ValueError("a 'fraction' method gives an as-needed dose: frequency 'prn'")
        return self


class QtcLimits(_Cited):
    caution_from_ms: PositiveNumber
    danger_above_ms: PositiveNumber
    unknown_message: Text

    @model_validator(mode="after")
    def _ordered(self) -> QtcLimits:
        if self.caution_from_ms >= self.danger_above_ms:
            raise ValueError("caution_from_ms must be below danger_above_ms")
        return self


class FromMethadoneRule(_Cited):
    """Methadone → other opioids: not bidirectional; the sourced figure used and its caution."""

    ome_per_mg_methadone: PositiveNumber
    message: Text


class MethadoneRules(_Frozen):
    drug: Identifier
    default_method: Identifier
    methods: Annotated[list[MethadoneMethod], Field(min_length=1)]
    near_edge_fraction: PositiveFraction
    near_edge_source: Identifier
    near_edge_locator: Text
    three_step: StepSchedule
    qtc: QtcLimits
    from_methadone: FromMethadoneRule
    start_cap: CitedText


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


class InteractionRule(_Cited):
    drug_class: Literal["nmda_antagonist", "benzodiazepine", "gabapentinoid", "antipsychotic"]
    message: Text


class RotationRules(_Frozen):
    default_table: Identifier
    reduction: ReductionRules
    breakthrough: BreakthroughRules
    patches: PatchRules
    transitions: TransitionRules
    rounding: RoundingRules
    methadone: MethadoneRules
    renal: list[RenalRule] = []
    hepatic: list[HepaticRule] = []
    co_infusions: list[InteractionRule] = []
    monitoring: Annotated[list[CitedText], Field(min_length=1)]
    route_ratios: list[RouteRatio] = []
    route_ratio_flags: list[RouteRatioFlag] = []


StepSchedule.model_rebuild()
