"""Methadone as a method catalogue (``rotation.methadone.methods``), never a single factor.

Kinds: ``fixed_tiers`` (the Japanese label: an OME band gives a fixed daily dose), ``ratio_tiers``
(MSD/Quill, CCDHB: OME ÷ the band's ratio) and ``fraction`` (Morley-Makin: a fraction of the 24-h
OME as the as-needed dose). Rules kept for every method:

- below the method's minimum, or beyond its last band, the method gives no dose (and says why);
- a band's edges are read as the source writes them (``MethadoneTier.includes_top``: "<90" leaves
  90 to the next band, "91–300" keeps 300);
- the value never falls as the OME rises (clinical-sources §6) and never exceeds what the OME's
  own band gives (pharmacist review 8, N2): where a band gives more than a band above it gives
  at its lower edge, the value is held DOWN at that (``band_edge``), with a caution naming both;
- rounding goes down to tablet strengths; the cap is applied after rounding, so it always holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.rotation.rounding import round_down
from mps_pain.numbers import format_estimate
from mps_pain.tables.label_words import daily_amount, daily_words
from mps_pain.tables.schema_methadone import MethadoneMethod, MethadoneRules
from mps_pain.units import format_number, tidy

__all__ = [
    "BELOW_MINIMUM",
    "BEYOND_BANDS",
    "MethadoneDose",
    "MethodValue",
    "dose_for",
    "method_range",
    "method_value",
]


@dataclass(frozen=True)
class MethodValue:
    """What the method says at an OME, before reduction and rounding (mg/day, or mg per dose).

    ``held``: the OME's own band gives more than a band above it gives at its lower edge, so the
    value is held down at that (``band_value_mg`` is the band's own value, ``held_from`` the
    least OME of the band where the hold applies). A refusal carries its code."""

    value_mg: float | None
    held: bool
    band_value_mg: float | None
    explanation: str
    refused: str | None = None
    refused_code: str | None = None
    held_from: float | None = None


BELOW_MINIMUM = "methadone-below-method-minimum"
BEYOND_BANDS = "methadone-beyond-method-bands"


@dataclass(frozen=True)
class MethadoneDose:
    method: MethadoneMethod
    value: MethodValue
    per_dose_mg: float | None
    doses_per_day: float | None
    daily_mg: float | None
    cap_mg: float | None
    capped: bool
    rounding_note: str
    liquid: bool = False
    reduction: float = 0.0  # the fraction the value was reduced by, before rounding


def _tier_value(method: MethadoneMethod, tier_index: int, ome: float) -> float:
    tier = method.tiers[tier_index]
    if tier.dose_mg_per_day is not None:
        return tier.dose_mg_per_day
    assert tier.ratio is not None
    return ome / tier.ratio  # exact: tidied only where it is output


def _band_text(method: MethadoneMethod, tier_index: int, label: str) -> str:
    """The band as the method prints it: the first band starts at the method's minimum when it
    has one (the Methapain label's "60–160", not ">0–160": pharmacist review 5, D12); an edge the
    band below leaves out is the band's own ("<90" then "90–300"); the top band is open (">390")."""
    tier = method.tiers[tier_index]
    if tier_index == 0:
        start = method.minimum_ome_mg_per_day
        low = format_number(start) if start is not None else None
    else:
        opens = not method.tiers[tier_index - 1].includes_top
        low = ("" if opens else ">") + format_number(tier.above_mg_per_day)
    top = tier.up_to_mg_per_day
    if top is None:
        return f"{low or ''} {daily_words(label)}"
    if low is None:
        return f"{'≤' if tier.includes_top else '<'}{format_number(top)} {daily_words(label)}"
    joint = "–" if tier.includes_top else " to <"
    return f"{low}{joint}{format_number(top)} {daily_words(label)}"


def _tier_text(method: MethadoneMethod, tier_index: int, ome: float, label: str) -> str:
    tier = method.tiers[tier_index]
    band = _band_text(method, tier_index, label)
    if tier.dose_mg_per_day is not None:
        return f"band {band} → {format_number(tier.dose_mg_per_day)} mg/day"
    assert tier.ratio is not None
    return (
        f"band {band}: {format_number(ome)} ÷ {format_number(tier.ratio)} = "
        f"{format_number(ome / tier.ratio)} mg/day"
    )


def _tier_index(method: MethadoneMethod, ome: float) -> int | None:
    """The band holding ``ome``, its edges read as the source writes them (``includes_top``)."""
    for i, tier in enumerate(method.tiers):
        opens = i > 0 and not method.tiers[i - 1].includes_top
        above = ome > tier.above_mg_per_day or (opens and ome == tier.above_mg_per_day)
        top = tier.up_to_mg_per_day
        below = top is None or ome < top or (tier.includes_top and ome == top)
        if above and below:
            return i
    return None


def _band_floor(method: MethadoneMethod, tier_index: int) -> float:
    """What band ``tier_index`` gives at its own lower edge (the least it gives)."""
    tier = method.tiers[tier_index]
    if tier.dose_mg_per_day is not None:
        return tier.dose_mg_per_day
    assert tier.ratio is not None
    return tier.above_mg_per_day / tier.ratio


def _held_from(method: MethadoneMethod, tier_index: int, floor: float) -> float:
    """The least OME of the band where its own value is above ``floor`` (clinician review 15,
    #7: MSD's 4:1 band is held from 49.5 mg/day OME, 12.38 × 4, not only near its edge)."""
    tier = method.tiers[tier_index]
    low = tier.above_mg_per_day
    if tier_index == 0 and method.minimum_ome_mg_per_day is not None:
        low = max(low, method.minimum_ome_mg_per_day)
    return low if tier.ratio is None else max(low, tidy(floor * tier.ratio))


def _held_floor(method: MethadoneMethod, tier_index: int) -> tuple[float, int] | None:
    """The least any band above gives at its own lower edge, and that band (None: top band)."""
    floors = [(_band_floor(method, j), j) for j in range(tier_index + 1, len(method.tiers))]
    return min(floors) if floors else None


def method_value(
    rules: MethadoneRules, method: MethadoneMethod, ome: float, *, label: str = "OME"
) -> MethodValue:
    """The method's output at ``ome`` mg/day: never above the OME's own band, and
    non-decreasing in the OME. Where the band's own value is above what a band higher up gives
    at its lower edge (a cliff: CCDHB 89 ÷ 4 = 22.25, but 90 ÷ 8 = 11.25), the value is held
    DOWN at that (``rotation.methadone.band_edge``; pharmacist review 8, N2): the largest
    non-decreasing value that is nowhere above the method's own bands. ``label``: the label of
    the set whose total ``ome`` is, the words the bands are said in (the methods' bands cite
    oral morphine, OME, where a caller reads only the value)."""
    if method.minimum_ome_mg_per_day is not None and ome < method.minimum_ome_mg_per_day:
        return MethodValue(None, False, None, "", method.minimum_message, BELOW_MINIMUM)
    if method.kind == "fraction":
        assert method.fraction is not None
        value = tidy(ome * method.fraction)
        text = f"{format_number(ome)} × {format_number(method.fraction)} = {format_estimate(value)}"
        return MethodValue(value, False, None, f"{text} mg as-needed dose")
    position = _tier_index(method, ome)
    if position is None:
        top = method.tiers[-1].up_to_mg_per_day
        refused = f"{method.name} covers {label} up to {format_number(top or 0)} mg/day only"
        return MethodValue(None, False, None, "", refused, BEYOND_BANDS)
    own = _tier_value(method, position, ome)
    held = _held_floor(method, position)
    if held is None or own <= held[0]:
        return MethodValue(own, False, None, _tier_text(method, position, ome, label))
    floor, above = held
    edge = method.tiers[above].above_mg_per_day
    start = _held_from(method, position, floor)
    return MethodValue(
        floor,
        True,
        own,
        f"{_tier_text(method, position, ome, label)} (the method's own), more than the band "
        f"above gives at its lower edge ({_tier_text(method, above, edge, label)}): held down at "
        f"{format_number(floor)} mg/day by this program's smoothing, from "
        f"{daily_amount(start, label)} to the band's top ({rules.band_edge.message})",
        held_from=start,
    )


def dose_for(
    rules: MethadoneRules,
    method: MethadoneMethod,
    ome: float,
    reduction: float,
    strengths: tuple[float, ...] | None,
    liquid_step_mg: float | None = None,
    short_fraction: float = 0.0,
    *,
    label: str = "OME",
) -> MethadoneDose:
    """Reduce, round each dose down to strengths, then apply the cap (after rounding); the bands
    said in ``label``, the set's own (``method_value``).

    When tablets would round a dose to nothing, or more than ``short_fraction`` below what the
    oral solution measures (the rounding policy's short tolerance), the dose is measured as oral
    solution instead
    (``liquid``), rounded down to a multiple of the measurable step (``liquid_step_mg``: the
    policy's volume step × the solution's concentration); below one step there is no dose.
    Without a step (no oral solution sold in the market) the tablets stay, none below the
    smallest (pharmacist review 7, D2: never an unmeasured amount of an unsold solution).
    """
    steps = (liquid_step_mg,) if liquid_step_mg else None
    if not strengths and steps:
        return MethadoneDose(
            **{**_dose_for(rules, method, ome, reduction, steps, label).__dict__, "liquid": True}
        )
    dose = _dose_for(rules, method, ome, reduction, strengths, label)
    if strengths and steps and dose.value.value_mg is not None:  # no solution: tablets stay
        liquid = _dose_for(rules, method, ome, reduction, steps, label)
        if _tablets_short(dose.per_dose_mg, liquid.per_dose_mg, short_fraction):
            return MethadoneDose(**{**liquid.__dict__, "liquid": True})
    return dose


def _tablets_short(
    tablets_mg: float | None, measured_mg: float | None, short_fraction: float
) -> bool:
    """The rounding policy's shortfall rule (``rotation.rounding.short_tolerance``, as for every
    regular dose): tablets that give nothing, or fall more than ``short_fraction`` below what the
    oral solution measures, are replaced by the solution (pharmacist review3 item 3)."""
    if tablets_mg is None:
        return True
    return measured_mg is not None and tablets_mg < measured_mg * (1 - short_fraction) * (1 - 1e-9)


def _dose_for(
    rules: MethadoneRules,
    method: MethadoneMethod,
    ome: float,
    reduction: float,
    strengths: tuple[float, ...] | None,
    label: str,
) -> MethadoneDose:
    value = method_value(rules, method, ome, label=label)
    if value.value_mg is None:
        return MethadoneDose(method, value, None, None, None, _cap_mg(method), False, "")
    reduced = tidy(value.value_mg * (1 - reduction))
    as_needed = method.frequency.code == "prn"
    doses_per_day = None if as_needed else parse_frequency(method.frequency.code).doses_per_day
    per_dose_target = reduced if doses_per_day is None else tidy(reduced / doses_per_day)
    per_dose = round_down(per_dose_target, strengths).total
    capped = False
    if method.cap is not None:
        cap_per_dose = (
            method.cap.mg
            if method.cap.per == "dose" or doses_per_day is None
            else tidy(method.cap.mg / doses_per_day)
        )
        cap_rounded = round_down(cap_per_dose, strengths).total
        if per_dose > cap_rounded:
            per_dose, capped = cap_rounded, True
    daily = None if doses_per_day is None else tidy(per_dose * doses_per_day)
    note = (
        f"{format_estimate(per_dose_target)} mg per dose rounded down to "
        f"{format_number(per_dose)} mg" + (" (cap applied after rounding)" if capped else "")
    )
    return MethadoneDose(
        method,
        value,
        per_dose or None,
        doses_per_day,
        daily or None,
        _cap_mg(method),
        capped,
        note,
        reduction=reduction,
    )


def _cap_mg(method: MethadoneMethod) -> float | None:
    return method.cap.mg if method.cap is not None else None


def method_range(
    rules: MethadoneRules,
    method: MethadoneMethod,
    ome: float,
    deepest: float,
    strengths: tuple[float, ...] | None,
    liquid_step_mg: float | None,
    short_fraction: float,
) -> tuple[float, float] | None:
    """The daily amounts a scheduled method accepts at ``ome`` (the check's range, from the
    planner's own functions): from its dose at the deepest reduction a plan can use, rounded down
    as the planner rounds (``dose_for``), up to its value at its least reduction (not rounded:
    rounding only goes down), its daily cap included. None where the method gives no dose."""
    value = method_value(rules, method, ome).value_mg
    if value is None:
        return None
    high = tidy(value * (1 - method.reduction.low))
    if method.cap is not None and method.cap.per == "day":
        high = min(high, method.cap.mg)
    lowest = dose_for(rules, method, ome, deepest, strengths, liquid_step_mg, short_fraction)
    low = lowest.daily_mg if lowest.daily_mg is not None else tidy(value * (1 - deepest))
    return min(low, high), high
