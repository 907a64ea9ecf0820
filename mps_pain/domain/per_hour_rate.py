"""A caution on an infusion rate written per hour that may be a 24-hour amount (``mg/h`` picked
for ``mg/24 h``): the rule of ``per_hour_rate_check`` in data/ (a software rule, cited there).

A syringe driver is written as its amount over 24 hours ("20 mg/24 h") and a pump per hour; a
prescriber who writes the 24-h amount and picks "mg/h" gives 24 times the dose (clinician
re-check 19b, R1: SC morphine "20 mg/h", 480 mg over 24 h, 960 OME, was kept with no word, while
the plausibility row flags from 500 mg/day and refuses from 1 g/day). An IV or SC rate written
per hour is cautioned when its 24-h amount is above the data's fraction of the drug's flagged
amount and the same number, read as the 24-h amount, would be an ordinary dose (neither flagged
nor below the floor). The row is kept and counted: a caution, never a refusal. One rule, run on
every row as it is read (``plausibility_notes``), so ``mme``, the planner's current regimen,
``check`` (current and proposed rows) and the app say the same words.
"""

from __future__ import annotations

from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Plausibility
from mps_pain.unit_kinds import INFUSION_ROUTES, mass_unit_of, time_unit_of
from mps_pain.units import Dimension, format_number, scale

__all__ = ["PER_HOUR_SLIP", "per_hour_caution", "read_over_24_hours"]

PER_HOUR_SLIP = "rate-per-hour-check-unit"
"""The code of the caution: an infusion rate per hour that may be a 24-h amount."""


def _written_per_hour(item: RegimenItem) -> bool:
    """A rate by infusion (IV, SC) written per hour, by mass or by volume."""
    rate = item.rate
    return item.route in INFUSION_ROUTES and rate is not None and time_unit_of(rate.unit) == "h"


def _ordinary_as_24_hours(per_hour_mg: float, bound: Plausibility) -> bool:
    """The rate's number read as a 24-h amount is neither flagged nor below the floor."""
    floor = bound.refuse_below.to("mg/day") if bound.refuse_below is not None else 0.0
    assert bound.flag_above is not None
    return floor <= per_hour_mg <= bound.flag_above.to("mg/day")


def per_hour_caution(
    tables: TableIndex,
    drug: Drug,
    item: RegimenItem,
    daily_mg_per_day: float,
    bound: Plausibility,
    position: int,
) -> ClinicalWarning | None:
    """The caution for row ``position``, or None (not per hour, not by infusion, no rule or
    flag, below the rule's amount, or not an ordinary dose when read per 24 h)."""
    check = tables.tables.per_hour_rate_check
    flag = bound.flag_above
    if check is None or flag is None or not _written_per_hour(item):
        return None
    per_hour_mg = daily_mg_per_day / 24
    if daily_mg_per_day <= check.fraction_of_flag * flag.to("mg/day"):
        return None
    if not _ordinary_as_24_hours(per_hour_mg, bound):
        return None
    return ClinicalWarning(
        code=PER_HOUR_SLIP,
        severity="caution",
        message=_sentence(drug, item, daily_mg_per_day, position),
        source=tables.cite(check.citation),
        item=position,
    )


def read_over_24_hours(item: RegimenItem, daily_mg_per_day: float) -> tuple[str, str]:
    """(the rate as written, its amount written per 24 h): ("1 mg/h", "24 mg/24 h"), the words
    of the caution and of the plan that waits for it (``gate_verify``; re-check 21b, N-5)."""
    rate = item.rate
    assert rate is not None
    number = format_number(rate.value)
    if rate.dimension is Dimension.VOLUME_RATE:
        assert item.concentration is not None
        strength = f"{format_number(item.concentration.value)} {item.concentration.unit}"
        written, mass = f"{number} mL/h ({strength})", "mg"
    else:
        mass = mass_unit_of(rate.unit)
        written = f"{number} {mass}/h"
    over_24_h = format_number(daily_mg_per_day * scale("mg/day", f"{mass}/day"))
    return written, f"{over_24_h} {mass}/24 h"


def _sentence(drug: Drug, item: RegimenItem, daily_mg_per_day: float, position: int) -> str:
    """'Row 1: check the unit: 20 mg/h of morphine (sc) is 480 mg over 24 h. …'"""
    rate = item.rate
    assert rate is not None
    number = format_number(rate.value)
    written, read = read_over_24_hours(item, daily_mg_per_day)
    by_volume = rate.dimension is Dimension.VOLUME_RATE
    unit = "mL" if by_volume else mass_unit_of(rate.unit)
    over_24_h = read.removesuffix("/24 h")
    return (
        f"Row {position + 1}: check the unit: {written} of {drug.in_sentence} ({item.route}) is "
        f"{over_24_h} over 24 h. If {number} {unit} over 24 hours was meant (a syringe driver "
        f"is written per 24 hours), write {number} {unit}/24 h."
    )
