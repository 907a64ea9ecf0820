"""A patch switched together with regular oral or parenteral opioids (a mixed regimen).

Each source opioid is stopped on its own terms (outside first-time-clinician review, 2 December,
H1): the regular non-patch opioids are replaced when their next dose is due; the patch's share
follows at the sourced delay after removal.

The first part is the regular lines' OWN reduced equivalent (outside pharmacist review,
2 December, finding 1): their equianalgesic amount (their share of the set's conversion, or their
cited route ratio when the switch goes by one), reduced by their own case's reduction (the case
the blended reduction gives their share, ``SwitchClass.other_case_id``; the user's stated value
when there is one), shaped by the same rounding policy as the full dose, and never above the full
dose. The blended full dose is never cut by the patch's share: morphine ER 30 mg q12h + a patch
→ morphine ER q12h keeps 30 mg q12h at 0 h (its own reduction is 0%), where the former
"full dose × the regular share" gave 20 mg q12h.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.results import Amount, MmeLine
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.models import StagedPart
from mps_pain.domain.rotation.reduction import (
    Reduction,
    choose_reduction,
    find_case,
    reduction_bounds,
)
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.shaped import Amounts, Shaped
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import scale, tidy

__all__ = ["FirstPart", "RegularPart", "first_part", "regular_part", "regular_share"]

_EPS = 1e-9


@dataclass(frozen=True)
class RegularPart:
    """The regular non-patch lines switched on their own terms: their share of the current OME,
    their own reduction and range, and the amounts the rounding policy shapes."""

    share: float
    reduction: Reduction
    bounds: tuple[float, float]
    amounts: Amounts


@dataclass(frozen=True)
class FirstPart:
    """The staged first part of a mixed switch: its text and its typed record."""

    text: str
    share: float
    staged: StagedPart


def _regular(line: MmeLine) -> bool:
    return line.counted and line.mme_per_day is not None and line.route != "transdermal"


def regular_share(lines: Sequence[MmeLine]) -> float:
    """The regular (not as-needed) non-patch opioid lines' share of the counted OME."""
    counted = [x for x in lines if x.counted and x.mme_per_day is not None]
    total = sum(x.mme_per_day or 0.0 for x in counted)
    regular = sum(x.mme_per_day or 0.0 for x in counted if _regular(x) and not x.prn)
    return regular / total if total > 0 else 0.0


def _shared(
    rules: RotationRules,
    to: tuple[str, str, str],
    eq_value: float,
    unit: str,
    lines: Sequence[MmeLine],
    share: float,
) -> float:
    """The regular lines' share of the set's conversion, in ``unit``. When they are all the
    target drug by parenteral routes and the target is parenteral (``to`` = drug, route, set
    id), they go by that drug's route ratio under the set, as the check reads a same-drug
    change: a parenteral target's factor may be the two-step one (``target_factor``), which read
    back against the lines' own parenteral row would take a third off (SC → IV oxycodone,
    uk-palliative). Any other mix keeps its share of the conversion, as the check reads a
    switch of several opioids (by OME)."""
    regular = [x for x in lines if _regular(x) and not x.prn]
    drug, route, set_id = to
    paths = [conversion(rules, (x.drug, x.route), (drug, route)) for x in regular]
    same_drug = all(x.drug == drug and "oral" not in (x.route, route) for x in regular)
    if not (same_drug and all(p is not None and p.kind == "route" for p in paths)):
        return eq_value * share
    per_mg = scale("mg/day", unit)
    return sum(
        x.daily_dose.value * scale(x.daily_dose.unit, "mg/day") / p.used(set_id) * per_mg
        for x, p in zip(regular, paths, strict=True)
        if p is not None
    )


def _equianalgesic(
    switch: SwitchClass,
    eq_value: float,
    unit: str,
    lines: Sequence[MmeLine],
    shared: float,
) -> tuple[float, float, float]:
    """The regular lines' own equianalgesic amount in ``unit`` (used, lower end, higher end):
    their route ratios when the switch goes by them (the set's own where it has one), else their
    share of the set's conversion (``shared``)."""
    if not switch.uses_route_ratio:
        return shared, shared, shared
    indexes = _regular_indexes(lines)
    regular = [r for r in switch.ratios if r.index in indexes]
    per_mg = scale("mg/day", unit)
    used = sum(r.used_mg_per_day for r in regular) * per_mg
    low = sum(r.lower_mg_per_day for r in regular) * per_mg
    high = sum(r.higher_mg_per_day for r in regular) * per_mg
    return used, low, high


def _regular_indexes(lines: Sequence[MmeLine]) -> set[int]:
    return {x.index for x in lines if _regular(x) and not x.prn}


def regular_part(
    tables: TableIndex,
    rules: RotationRules,
    switch: SwitchClass,
    request: RotationRequest,
    eq_value: float,
    unit: str,
    lines: Sequence[MmeLine],
    set_id: str,
) -> RegularPart | None:
    """The regular lines' own reduced equivalent beside a patch (None: no patch, no regular
    line, or a switch without a reduction case)."""
    share = regular_share(lines)
    case_id = switch.other_case_id if switch.mixed else switch.case_id
    has_patch = any(x.counted and x.route == "transdermal" for x in lines)
    if not has_patch or share <= 0 or case_id is None:
        return None
    case = find_case(rules, case_id)
    patient = request.patient
    red = choose_reduction(
        tables,
        rules,
        case,
        user_value=request.reduction,
        patient=patient,
        pain_controlled=request.pain_controlled,
    )
    low_r, high_r = reduction_bounds(rules, case, patient)
    to = (request.to.drug, request.to.route, set_id)
    shared = _shared(rules, to, eq_value, unit, lines, share)
    used, lower, higher = _equianalgesic(switch, eq_value, unit, lines, shared)
    target = tidy(used * (1 - red.fraction))
    if switch.uses_route_ratio:  # the cited ratio carries the conversion, as for the full dose
        amounts = Amounts(target, tidy(min(target, lower)), tidy(higher), tidy(used), unit)
    else:
        amounts = Amounts(
            target, tidy(used * (1 - high_r)), tidy(used * (1 - low_r)), tidy(used), unit
        )
    return RegularPart(share, red, (low_r, high_r), amounts)


def first_part(part: RegularPart, shaped: Shaped, full: Shaped) -> FirstPart | None:
    """The first part as shaped by the rounding policy, never above the full dose (then the full
    dose itself); None when no dose can be given for it."""
    given, full_given = shaped.rounded_per_unit, full.rounded_per_unit
    if given is None or full_given is None or full.detail.no_dose is not None:
        return None
    capped = given > full_given * (1 + _EPS) + _EPS
    chosen = full if capped else shaped
    daily = full_given if capped else given
    staged = StagedPart(
        regimen=chosen.regimen,
        daily_dose=Amount(value=tidy(daily), unit=part.amounts.unit),
        share=tidy(part.share),
        equianalgesic_daily_dose=Amount(value=part.amounts.equianalgesic, unit=part.amounts.unit),
        reduction=part.reduction.fraction,
        reduction_range=part.bounds,
        capped=capped,
    )
    return FirstPart(regimen_text(chosen.regimen, chosen.detail), part.share, staged)
