"""A patch switched together with regular oral or parenteral opioids (a mixed regimen).

Each source opioid is stopped on its own terms (outside first-time-clinician review, 2 December,
H1): the regular non-patch opioids are replaced when their next dose is due, by their share of the
new dose; the patch's share follows at the sourced delay after removal. The share is each part's
share of the current OME; the first part is rounded down to the same dosage units as the full dose
(or measured, for a rate), so it never exceeds the full dose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.results import Amount, MmeLine
from mps_pain.domain.rotation.rounding import floor_significant, round_down
from mps_pain.domain.rotation.shape import Shaped, regimen_text
from mps_pain.units import tidy

__all__ = ["FirstPart", "first_part", "regular_share"]


@dataclass(frozen=True)
class FirstPart:
    """The staged first part of a mixed switch: its text and its share of the current OME."""

    text: str
    share: float


def regular_share(lines: Sequence[MmeLine]) -> float:
    """The regular (not as-needed) non-patch opioid lines' share of the counted OME."""
    counted = [x for x in lines if x.counted and x.mme_per_day is not None]
    total = sum(x.mme_per_day or 0.0 for x in counted)
    regular = sum(x.mme_per_day or 0.0 for x in counted if x.route != "transdermal" and not x.prn)
    return regular / total if total > 0 else 0.0


def first_part(shaped: Shaped, lines: Sequence[MmeLine]) -> FirstPart | None:
    """The new regimen's part that replaces the regular non-patch opioids of a patch regimen
    (None: no patch, no such opioids, or no dose)."""
    share = regular_share(lines)
    has_patch = any(x.counted and x.route == "transdermal" for x in lines)
    regimen, detail = shaped.regimen, shaped.detail
    if not has_patch or share <= 0 or detail.no_dose is not None or regimen.patches:
        return None
    if regimen.rate is not None:
        rate = floor_significant(regimen.rate.value * share)
        part = regimen.model_copy(update={"rate": Amount(value=rate, unit=regimen.rate.unit)})
        return FirstPart(regimen_text(part, detail), share)
    if regimen.dose is None:
        return None
    unit = regimen.dose.unit
    grid = tuple(sorted({u.value for u in detail.dose_units or []})) or None
    rounded = round_down(regimen.dose.value * share, grid)
    if rounded.total <= 0:
        rounded = round_down(regimen.dose.value * share, None)
    units = [Amount(value=u, unit=unit) for u in rounded.units] if grid else None
    part = regimen.model_copy(update={"dose": Amount(value=tidy(rounded.total), unit=unit)})
    return FirstPart(regimen_text(part, detail.model_copy(update={"dose_units": units})), share)
