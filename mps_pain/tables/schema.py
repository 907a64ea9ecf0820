"""Frozen pydantic models of ``data/conversion_tables.yaml``.

Structure, types, unknown keys, positivity and units are checked here, field by field, so a bad
value is reported with its path. Checks across records (references resolve, no duplicate or
overlapping rows, bands without gaps) are in ``integrity.py``.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, model_validator

from mps_pain.fields import MassRate
from mps_pain.numbers import format_span
from mps_pain.tables.schema_markets import MarketDefaults, MarketNames
from mps_pain.tables.schema_patch import (
    ChangeInterval,
    ProductContentTable,
    check_change_intervals,
)
from mps_pain.tables.schema_patient import AgeCaution, PatientBounds
from mps_pain.tables.schema_plausibility import (
    PerHourRateCheck,
    Plausibility,
    TotalPlausibility,
)
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.schema_types import (
    Identifier,
    NonNegativeNumber,
    PalliativeWords,
    PositiveNumber,
    Text,
    check_order,
)
from mps_pain.tables.spoken_words import spoken_market
from mps_pain.tables.vocabulary import HepaticLevel, Market, Route, Severity
from mps_pain.unit_kinds import UnitKind, allowed_units, check_unit
from mps_pain.units import UnitParseError, dimension_of

__all__ = [
    "ClassRequirement",
    "ClassRule",
    "ConversionTables",
    "DoseBand",
    "Drug",
    "DrugClass",
    "Factor",
    "Form",
    "Market",
    "MaxDaily",
    "Plausibility",
    "Purpose",
    "ReferenceSet",
    "RenalBand",
    "Route",
    "Severity",
    "Source",
    "Strengths",
    "Threshold",
    "ValueRange",
]

ROUTES: tuple[str, ...] = get_args(Route)
Purpose = Literal["risk_mme", "equianalgesic"]
Evidence = Literal["exact", "secondary", "derived", "label", "unverified"]
DrugClass = Literal[
    "opioid",
    "acetaminophen",
    "nsaid",
    "gabapentinoid",
    "corticosteroid",
    "nmda_antagonist",
    "antipsychotic",
    "antidepressant",
    "benzodiazepine",
]


def _unit_of(*kinds: UnitKind) -> AfterValidator:
    """A unit that one of ``kinds`` accepts (``unit_kinds``), in its display spelling."""

    def check(text: str) -> str:
        for kind in kinds:
            try:
                return check_unit(text, kind)
            except UnitParseError:
                continue
        allowed = ", ".join(unit for kind in kinds for unit in allowed_units(kind))
        try:
            found = f"is a {dimension_of(text).value}"
        except UnitParseError:
            found = "is not a unit this program understands"
        raise ValueError(
            f"unit '{text}' {found}, expected a {' or '.join(k.value for k in kinds)} "
            f"the engine computes: one of {allowed}"
        )

    return AfterValidator(check)


RateUnit = Annotated[str, _unit_of(UnitKind.TABLE_RATE)]
StrengthUnit = Annotated[str, _unit_of(UnitKind.DOSE, UnitKind.TABLE_RATE, UnitKind.CONCENTRATION)]


class Source(_Frozen):
    label: Annotated[str, Field(min_length=2, max_length=40)] = Field(
        description="Short name used in worked arithmetic, e.g. 'CDC 2022'."
    )
    citation: Annotated[str, Field(min_length=10)]
    year: Annotated[int, Field(ge=1950, le=2100)]
    url: str | None = None
    evidence: Evidence = Field(
        description="exact: printed in the source; secondary: seen in a copy or mirror; "
        "derived: computed from a printed rule; label: product label; unverified: to be checked."
    )
    note: str | None = None


class ValueRange(_Frozen):
    low: PositiveNumber
    high: PositiveNumber

    @model_validator(mode="after")
    def _ordered(self) -> ValueRange:
        check_order(self.low, self.high)
        return self


class DoseBand(_Frozen):
    """A dose band with continuous bounds: ``above`` < daily dose ≤ ``up_to``."""

    above: NonNegativeNumber
    up_to: PositiveNumber | None = None
    unit: RateUnit

    @model_validator(mode="after")
    def _ordered(self) -> DoseBand:
        if self.up_to is not None and self.up_to <= self.above:
            raise ValueError(
                f"band upper edge {self.up_to} is not above its lower edge {self.above}"
            )
        return self

    def contains(self, amount_in_unit: float) -> bool:
        return amount_in_unit > self.above and (self.up_to is None or amount_in_unit <= self.up_to)


class Factor(_Cited):
    """OME (mg/day of oral morphine) = daily amount expressed in ``per`` × ``factor``."""

    drug: Identifier
    routes: Annotated[list[Route], Field(min_length=1)]
    forms: list[Identifier] | None = None
    per: RateUnit = Field(
        description="Unit of the amount the factor multiplies, e.g. mg/day, mcg/h."
    )
    factor: PositiveNumber
    range: ValueRange | None = None
    band: DoseBand | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _point_inside_range(self) -> Factor:
        if self.range and not (self.range.low <= self.factor <= self.range.high):
            span = format_span(str(self.range.low), str(self.range.high))
            raise ValueError(f"point factor {self.factor} lies outside its range {span}")
        return self


class Threshold(_Cited):
    code: Identifier
    at_least_mme_per_day: PositiveNumber
    severity: Severity
    message: Text


class ScopeExclusion(_Cited):
    """Patients a set's guideline excludes: its thresholds are not applied to them."""

    populations: Annotated[list[Literal["cancer_or_palliative"]], Field(min_length=1)]
    message: Text


