"""Frozen models of the software sanity bounds on an entered amount (``drugs[].plausibility``,
``total_plausibility``, ``per_hour_rate_check``): not clinical maxima, the range beyond which an
amount is most likely a unit slip (``domain/plausibility.py`` refuses or flags it)."""

from __future__ import annotations

from pydantic import model_validator

from mps_pain.fields import DoseAmount, MassRate
from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import PositiveFraction, PositiveNumber, Text
from mps_pain.tables.vocabulary import Route
from mps_pain.units import Dimension

__all__ = ["LargestUnit", "PerHourRateCheck", "Plausibility", "TotalPlausibility"]


class LargestUnit(_Cited):
    """The largest single marketed unit of a drug by some routes (one patch), from its label:
    an amount above it is several units or an extra zero (a x10 slip), to be verified."""

    rate: MassRate


class Plausibility(_Cited):
    """Software sanity bounds of one drug by some routes (not clinical maxima).

    Refused (almost surely a unit slip): a daily amount or rate above ``refuse_above``; one dose
    above ``refuse_dose_above``; a daily amount or rate below ``refuse_below`` (mcg written for
    mg). Flagged as a danger to verify: a daily amount or rate above ``flag_above``, or a rate
    above ``largest_unit`` (the largest single marketed patch).
    """

    routes: list[Route] | None = None
    refuse_above: MassRate
    refuse_dose_above: DoseAmount | None = None
    refuse_below: MassRate | None = None
    flag_above: MassRate | None = None
    largest_unit: LargestUnit | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Plausibility:
        ceiling = self.refuse_above.to("mg/day")
        if self.flag_above is not None and self.flag_above.to("mg/day") >= ceiling:
            raise ValueError("flag_above must be below refuse_above")
        if self.refuse_below is not None and self.refuse_below.to("mg/day") >= ceiling:
            raise ValueError("refuse_below must be below refuse_above")
        if self.refuse_dose_above is not None and self.refuse_dose_above.dimension is not (
            Dimension.MASS
        ):
            raise ValueError("refuse_dose_above is a mass, e.g. '2 g'")
        return self


class TotalPlausibility(_Cited):
    """A total daily oral morphine equivalent far above any palliative range: a danger."""

    danger_at_least_mg_per_day: PositiveNumber
    message: Text


class PerHourRateCheck(_Cited):
    """A caution on an infusion rate written per hour whose 24-h amount is above
    ``fraction_of_flag`` of the drug's ``flag_above`` while the same number read as a 24-h amount
    would be neither flagged nor below the floor: most likely the 24-h amount written per hour
    (a 24-fold slip; clinician re-check 19b, R1). Kept and counted, never refused."""

    fraction_of_flag: PositiveFraction
