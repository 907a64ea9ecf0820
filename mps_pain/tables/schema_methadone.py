"""Frozen models of ``rotation.methadone`` in ``data/conversion_tables.yaml``.

The methods (fixed tiers, ratio tiers, a fraction), the three-step schedule, the QTc limits, the
figure used away from methadone and the band edge held down; each cited value sits in a record with
its ``citation``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import (
    CitedText,
    Identifier,
    NonNegativeNumber,
    PositiveFraction,
    PositiveNumber,
    ReductionCase,
    Text,
    check_order,
    ratio_value,
)
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.vocabulary import Market

__all__ = [
    "FarBelow",
    "FromMethadoneRule",
    "MethadoneCap",
    "MethadoneFrequency",
    "MethadoneMethod",
    "MethadoneRules",
    "MethadoneTier",
    "QtcLimits",
    "StepSchedule",
    "StepScheduleStep",
    "TitrationInterval",
]


class MethadoneTier(_Frozen):
    """``above`` < OME mg/day ≤ ``up_to`` (open at the top when ``up_to`` is omitted).

    ``includes_top: false`` is a band the source writes as "<90": its upper edge belongs to the
    next band, which then starts at it (``above`` ≤ OME)."""

    above_mg_per_day: NonNegativeNumber
    up_to_mg_per_day: PositiveNumber | None = None
    includes_top: bool = True
    dose_mg_per_day: PositiveNumber | None = Field(default=None, description="Fixed daily dose.")
    ratio: PositiveNumber | None = Field(default=None, description="OME : methadone ratio.")

    @model_validator(mode="after")
    def _one_kind(self) -> MethadoneTier:
        if (self.dose_mg_per_day is None) == (self.ratio is None):
            raise ValueError("a tier gives exactly one of dose_mg_per_day or ratio")
        if self.up_to_mg_per_day is not None and self.up_to_mg_per_day <= self.above_mg_per_day:
            raise ValueError("tier upper edge is not above its lower edge")
        if self.up_to_mg_per_day is None and not self.includes_top:
            raise ValueError("an open top band has no upper edge to leave out (includes_top)")
        return self


class StepSchedule(_Cited):
    """The three-step switch: fractions of the previous regimen and of the methadone target."""

    steps: Annotated[list[StepScheduleStep], Field(min_length=2)]


class StepScheduleStep(_Frozen):
    from_day: Annotated[int, Field(ge=1)]
    to_day: Annotated[int, Field(ge=1)] | None = None
    previous_fraction: Annotated[float, BeforeValidator(ratio_value), Field(ge=0, le=1)]
    methadone_fraction: PositiveFraction


class MethadoneCap(_Cited):
    """The largest starting dose of a method, per day or per dose."""

    mg: PositiveNumber
    per: Literal["day", "dose"] = "day"


def as_needed_limits_sourced(min_interval_hours: float | None, max_doses: float | None) -> bool:
    """The one rule for every as-needed methadone order (an as-needed-only method and the
    breakthrough dose of a regular one alike): it needs a SOURCED minimum interval and a SOURCED
    maximum number of doses in 24 h (pharmacist review 5, D1; review 7, D2: a maximum derived
    from the interval is not a source)."""
    return min_interval_hours is not None and max_doses is not None


class MethadoneFrequency(_Cited):
    code: Text = Field(description="'tid', 'q8h' … or 'prn' for an as-needed method.")
    min_interval_hours: PositiveNumber | None = Field(
        default=None, description="An as-needed method's sourced minimum interval (omitted: none)."
    )
    max_doses_per_day: PositiveNumber | None = Field(
        default=None, description="An as-needed method's sourced maximum doses in 24 h."
    )

    @property
    def open_ended(self) -> bool:
        """An as-needed method without a sourced minimum interval and 24-h maximum."""
        return self.code == "prn" and not as_needed_limits_sourced(
            self.min_interval_hours, self.max_doses_per_day
        )


class TitrationInterval(_Cited):
    """No dose increase more often than every ``days_low``–``days_high`` days."""

    days_low: PositiveNumber
    days_high: PositiveNumber

    @model_validator(mode="after")
    def _ordered(self) -> TitrationInterval:
        check_order(self.days_low, self.days_high, "days_low", "days_high")
        return self


class MethadoneMethod(_Cited):
    id: Identifier
    name: Text
    kind: Literal["fixed_tiers", "ratio_tiers", "fraction"]
    # the markets whose practice the method's source comes from: a set of that market plans by
    # it unless another method is chosen (``methadone_method.default_method``)
    markets: list[Market] = []
    tiers: list[MethadoneTier] = []
    fraction: PositiveFraction | None = None
    minimum_ome_mg_per_day: PositiveNumber | None = None
    minimum_message: Text | None = None
    cap: MethadoneCap | None = None
    frequency: MethadoneFrequency
    reduction: ReductionCase
    schedules: Annotated[list[Literal["immediate", "three-step"]], Field(min_length=1)]
    titration_interval: TitrationInterval
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
        if self.kind == "fraction" and self.frequency.code != "prn":
            raise ValueError("a 'fraction' method gives an as-needed dose: frequency 'prn'")
        return self


class QtcLimits(_Cited):
    caution_from_ms: PositiveNumber
    danger_above_ms: PositiveNumber
    unknown_message: Text  # methadone to be given (started or continued)
    unknown_current_message: Text  # methadone the patient is on (kept, or mme of the regimen)

    @model_validator(mode="after")
    def _ordered(self) -> QtcLimits:
        if self.caution_from_ms >= self.danger_above_ms:
            raise ValueError("caution_from_ms must be below danger_above_ms")
        return self


class FromMethadoneRule(_Cited):
    """Methadone → other opioids: not bidirectional; the sourced figure used and its caution."""

    ome_per_mg_methadone: PositiveNumber
    message: Text
    no_dose_reason: Text


class FarBelow(_Cited):
    """A method's regular daily dose below ``fraction`` × every other method's is named."""

    fraction: PositiveFraction
    message: Text


class MarketTitration(TitrationInterval):
    """A market's own titration interval for a methadone dose increase (its label's)."""

    market: Market


class DoseIncrease(TitrationInterval):
    """A methadone dose increase whatever the method that started it (a dose change in
    ``check``): no increase more often than every ``days_low``–``days_high`` days; a set of a
    market in ``by_market`` says that market's own interval (pharmacist review 10, N-4: the JP
    label's ≥ 7 days, not 5–7, under jspm-2010)."""

    message: Text
    by_market: list[MarketTitration] = []

    def for_market(self, market: str | None) -> TitrationInterval:
        return next((m for m in self.by_market if m.market == market), self)


class MethadoneRules(_Frozen):
    drug: Identifier
    default_method: Identifier  # under a set whose market no method lists
    methods: Annotated[list[MethadoneMethod], Field(min_length=1)]
    band_edge: CitedText  # a band edge held down: never less above it, never above its own band
    three_step: StepSchedule
    qtc: QtcLimits
    from_methadone: FromMethadoneRule
    on_methadone: CitedText  # a switch TO methadone from a regimen that has methadone
    stopped_methadone: CitedText  # methadone stopped beside a kept opioid (check)
    as_needed_order: CitedText
    far_below: FarBelow
    start_cap: CitedText
    dose_increase: DoseIncrease


StepSchedule.model_rebuild()
