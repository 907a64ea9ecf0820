"""The rotation planner's frozen results (the input documents are in ``requests``): the JSON
contract of ``rotate --json`` / ``check --json``, magnitudes as ``{value, unit}`` objects."""

from __future__ import annotations

from typing import Any, TypeGuard

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mps_pain.domain.regimen import NotReported, PrnPolicy, RegimenItem
from mps_pain.domain.results import (
    MARKET_ASKED,
    Amount,
    ClinicalWarning,
    HeldOption,
    MmeLine,
    ValuedAndCounted,
)
from mps_pain.domain.rotation.kept_line import KeptLine
from mps_pain.domain.rotation.switch_kind import SwitchKind
from mps_pain.tables.index import TableRef

__all__ = [
    "MARKET_ASKED",
    "BandDose",
    "Breakthrough",
    "DoseRange",
    "FrozenResult",
    "IntervalAlternative",
    "MethadoneOption",
    "PatchChange",
    "PlannedRegimen",
    "RegimenDetail",
    "RotationPlan",
    "ScheduleEntry",
    "SpreadRow",
    "StagedPart",
    "SwitchKind",
]


class FrozenResult(BaseModel):
    """The frozen base of the planner's and the check's results."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class DoseRange(FrozenResult):
    value: float
    unit: str
    low: float
    high: float


class PatchChange(FrozenResult):
    """How long the planned patch is worn: the cited interval of the product the plan names
    (review 8 #2: never "change as labelled")."""

    hours: float
    product: str = Field(description="The product whose strengths were used, e.g. Matrifen.")
    source: str = Field(description="The interval's citation.")


class PlannedRegimen(FrozenResult):
    """The new regimen. Its JSON is a valid ``RegimenItem`` (one dosing shape: dose + frequency,
    or rate; ``prn`` for an as-needed-only method), so it can be given straight back to ``check``
    and ``mme``. What an item does not hold (the daily total, the units of one dose, the patches,
    why no dose can be given) is read here but serialised under the plan's ``regimen_detail``.
    When no dose can be given, dose, frequency and rate are null (not an item to check)."""

    drug: str
    route: str
    form: str | None
    dose: Amount | None
    frequency: str | None
    rate: Amount | None
    prn: bool = False
    doses_per_day: NotReported | None = Field(
        default=None,
        description="An as-needed-only regimen (Morley-Makin): 'not reported', the doses a day "
        "are not known in advance and no source gives a maximum (the check measures it per dose).",
    )
    daily_dose: Amount | None = Field(default=None, exclude=True)
    patches: list[Amount] | None = Field(default=None, exclude=True)
    dose_units: list[Amount] | None = Field(default=None, exclude=True)
    no_dose: str | None = Field(default=None, exclude=True)
    patch_change: PatchChange | None = Field(default=None, exclude=True)

    def as_item(self) -> RegimenItem:
        """The regimen as a validated RegimenItem (raises when no dose can be given)."""
        return RegimenItem.model_validate(self.model_dump(mode="json", exclude_none=True))

    @property
    def detail(self) -> RegimenDetail:
        return RegimenDetail(
            daily_dose=self.daily_dose,
            patches=self.patches,
            dose_units=self.dose_units,
            no_dose=self.no_dose,
            patch_change=self.patch_change,
        )


class RegimenDetail(FrozenResult):
    """What the regimen item does not hold: the daily total, the units of a dose, patches."""

    daily_dose: Amount | None = None
    patches: list[Amount] | None = None
    dose_units: list[Amount] | None = Field(
        default=None, description="The dosage units of one dose (e.g. 40 mg + 5 mg)."
    )
    no_dose: str | None = Field(
        default=None,
        description="Why no dose can be given in this form, and what to do instead (the "
        "regimen's dose, frequency and rate are then null).",
    )
    patch_change: PatchChange | None = Field(
        default=None, description="A patch plan: when the patch is changed, and the product."
    )


class BandDose(FrozenResult):
    """The dose a patch band table gave (the lower of the band and the set's factor result)."""

    table: str = Field(description="The band table's name.")
    citation: str
    ome_mg_per_day: float = Field(description="The OME/day looked up in the band table.")
    band: Amount = Field(description="The band's patch.")
    chosen: Amount = Field(description="The lower of the band and the factor result.")


class PatchLabelReading(FrozenResult):
    """What a patch label's own conversion makes of the planned patch (pharmacist review 9, D-B:
    jspm-2010's 37.5 mcg/h from 120 mg/day is ≈ 135 by the JP label, headlined "25%")."""

    label: str = Field(description="The label's row, e.g. '25 mcg/h ≈ oral morphine 90 mg/day'.")
    patch_mcg_per_h: float = Field(description="The planned patch.")
    oral_morphine_mg_per_day: float = Field(description="The planned patch by the label.")
    current_ome_mg_per_day: float
    effective_reduction: float = Field(description="1 − label ÷ current (< 0: above it).")
    citation: str
    product: str = Field(description="The product whose label the table is.")
    strengths_product: str | None = Field(
        default=None,
        description="Another product whose strengths and change interval the market lists "
        "(pharmacist review 10, N-1: the JP strengths are Durotep MT's, the table another's).",
    )


class Breakthrough(FrozenResult):
    drug: str
    route: str
    form: str | None = None
    dose: Amount | None
    frequency: str
    high: Amount | None = Field(default=None, description="The range's top (before rounding).")
    low: Amount | None = Field(default=None, description="Lower end of the range.")
    source: str | None = None
    note: str | None = None
    no_dose: str | None = Field(
        default=None,
        description="Why a rule computed a breakthrough amount but no dose is given (it rounds "
        "to nothing measurable, the computed amount is outside clinical doses, or the patient-"
        "factor rules say to avoid the drug); the plan's warnings then say so. Null when a dose "
        "is given or no cited rule gives a number (its own caution says so).",
    )
    #: an infusion's pump bolus: the dose the plan names beside it for a ward without that pump
    outside_pump: Amount | None = None
    to_agree: tuple[str, ...] | None = Field(
        default=None,
        description="No source gives a rescue, so the order's parts left to agree with the "
        "specialist before the first dose, each printed as a blank to fill in (pharmacist "
        "review 8, D2b: a methadone plan's rescue opioid, dose, minimum interval, maximum in "
        "24 h). Null when a dose is given.",
    )


class IntervalAlternative(FrozenResult):
    """The interval asked for, when the plan proposes another cited interval of the target's
    form because a marketed strength lies within the sourced range there and none does at the
    interval asked for (pharmacist review 5, D10): what the rounding gives at the interval asked
    for, shown as the other option. Amounts per day in the target row's unit."""

    regimen: PlannedRegimen = Field(description="The regimen at the interval asked for.")
    daily_dose: Amount | None = Field(
        description="What it gives per day (None: no dose can be given at that interval)."
    )
    effective_reduction: float | None = Field(
        description="1 − its daily amount ÷ the equianalgesic amount (None: no dose)."
    )
    sourced_low: float = Field(description="The sourced range's low end per day (same unit).")
    sourced_high: float = Field(description="The sourced range's high end per day.")
    requested_frequency: str = Field(description="The interval asked for.")
    citation: str = Field(description="The sources of the form's dosing intervals.")


class StagedPart(FrozenResult):
    """The first part of a staged switch (a patch with regular oral or parenteral opioids): what
    replaces the regular opioids when their next dose is due, before the patch's share starts.
    Amounts are per day in the target row's unit (as ``RotationPlan.rounded_daily_dose``)."""

    regimen: PlannedRegimen
    daily_dose: Amount = Field(description="What the first part gives per day.")
    share: float = Field(description="The regular lines' share of the OME as the switch values it.")
    equianalgesic_daily_dose: Amount = Field(
        description="The regular lines' own equianalgesic amount, before their reduction."
    )
    reduction: float = Field(description="Their own reduction (the case of their share).")
    reduction_range: tuple[float, float] = Field(description="Their own sourced range.")
    capped: bool = Field(
        default=False, description="Limited to the full dose (never more than the full dose)."
    )


class ScheduleEntry(FrozenResult):
    when: str
    action: str
    #: a current line this step keeps going until it stops (clinician review 21, N1)
    keeps: KeptLine | None = Field(default=None, exclude_if=lambda value: value is None)


class SpreadRow(FrozenResult):
    table: str
    name: str
    target_daily_dose: Amount | None
    ome_per_day: float | None = None
    missing: str | None = None
    equianalgesic: Amount | None = Field(
        default=None, description="The set's equianalgesic amount, before any reduction."
    )
    reduction_in_chart: bool = Field(
        default=False,
        description="A conversion chart gave the target (its reduction is built in).",
    )
    rounded: Amount | None = Field(
        default=None,
        description="What the rounding policy gives under this set (per dose, rate or patch).",
    )
    rounded_frequency: str | None = Field(
        default=None, description="The interval of a rounded per-dose amount (q12h …)."
    )
    rounded_daily_dose: Amount | None = Field(
        default=None, description="A rounded per-dose amount (or an infusion) as a daily total."
    )
    rounded_route: str | None = Field(
        default=None, description="The route of a rounded infusion (its wording: a CSCI)."
    )
    note: str | None = None


class MethadoneOption(FrozenResult):
    method: str
    name: str
    source: str
    daily_dose: Amount | None
    per_dose: Amount | None
    frequency: str
    cap: Amount | None
    capped: bool = False
    held_at_edge: bool = Field(
        default=False,
        description="The band's own dose is below the top of the band beneath: the dose is held.",
    )
    band_dose: Amount | None = Field(default=None, description="The band's own dose, when held.")
    note: str | None = None


class RotationPlan(FrozenResult):
    ome_per_day: float
    ome_low: float
    ome_high: float
    prn: PrnPolicy
    prn_stated: bool
    table: TableRef
    table_name: str
    market: str | None = Field(default=None, description=MARKET_ASKED)
    ome_label: str = Field(
        default="OME",
        description="What the plan's set calls a daily oral-morphine amount (OME, oMEDD): "
        "every mg/day of it the plan says (``ome_per_day``) is said in these words.",
    )
    equianalgesic_daily_dose: DoseRange
    reduction: float
    reduction_case: str | None = Field(
        default=None, description="The reduction case of the switch (None: a methadone method)."
    )
    reduction_low: float = Field(description="Low end of the sourced reduction range.")
    reduction_high: float = Field(description="High end of the sourced reduction range.")
    reduction_reason: str
    reduction_source: str | None
    target_daily_dose: Amount
    regimen: PlannedRegimen
    regimen_detail: RegimenDetail = Field(
        description="The regimen's daily total, dose units, patches and no-dose reason (filled "
        "from the regimen)."
    )
    switch_kind: SwitchKind = Field(description="The kind of switch (classify_switch).")
    switch: str = Field(description="The switch classification in words, with its ratios.")
    rounded_daily_dose: Amount | None
    rounding_loss_percent: float | None
    breakthrough: Breakthrough | None
    schedule: list[ScheduleEntry]
    steps: list[str]
    spread: list[SpreadRow]
    warnings: list[ClinicalWarning]
    monitoring: list[str]
    current: list[MmeLine]
    methadone_options: list[MethadoneOption] = []
    methadone_method: str | None = Field(
        default=None, description="The methadone method the plan used (its row's ``method``)."
    )
    titration_interval_days: tuple[float, float] | None = None
    reduction_range: tuple[float, float] | None = Field(
        default=None, description="The sourced reduction range of this switch (fractions)."
    )
    band_dose: BandDose | None = Field(
        default=None, description="The patch band table that gave the target, if one did."
    )
    interval_alternative: IntervalAlternative | None = Field(
        default=None,
        description="When rounding at the requested interval leaves the sourced range and the "
        "plan proposes the nearest cited interval of the form where a marketed strength lies "
        "within it: the interval asked for, as the other option.",
    )
    #: the amounts the rounding note leaves to the prescriber when none lies within the range
    rounding_options: list[Amount] = []
    #: the patch above the range it names but does not take for this patient (``held_option``)
    held_option: HeldOption | None = None
    dose_measured: bool = Field(
        default=False,
        description="The per-dose amount is measured to the dose (an oral solution, or an "
        "injection without listed strengths), not a combination of marketed strengths (the "
        "renderers do not say 'rounded to strengths').",
    )
    first_part: StagedPart | None = Field(
        default=None,
        description="A patch with regular opioids: the part given from 0 h (their own reduced "
        "equivalent), before the full dose.",
    )
    patch_label: PatchLabelReading | None = Field(
        default=None,
        description="A patch plan under a set of a patch label's market: the label's "
        "own reading of the planned patch (``label_start.patch_label_reading``).",
    )
    new_regimen_ome: ValuedAndCounted | None = None

    @property
    def effective_reduction(self) -> float | None:
        """The reduction the rounded dose really gives: ``1 − (1 − reduction) × rounded ÷
        target``, larger when rounding down took more off. Under a patch band table, against
        the equianalgesic dose (the band's own cut is part of the reduction)."""
        rounded, target = self.rounded_daily_dose, self.target_daily_dose
        eq = self.equianalgesic_daily_dose
        if self.band_dose is not None and rounded is not None and rounded.unit == eq.unit:
            return 1 - rounded.value / eq.value if eq.value > 0 else None
        if rounded is None or rounded.unit != target.unit or target.value <= 0:
            return None
        return 1 - (1 - self.reduction) * rounded.value / target.value

    @property
    def rounding_leaves_range(self) -> bool:
        """Rounding left the dose below the sourced range (alert the prescriber): the rounding
        policy's own verdict (issue #8 class 6), so a same-drug route change rounded within its
        cited ratio range is not flagged."""
        return any(w.code == "rounding-below-range" for w in self.warnings)

    @model_validator(mode="before")
    @classmethod
    def _one_detail(cls, data: Any) -> Any:
        """``regimen_detail`` is the regimen's own detail: filled from it when built in code,
        merged back into it when a plan is read from JSON (``rotate --json``, whose fill-in
        rescue line names no drug: read back as the record's, the regimen's drug). A detail
        that is not valid is left where it is written, to be refused there (fuzz re-check 17b,
        N6: merged, it was refused as ``regimen.daily_dose``, a field the plan's regimen lacks)."""
        if not isinstance(data, dict):
            return data
        regimen, detail = data.get("regimen"), data.get("regimen_detail")
        if isinstance(regimen, PlannedRegimen):
            return {**data, "regimen_detail": regimen.detail}
        rescue = data.get("breakthrough")
        if isinstance(rescue, dict) and "fill_in" in rescue:
            rescue = {k: v for k, v in rescue.items() if k != "fill_in"}
            if rescue.get("drug") is None and isinstance(regimen, dict):
                rescue |= {k: regimen.get(k) for k in ("drug", "route", "form")}
            data = {**data, "breakthrough": rescue}
        if isinstance(regimen, dict) and _valid_detail(detail):
            merged = {**regimen, **{k: v for k, v in detail.items() if v is not None}}
            return {**data, "regimen": merged}
        return data


def _valid_detail(detail: Any) -> TypeGuard[dict[str, Any]]:
    """A plan's ``regimen_detail`` as read from JSON holds only values its model accepts."""
    if not isinstance(detail, dict):
        return False
    try:
        RegimenDetail.model_validate(detail)
    except ValidationError:
        return False
    return True
