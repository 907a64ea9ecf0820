"""Patch rows of one strength that fewer patches would carry (fuzz review 19, D1).

Patches of one drug are worn together (``DailyItem.worn_together``): the duplicate rule does not
judge them, because the planner's own order writes 250 mcg/h as 100 + 100 + 50 and "remove one"
there would take 100 mcg/h off a patient (final re-checks 18d, M1). But two rows of one strength
are also what a patch entered twice looks like, and silence there doubled the total with nothing
to point at it.

The two are told apart by the planner's own rule of writing an order (``rounding.combination``:
the fewest patches that make the dose). The planner writes a strength ``n`` times only when no
single patch of 2, 3, … ``n`` times that strength is made: 100 + 100 (no 200 mcg/h patch exists)
is how anyone writes 200 mcg/h, but 25 + 25 is a 50 mcg/h patch written the long way, or a 25
mcg/h patch entered twice. Rows of a strength that a single made patch would replace get this
caution, which says both readings and counts them as worn together (the total sums them); it
never tells anyone to remove one. A patch of the largest strength entered twice reads as the
order the planner would write for twice the dose: nothing in the rows tells the two apart (the
total's own cautions still show it; docs/clinical-review.md, fuzz 19 D1).

"Made" is any market's strength in the catalogue: a plan under one market never writes two of a
strength whose double its market makes, and every doubled strength of the catalogue's patches is
made in every market that makes the strength itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.schema import Drug
from mps_pain.units import Dimension, dimension_of, format_number, scale, tidy

__all__ = ["PATCHES_ALIKE", "named_rows", "patches_alike_warnings"]

PATCHES_ALIKE = "patches-alike"

_DIGITS = 9  # rates from different spellings agree to float rounding, not bit for bit
_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")

Regimen = Literal["current", "proposed"]


def _patch_strengths(drug: Drug) -> tuple[str, frozenset[float]] | None:
    """The drug's patch strengths in every market, in their unit (mcg/h), or None."""
    for form in drug.forms:
        rates = [s for s in form.strengths if dimension_of(s.unit) is Dimension.MASS_RATE]
        if "transdermal" in form.routes and rates:
            unit = rates[0].unit
            made = {round(v * scale(s.unit, unit), _DIGITS) for s in rates for v in s.values}
            return unit, frozenset(made)
    return None


def _fewer_patches(strength: float, count: int, made: frozenset[float]) -> float | None:
    """The made patch that carries 2 … ``count`` patches of ``strength``, or None."""
    for times in range(count, 1, -1):
        if round(strength * times, _DIGITS) in made:
            return tidy(strength * times)
    return None


def patches_alike_warnings(
    items: Sequence[DailyItem], *, regimen: Regimen = "current"
) -> list[ClinicalWarning]:
    """One caution per group of patch rows of one drug and strength that a single made patch
    would replace (see the module docstring)."""
    groups: dict[tuple[str, bool, float], list[DailyItem]] = {}
    for daily in items:
        if daily.worn_together:
            key = (daily.drug_id, daily.prn, round(daily.daily_mg_per_day, _DIGITS))
            groups.setdefault(key, []).append(daily)
    warnings = []
    for rows in groups.values():
        warning = _judged(rows, regimen) if len(rows) > 1 else None
        if warning is not None:
            warnings.append(warning)
    return warnings


def _judged(rows: list[DailyItem], regimen: Regimen) -> ClinicalWarning | None:
    found = _patch_strengths(rows[0].drug)
    if found is None:
        return None
    unit, made = found
    strength = tidy(rows[0].daily_mg_per_day * scale("mg/day", unit))
    single = _fewer_patches(strength, len(rows), made)
    if single is None:
        return None
    return _warning(rows, regimen, strength, unit, single)


def named_rows(indices: Sequence[int], regimen: Regimen) -> str:
    """``Rows 1 and 3`` (``Proposed rows 1, 2 and 3`` in a proposal), from 0-based indices."""
    numbers = [str(i + 1) for i in indices]
    rows = f"{', '.join(numbers[:-1])} and {numbers[-1]}"
    return f"Proposed rows {rows}" if regimen == "proposed" else f"Rows {rows}"


def _warning(
    rows: list[DailyItem], regimen: Regimen, strength: float, unit: str, single: float
) -> ClinicalWarning:
    count = len(rows)
    named = named_rows([d.index for d in rows], regimen)
    said = _COUNT_WORDS[count - 2] if count - 2 < len(_COUNT_WORDS) else str(count)
    counted, twice = "counted as worn together", "if one was entered twice, the total is"
    if regimen == "proposed":
        counted, twice = "judged as worn together", "if one was written twice, the proposal is"
    more = "double" if count == 2 else "too high"
    return ClinicalWarning(
        code=PATCHES_ALIKE,
        severity="caution",
        message=f"{named} are {said} {rows[0].drug.in_sentence} patches of "
        f"{format_number(strength)} {unit}: {counted}, {format_number(strength * count)} {unit} "
        f"in all — {twice} {more}. A single {format_number(single)} {unit} patch is made, "
        "so check which was meant.",
        item=rows[0].index if regimen == "current" else None,
        items=tuple(d.index for d in rows),
    )