class ReferenceSet(_Cited):
    id: Identifier
    name: Text
    purpose: Purpose
    output_label: Literal["MME", "OME", "oMEDD"]
    jurisdiction: Text
    market: Market | None = Field(
        default=None,
        description="The market whose marketed strengths a plan under this set rounds to when "
        "the request names none.",
    )
    description: Text
    cautions: list[Text] = []
    thresholds: list[Threshold] = []
    scope_excludes: ScopeExclusion | None = None
    factors: Annotated[list[Factor], Field(min_length=1)]


class Strengths(_Cited):
    market: Annotated[str, Field(pattern=r"^[A-Z]{2}$|^international$")]
    unit: StrengthUnit
    values: Annotated[list[PositiveNumber], Field(min_length=1)]
    all_products: bool = Field(
        default=False,
        description="The citation lists every product of the drug sold in this market (any "
        "form): a form without a row for it is not sold there, and a plan says so (sold.py).",
    )

    @model_validator(mode="after")
    def _sorted_unique(self) -> Strengths:
        if list(self.values) != sorted(set(self.values)):
            raise ValueError("strength values must be listed once each, smallest first")
        return self


class Form(_Frozen):
    id: Identifier
    name: Text
    synonyms: list[Text] = []
    routes: Annotated[list[Route], Field(min_length=1)]
    strengths: list[Strengths] = []
    content_to_rate: list[ProductContentTable] = []
    change_intervals: list[ChangeInterval] = []

    @model_validator(mode="after")
    def _patches_say_when_changed(self) -> Form:
        check_change_intervals(
            self.routes, [s.market for s in self.strengths], self.change_intervals
        )
        return self


class RenalBand(_Frozen):
    """Creatinine clearance (or eGFR) band: ``at_least`` ≤ value < ``below``, in mL/min."""

    at_least_ml_per_min: NonNegativeNumber | None = None
    below_ml_per_min: PositiveNumber | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RenalBand:
        low, high = self.at_least_ml_per_min, self.below_ml_per_min
        if low is None and high is None:
            raise ValueError("a renal band needs at_least_ml_per_min or below_ml_per_min")
        if low is not None and high is not None and high <= low:
            raise ValueError(f"renal band below {high} is not above at_least {low}")
        return self

    def contains(self, ml_per_min: float) -> bool:
        low, high = self.at_least_ml_per_min, self.below_ml_per_min
        return (low is None or ml_per_min >= low) and (high is None or ml_per_min < high)


class MaxDaily(_Cited):
    dose: MassRate
    routes: list[Route] | None = None
    market: str | None = None
    renal: RenalBand | None = None
    hepatic: list[HepaticLevel] | None = None
    population: str | None = None
    #: a daily dose above a label's maximum is a danger to a patient taking it as to one about
    #: to be given it: one severity in ``mme``, the plan and the check (pharmacist review 17, L1)
    severity: Severity = "danger"
    note: str | None = None


