"""Methadone as a method catalogue (``rotation.methadone.methods``), never a single factor.

Kinds: ``fixed_tiers`` (the Japanese label: an OME band gives a fixed daily dose), ``ratio_tiers``
(MSD/Quill, CCDHB: OME ÷ the band's ratio) and ``fraction`` (Morley-Makin: a fraction of the 24-h
OME as the as-needed dose). Rules kept for every method:

- below the method's minimum, or beyond its last band, the method gives no dose (and says why);
- within ``near_edge.fraction`` of a band edge, both neighbouring bands are computed, shown, and
  the lower is used, with a warning: a dose never jumps the wrong way silently;
- rounding goes down to tablet strengths; the cap is applied after rounding, so it always holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.rotation.rounding import round_down
from mps_pain.tables.schema_methadone import MethadoneMethod, MethadoneRules
from mps_pain.units import format_number, tidy

__all__ = ["MethadoneDose", "dose_for", "method_value"]


@dataclass(frozen=True)
class MethodValue:
    """What the method says at an OME, before reduction and rounding (mg/day, or mg per dose)."""

    value_mg: float | None
    near_edge: bool
    neighbours_mg: tuple[float, ...]
    explanation: str
    refused: str | None = None


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


def _tier_value(method: MethadoneMethod, tier_index: int, ome: float) -> float:
    tier = method.tiers[tier_index]
    if tier.dose_mg_per_day is not None:
        return tier.dose_mg_per_day
    assert tier.ratio is not None
    return ome / tier.ratio  # exact: tidied only where it is output


def _tier_text(method: MethadoneMethod, tier_index: int, ome: float) -> str:
    """The band as the method prints it: the first band starts at the method's minimum when it
    has one (the Methapain label's "60–160", not ">0–160": pharmacist review 5, D12), and the top
    band is open (">390", not ">390–∞")."""
    tier = method.tiers[tier_index]
    start = method.minimum_ome_mg_per_day if tier_index == 0 else None
    bottom = (
        format_number(start) if start is not None else f">{format_number(tier.above_mg_per_day)}"
    )
    top = f"–{format_number(tier.up_to_mg_per_day)}" if tier.up_to_mg_per_day is not None else ""
    band = f"{bottom}{top} mg/day OME"
    if tier.dose_mg_per_day is not None:
        return f"band {band} → {format_number(tier.dose_mg_per_day)} mg/day"
    assert tier.ratio is not None
    return (
        f"band {band}: {format_number(ome)} ÷ {format_number(tier.ratio)} = "
        f"{format_number(ome / tier.ratio)} mg/day"
    )


def method_value(rules: MethadoneRules, method: MethadoneMethod, ome: float) -> MethodValue:
    """The method's raw output at ``ome`` mg/day (monotone except at flagged band edges)."""
    if method.minimum_ome_mg_per_day is not None and ome < method.minimum_ome_mg_per_day:
        return MethodValue(None, False, (), "", refused=method.minimum_message)
    if method.kind == "fraction":
        assert method.fraction is not None
        value = tidy(ome * method.fraction)
        return MethodValue(
            value,
            False,
            (),
            f"{format_number(ome)} × {format_number(method.fraction)} = {format_number(value)} mg "
            "as-needed dose",
        )
    tier_position = next(
        (
            i
            for i, t in enumerate(method.tiers)
            if ome > t.above_mg_per_day
            and (t.up_to_mg_per_day is None or ome <= t.up_to_mg_per_day)
        ),
        None,
    )
    if tier_position is None:
        top = method.tiers[-1].up_to_mg_per_day
        return MethodValue(
            None,
            False,
            (),
            "",
            refused=f"{method.name} covers OME up to {format_number(top or 0)} mg/day only",
        )
    window = rules.near_edge.fraction
    for edge_index in (tier_position - 1, tier_position):
        if edge_index < 0 or edge_index + 1 >= len(method.tiers):
            continue
        edge = method.tiers[edge_index].up_to_mg_per_day
        assert edge is not None
        if abs(ome - edge) <= window * edge:
            below = _tier_value(method, edge_index, ome)
            above = _tier_value(method, edge_index + 1, ome)
            chosen = min(below, above)
            return MethodValue(
                chosen,
                True,
                (below, above),
                f"near the band edge {format_number(edge)} mg/day: "
                f"{_tier_text(method, edge_index, ome)}; "
                f"{_tier_text(method, edge_index + 1, ome)}; "
                f"the lower, {format_number(chosen)} mg/day, is used (this program's "
                "conservative rule within the near-edge window, not the method's own band)",
            )
    return MethodValue(
        _tier_value(method, tier_position, ome),
        False,
        (),
        _tier_text(method, tier_position, ome),
    )


def dose_for(
    rules: MethadoneRules,
    method: MethadoneMethod,
    ome: float,
    reduction: float,
    strengths: tuple[float, ...] | None,
    liquid_step_mg: float | None = None,
    short_fraction: float = 0.0,
) -> MethadoneDose:
    """Reduce, round each dose down to strengths, then apply the cap (after rounding).

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
            **{**_dose_for(rules, method, ome, reduction, steps).__dict__, "liquid": True}
        )
    dose = _dose_for(rules, method, ome, reduction, strengths)
    if strengths and steps and dose.value.value_mg is not None:  # no solution: tablets stay
        liquid = _dose_for(rules, method, ome, reduction, steps)
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
) -> MethadoneDose:
    value = method_value(rules, method, ome)
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
        f"{format_number(per_dose_target)} mg per dose rounded down to {format_number(per_dose)} mg"
        + (" (cap applied after rounding)" if capped else "")
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
    )


def _cap_mg(method: MethadoneMethod) -> float | None:
    return method.cap.mg if method.cap is not None else None
