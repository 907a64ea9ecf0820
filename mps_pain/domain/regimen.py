"""The regimen document: items, patient context, and the choices that shape a computation.

These frozen models are the input contract of the CLI, the GUI files and the database. Unknown
keys are refused (a misspelt ``doze`` is an error, never ignored). Each item has exactly one
dosing shape:

- scheduled: ``dose`` + ``frequency``;
- continuous: ``rate`` (mg/h, mcg/h, mg/day; or mL/h with ``concentration``);
- total: ``daily_dose``;
- as needed: ``prn: true`` + ``dose`` + ``doses_per_day`` (the number actually taken in 24 h).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mps_pain.domain.bare_rate import rate_not_for_route, read_bare_rate, takes_a_rate
from mps_pain.domain.frequency import (
    LONGEST_INTERVAL_H,
    SHORTEST_INTERVAL_H,
    FrequencyField,
    restates_as_needed,
)
from mps_pain.domain.mixed_dosing import mixed_dosing_error
from mps_pain.domain.staged_start import StagedStart, StopsAfter
from mps_pain.errors import InputError
from mps_pain.fields import (
    MAX_ITEMS,
    BodyMass,
    Concentration,
    DailyTotal,
    DoseAmount,
    DoseRate,
    Flag,
    InputModel,
    KidneyFunction,
    SetId,
    TimeSpan,
    Years,
)
from mps_pain.json_kinds import as_written
from mps_pain.numbers import refuse_exponent
from mps_pain.strict_load import DECIMAL_NUMBER
from mps_pain.tables.schema import Route
from mps_pain.tables.vocabulary import HepaticImpairment, PrnPolicy
from mps_pain.unit_kinds import allowed_units, check_unit, daily_total_kind, per_hour_hint
from mps_pain.units import Dimension, ParsedQuantity, UnitParseError, checked_product, excerpt

__all__ = [
    "ITEM_LIST",
    "NOT_REPORTED",
    "DosingShape",
    "Patient",
    "PrnPolicy",
    "RegimenDocument",
    "RegimenItem",
    "counted_under",
    "require_items",
]


def require_items(items: Sequence[object]) -> None:
    """A total is of a regimen with items: none is refused naming ``items`` (fuzz review 15, #6:
    "Total: 0 MME/day" for ``{}``), as ``rotate`` and ``check`` refuse an empty list."""
    if not items:
        raise InputError(
            "empty: give at least 1 item (a regimen with no items has no total)",
            location="items",
            reason="too_short",
        )


def counted_under(prn: bool, policy: str | None, kept: bool = False) -> bool:
    """The one rule of which lines a total counts (mme, the planner, the check): not an
    as-needed line under "exclude", nor a line kept until it stops after a new patch goes on
    (``kept``: ``stops_after``), as the plan's total is the new regimen's (review 21, N1)."""
    return not kept and not (prn and policy == "exclude")


NotReported = Literal["not reported"]
NOT_REPORTED: NotReported = "not reported"
DosingShape = Literal["scheduled", "continuous", "total", "prn"]

# Bounds on input, not clinical limits, from the accepted dosing intervals (frequency.py): at
# most one dose per shortest interval (96 a day); a non-zero average at least one dose per
# longest interval (one a week, 1/7 a day), so 1e-320 is refused rather than read as a dose.
_MAX_DOSES_PER_DAY = round(24 / SHORTEST_INTERVAL_H)
_MIN_DOSES_PER_DAY = 24 / LONGEST_INTERVAL_H


def _doses_number(raw: Any) -> float:
    """A JSON number, or text written as a plain decimal (the app's cell); nothing else."""
    if isinstance(raw, str) and DECIMAL_NUMBER.fullmatch(raw.strip()) and raw.strip():
        refuse_exponent(raw.strip(), excerpt(raw), "4")  # text, as the amounts (review 5b #6)
        return float(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    shown = f"'{excerpt(raw)}'" if isinstance(raw, str) else excerpt(as_written(raw))
    raise ValueError(
        f"{shown} is not a number of doses; give the doses taken in 24 h (0 if none) or "
        "'not reported'"
    )


def _doses_per_day(raw: Any) -> float | NotReported:
    """Doses taken in 24 h (0 = none taken; an average over several days may be a fraction),
    or the explicit 'not reported'."""
    if isinstance(raw, str) and raw.strip().casefold() == NOT_REPORTED:
        return NOT_REPORTED
    value = _doses_number(raw)
    if not math.isfinite(value) or value < 0 or math.copysign(1.0, value) < 0:
        raise ValueError("must be greater than or equal to 0 (0 means none taken)")
    if 0 < value < _MIN_DOSES_PER_DAY:
        raise ValueError(
            f"{value:g} is less than one dose a week ({_MIN_DOSES_PER_DAY:.3g} a day); give the "
            "doses taken in 24 h, 0 if none"
        )
    if value > _MAX_DOSES_PER_DAY:
        raise ValueError(f"must be less than or equal to {_MAX_DOSES_PER_DAY}")
    return value


DosesPerDay = Annotated[
    float | NotReported,
    PlainValidator(_doses_per_day),
    WithJsonSchema(
        {
            "anyOf": [
                {"const": 0},
                {"type": "number", "minimum": _MIN_DOSES_PER_DAY, "maximum": _MAX_DOSES_PER_DAY},
                {"const": NOT_REPORTED},
            ]
        }
    ),
]

_SHAPE_FIELDS: dict[DosingShape, tuple[str, ...]] = {
    "scheduled": ("dose", "frequency"),
    "continuous": ("rate",),
    "total": ("daily_dose",),
    "prn": ("dose", "doses_per_day"),
}
_SHAPE_FIELD_SETS = {shape: frozenset(names) for shape, names in _SHAPE_FIELDS.items()}
_DOSING_FIELDS = ("dose", "frequency", "rate", "daily_dose", "doses_per_day")


def _daily_total_fits_route(route: str | None, daily_dose: ParsedQuantity) -> ParsedQuantity:
    """A daily total in a unit its route accepts (``unit_kinds.daily_total_kind``)."""
    if route is None:  # the route itself was refused; that error names it
        return daily_dose
    kind = daily_total_kind(route)
    try:
        check_unit(daily_dose.unit, kind)
    except UnitParseError:
        raise PydanticCustomError(
            "unit_for_route",
            "'{unit}' is not a unit for a daily total by the {route} route{why}; use one of "
            "{units}",
            {
                "fields": ("daily_dose",),
                "unit": daily_dose.written or daily_dose.unit,  # as typed
                "why": per_hour_hint(daily_dose.unit, kind),
                "route": route,
                "units": ", ".join(allowed_units(kind)),
            },
        ) from None
    return daily_dose


class RegimenItem(InputModel):
    """One drug by one route, with one dosing shape."""

    drug: Annotated[str, Field(min_length=1, description="Generic name or synonym.")]
    route: Route
    form: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="IR, ER, patch, injection, … (as in the catalogue)"
    )
    product: Annotated[str, Field(min_length=1)] | None = Field(
        default=None,
        description="Brand or product, e.g. 'Durotep MT': lets a patch written by its content "
        "(mg) be read through that product's own label table.",
    )
    dose: DoseAmount | None = None
    concentration: Concentration | None = Field(
        default=None, description="Needed when the dose or rate is a volume (mL, mL/h)."
    )
    frequency: FrequencyField | None = None
    rate: DoseRate | None = None
    daily_dose: DailyTotal | None = None
    prn: Flag = Field(
        default=False, description="true or false only (0, 'no' and the like are refused)"
    )
    doses_per_day: DosesPerDay | None = Field(
        default=None,
        description="As-needed doses actually taken in 24 h: 0 means none taken; "
        "'not reported' when the number is not known (refused for a total or a plan).",
    )
    note: str | None = None
    #: Apply's staged first part; the dose Apply wrote, once changed; a kept line's stop (21 N1)
    first_part: StagedStart | None = Field(default=None, exclude_if=lambda value: value is None)
    changed_from_plan: str | None = Field(default=None, exclude_if=lambda value: value is None)
    stops_after: StopsAfter | None = Field(default=None, exclude_if=lambda value: value is None)

    @field_validator("rate", mode="before")
    @classmethod
    def _rate_has_its_unit(cls, value: Any, info: ValidationInfo) -> Any:
        """Per hour or per 24 h? A bare number is refused, a patch's read in mcg/h (bare_rate)."""
        return read_bare_rate(value, info.data.get("route"))

    @field_validator("daily_dose")
    @classmethod
    def _daily_total_unit(cls, value: ParsedQuantity | None, info: ValidationInfo) -> Any:
        """Refused on its own field, so every caller's error names the Daily total."""
        if value is None:
            return None
        return _daily_total_fits_route(info.data.get("route"), value)

    @model_validator(mode="before")
    @classmethod
    def _as_needed_words(cls, data: Any) -> Any:
        """As-needed words in ``frequency`` on an as-needed line (``prn: true``, or its doses a
        day without the tick) restate it: read with no frequency (pharmacist re-check 15b, #9:
        the plan's own "as needed (bolus)" was refused). Words with an interval are refused."""
        if not isinstance(data, dict) or not isinstance(data.get("frequency"), str):
            return data
        as_needed = data.get("prn") is True or (
            "prn" not in data and data.get("doses_per_day") is not None
        )
        if not as_needed or not restates_as_needed(data["frequency"]):
            return data
        return {**{k: v for k, v in data.items() if k != "frequency"}, "prn": True}

    @model_validator(mode="after")
    def _one_shape(self, info: ValidationInfo) -> RegimenItem:
        fields = self.__dict__  # every item is validated through here: plain reads (speed-core)
        given = frozenset(name for name in _DOSING_FIELDS if fields[name] is not None)
        shape = self.shape
        needed = _SHAPE_FIELD_SETS[shape]
        missing = needed - given
        extra = given - needed
        if missing:
            hint = {
                "prn": "an as-needed item needs 'dose' and 'doses_per_day' (doses taken in 24 h)",
                "scheduled": "a scheduled item needs 'dose' and 'frequency'",
                "continuous": "a continuous item needs 'rate'",
                "total": "give 'daily_dose'",
            }[shape]
            raise PydanticCustomError(
                "missing_dosing",
                f"missing {', '.join(sorted(missing))}: {hint}",
                {"fields": tuple(sorted(missing)), "shape": shape},
            )
        # a rate by a route that takes none; a row stored before the rule is read as stored
        # (``persistence.records.STORED``), never refused on reading
        stored = bool(info.context and info.context.get("stored"))
        if (
            shape == "continuous"
            and extra <= {"frequency"}
            and not (takes_a_rate(self.route) or stored)
        ):
            raise rate_not_for_route(self.route, str(fields["rate"]))
        if extra:
            raise mixed_dosing_error(extra, needed, shape, fields)
        volume_given = any(
            q is not None and q.dimension in (Dimension.VOLUME, Dimension.VOLUME_RATE)
            for q in (self.dose, self.rate)
        )
        if volume_given and self.concentration is None:
            raise PydanticCustomError(
                "missing_concentration",
                "a volume needs a concentration (e.g. 'concentration': '10 mg/mL')",
                {"fields": ("concentration",)},
            )
        if self.concentration is not None and not volume_given:
            raise PydanticCustomError(
                "unused_concentration",
                "a concentration is only used with a volume dose or rate (mL, mL/h)",
                {"fields": ("concentration",)},
            )
        return self

    @property
    def shape(self) -> DosingShape:
        if self.prn:
            return "prn"
        if self.rate is not None:
            return "continuous"
        if self.daily_dose is not None:
            return "total"
        if self.dose is not None or self.frequency is not None:
            return "scheduled"
        if self.doses_per_day is not None:
            return "prn"
        return "continuous" if self.route == "transdermal" else "scheduled"

    def _mass(self, quantity: ParsedQuantity, mass_unit: str) -> float:
        """A mass (rate) in ``mass_unit``; a volume times its concentration (mL × mg/mL = mg)."""
        if quantity.dimension is Dimension.VOLUME or quantity.dimension is Dimension.VOLUME_RATE:
            assert self.concentration is not None  # enforced by _one_shape
            volume_unit = "mL" if quantity.dimension is Dimension.VOLUME else "mL/day"
            return checked_product(quantity.to(volume_unit), self.concentration.to("mg/mL"))
        return quantity.to(mass_unit)

    def dose_mg(self) -> float | None:
        """One dose in mg (scheduled and as-needed items), a volume through its concentration."""
        if self.dose is None:
            return None
        return self._mass(self.dose, "mg")

    def daily_mg_per_day(self) -> float:
        """The amount taken in 24 h, in mg/day (before any PRN policy)."""
        shape = self.shape
        if shape == "continuous":
            assert self.rate is not None
            return self._mass(self.rate, "mg/day")
        if shape == "total":
            assert self.daily_dose is not None
            if self.daily_dose.dimension is Dimension.MASS:
                return self.daily_dose.to("mg")  # the field is per day by definition
            return self.daily_dose.to("mg/day")
        assert self.dose is not None
        dose_mg = self._mass(self.dose, "mg")
        if shape == "prn":
            if not isinstance(self.doses_per_day, float | int):
                raise ValueError("the as-needed doses taken were not reported")
            return checked_product(dose_mg, self.doses_per_day)
        assert self.frequency is not None
        return checked_product(dose_mg, self.frequency.doses_per_day)


class Patient(InputModel):
    """Optional context; every field feeds warnings, none is required."""

    identifier: str | None = Field(default=None, description="Name or ID, for the printed plan.")
    age: Years | None = Field(default=None, description="Age in years.")
    weight: BodyMass | None = None
    egfr: KidneyFunction | None = Field(default=None, description="e.g. '45 mL/min'")
    creatinine_clearance: KidneyFunction | None = Field(
        default=None, description="e.g. '40 mL/min'"
    )
    hepatic_impairment: HepaticImpairment | None = None
    opioid_tolerant: Flag | None = None
    frail: Flag | None = None
    fever: Flag | None = None
    qtc: TimeSpan | None = Field(default=None, description="e.g. '440 ms'")
    cancer_or_palliative: Flag | None = Field(
        default=None,
        description="Active cancer treatment, palliative or end-of-life care: guidelines that "
        "exclude these patients (CDC) do not apply their thresholds.",
    )

    def renal_ml_per_min(self) -> tuple[float, str] | None:
        """The kidney function every renal rule reads, with the name of the measure used: the
        lower of creatinine clearance and eGFR when both are given (clinician re-check 17b #1:
        a CrCl of 35 beside an eGFR of 28 hid the eGFR's "avoid morphine"), else the one given."""
        measures = [
            (quantity.to("mL/min"), name)
            for quantity, name in ((self.creatinine_clearance, "CrCl"), (self.egfr, "eGFR"))
            if quantity is not None
        ]
        return min(measures, key=lambda measure: measure[0], default=None)


ITEM_LIST = Field(max_length=MAX_ITEMS)
"""The constraints on a regimen's list of items, in one place: the document's ``items`` field
and ``mme --batch --summary``'s count check (which validates items apart) both read this
object, so the two refuse the same lists (fuzz review 12, #1: --summary totalled 20,000)."""


class RegimenDocument(InputModel):
    """What ``mps-pain mme`` reads and the GUI saves."""

    table: SetId | None = Field(default=None, description="Reference set id, e.g. 'cdc-2022'.")
    prn: PrnPolicy | None = Field(
        default=None, description="Count as-needed doses in the total: include or exclude."
    )
    market: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="Formulary market for strengths and label maxima: JP, UK, US."
    )
    title: str | None = None
    note: str | None = None
    patient: Patient = Patient()
    items: Annotated[list[RegimenItem], ITEM_LIST] = []  # noqa: RUF012 (a pydantic model: copied)