class Drug(_Frozen):
    id: Identifier
    name: Text
    classes: Annotated[list[DrugClass], Field(min_length=1)]
    synonyms: list[Text] = []
    routes: Annotated[list[Route], Field(min_length=1)]
    forms: list[Form] = []
    max_daily: list[MaxDaily] = []
    max_daily_not_found: Text | None = Field(
        default=None,
        description="The drug's labels set a maximum daily dose that no reviewed source gives "
        "(in the markets ``max_daily`` does not name): why none is applied. Practice draws none.",
    )
    plausibility: list[Plausibility] = []
    note: str | None = None

    @property
    def is_opioid(self) -> bool:
        return "opioid" in self.classes

    @property
    def spoken_name(self) -> str:
        """The name at the start of a sentence in the words of the market spoken now
        (``spoken_words``): "Paracetamol" in a UK plan, check or MME result, where the
        catalogue's ``name`` is "Acetaminophen (paracetamol)" (clinician re-check 20b, N14);
        the catalogue's name outside a market or where the market has no word of its own."""
        word = spoken_market().drugs.get(self.id)
        return word[:1].upper() + word[1:] if word else self.name

    @property
    def in_sentence(self) -> str:
        """The name inside a sentence: "as-needed oxycodone", never "as-needed Oxycodone"
        (clinician review 16: capitals mid-sentence). Every catalogue name is a generic name;
        the catalogue's ``name`` keeps the capital a list or the start of a sentence takes.
        In the market's words, as ``spoken_name``."""
        name = self.spoken_name
        return name[:1].lower() + name[1:]

    @model_validator(mode="after")
    def _one_maximum_state(self) -> Drug:
        # a maximum of some markets' labels only (tapentadol: JP) leaves the others without one
        if self.max_daily_not_found is not None and any(m.market is None for m in self.max_daily):
            raise ValueError("max_daily_not_found is for a drug without a maximum in a market")
        return self


class ClassRequirement(_Frozen):
    drug_class: DrugClass
    at_least: Annotated[int, Field(ge=1)] = 1


class ClassRule(_Cited):
    """A warning raised when the regimen holds drugs of these classes together."""

    code: Identifier
    severity: Severity
    message: Text
    requires: Annotated[list[ClassRequirement], Field(min_length=1)]
    palliative: PalliativeWords | None = Field(
        default=None,
        description="A cancer or palliative patient's words, where the source "
        "excludes them (pharmacist review 17, L5).",
    )


class ConversionTables(_Frozen):
    schema_version: Literal[1]
    version: Annotated[str, Field(min_length=1)]
    sources: dict[Identifier, Source]
    drugs: Annotated[list[Drug], Field(min_length=1)]
    reference_sets: Annotated[list[ReferenceSet], Field(min_length=1)]
    class_rules: list[ClassRule] = []
    total_plausibility: TotalPlausibility | None = Field(
        default=None, description="Danger above this total under every set (a sanity bound)."
    )
    per_hour_rate_check: PerHourRateCheck | None = Field(
        default=None, description="A caution on an infusion rate written per hour (a 24x slip?)."
    )
    patient_plausibility: PatientBounds | None = Field(
        default=None, description="Software bounds on the patient's measurements (eGFR, QTc)."
    )
    elderly_caution: AgeCaution | None = Field(
        default=None, description="An info note for an older patient (changes no dose)."
    )
    market_defaults: MarketDefaults | None = Field(
        default=None, description="The set the app and case files open under, by market."
    )
    market_names: MarketNames | None = Field(
        default=None, description="A drug's and a form's words as a market writes them."
    )
    rotation: RotationRules | None = Field(
        default=None, description="Rules of the rotation planner (domain/rotation)."
    )

    @model_validator(mode="after")
    def _liver_no_dose_held_as_danger(self) -> ConversionTables:
        # pharmacist re-check 21b, N-4: no liver reduction is ever applied to a plan's
        # arithmetic, so a rule naming an opioid at a no-dose level that is not a danger planned
        # it at the full conversion (hydromorphone in hepatic failure), the one opioid dosed
        levels = self.rotation.liver_levels if self.rotation is not None else None
        no_dose = set(levels.no_dose_levels) if levels is not None else set()
        opioids = {d.id for d in self.drugs if d.is_opioid}
        for rule in self.rotation.hepatic if self.rotation is not None else []:
            named = opioids.intersection(rule.drugs)
            if named and no_dose.intersection(rule.levels) and rule.severity != "danger":
                raise ValueError(
                    f"hepatic rule for {sorted(named)} at a no-dose level must be a danger"
                )
        return self
