"""A patch switched together with regular oral or parenteral opioids (a mixed regimen).

Each source opioid is stopped on its own terms (outside first-time-clinician review, 2 December,
H1): the regular non-patch opioids are replaced when their next dose is due; the patch's share
follows at the sourced delay after removal.

The first part is the regular lines' OWN reduced equivalent (outside pharmacist review,
2 December, finding 1): their equianalgesic amount (their share of the set's conversion, or their
cited route ratio when the switch goes by one), reduced by their own case's reduction
(``switch_case`` of those lines alone: each line's own case on its share; the user's stated value
when there is one), shaped by the same rounding policy as the full dose, and never above the full
dose. The blended full dose is never cut by the patch's share: morphine ER 30 mg q12h + a patch
→ morphine ER q12h keeps 30 mg q12h at 0 h (its own reduction is 0%), where the former
"full dose × the regular share" gave 20 mg q12h.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import Amount, MmeLine
from mps_pain.domain.rotation.classify import SwitchClass, SwitchTarget, classify_switch
from mps_pain.domain.rotation.context import equianalgesic_set
from mps_pain.domain.rotation.models import StagedPart
from mps_pain.domain.rotation.reduction import (
    Reduction,
    choose_reduction,
    find_case,
    reduction_bounds,
    switch_case,
)
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.shaped import Amounts, Shaped
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import scale, tidy

__all__ = [
    "FirstPart",
    "RegularPart",
    "first_part",
    "regular_part",
    "regular_share",
    "regular_switch",
    "switched_share",
]

_EPS = 1e-9


@dataclass(frozen=True)
class RegularPart:
    """The regular non-patch lines switched on their own terms: their share of the OME as the
    switch values it, their own reduction and range, and the amounts the rounding policy
    shapes."""

    share: float
    reduction: Reduction
    bounds: tuple[float, float]
    amounts: Amounts
    label: str  # the set's own label, the words its share is said in


@dataclass(frozen=True)
class FirstPart:
    """The staged first part of a mixed switch: its text and its typed record."""

    text: str
    share: float
    staged: StagedPart
    label: str  # the set's own label, the words its share is said in


def _regular(line: MmeLine) -> bool:
    return line.counted and line.mme_per_day is not None and line.route != "transdermal"


def regular_share(lines: Sequence[MmeLine]) -> float:
    """The regular (not as-needed) non-patch opioid lines' share of the counted OME."""
    counted = [x for x in lines if x.counted and x.mme_per_day is not None]
    total = sum(x.mme_per_day or 0.0 for x in counted)
    regular = sum(x.mme_per_day or 0.0 for x in counted if _regular(x) and not x.prn)
    return regular / total if total > 0 else 0.0


def switched_share(own: float, whole: float, by_ome: float) -> float:
    """The regular lines' share of the amount switched: their own equivalent over the whole
    switch's (both in the target's unit), the valuation the switch uses (a patch by its cited
    ratio to the target where it has one: session 15's open counterexample, a 12.5 mcg/h patch
    read 37.5 oMEDD by the set's row where the switch converts it to 40); ``by_ome`` (their share
    of the OME lines) when the whole is nothing."""
    return own / whole if whole > 0 else by_ome


def regular_switch(
    rules: RotationRules,
    items: Sequence[DailyItem],
    target: SwitchTarget,
    set_id: str,
) -> SwitchClass | None:
    """The regular (not as-needed) non-patch opioid lines switched alone to ``target``: the one
    classifier (``classify_switch``) on exactly the lines the first part replaces, as the check
    reads those lines against the first part (None: no such line). The first part's amount
    follows from this class, never from the whole mixed switch's."""
    regular = [d for d in items if d.is_opioid and not d.item.prn and d.item.route != "transdermal"]
    if not regular:
        return None
    return classify_switch(rules, regular, "exclude", target, set_id=set_id)


def _equianalgesic(
    regular: SwitchClass,
    eq_value: float,
    unit: str,
    lines: Sequence[MmeLine],
    share: float,
) -> tuple[float, float, float]:
    """The regular lines' own equianalgesic amount in ``unit`` (used, lower end, higher end),
    read as the check reads them switched alone: by their cited route ratios (the set's own
    where it has one) when that switch goes by them; their own amount when it is a dose
    change (already the target); else their share of the set's conversion (by OME, the
    target's factor being ``target_factor``'s, as the check reads the proposal)."""
    per_mg = scale("mg/day", unit)
    if regular.uses_route_ratio:
        used = regular.used_mg_per_day * per_mg
        low, high = (v * per_mg for v in regular.ratio_range_mg_per_day)
        return used, low, high
    if regular.kind == "dose_change":
        own = sum(
            x.daily_dose.value * scale(x.daily_dose.unit, "mg/day") * per_mg
            for x in lines
            if _regular(x) and not x.prn
        )
        return own, own, own
    shared = eq_value * share
    return shared, shared, shared


def regular_part(
    tables: TableIndex,
    rules: RotationRules,
    regular: SwitchClass | None,
    request: RotationRequest,
    eq_value: float,
    unit: str,
    lines: Sequence[MmeLine],
) -> RegularPart | None:
    """The regular lines' own reduced equivalent beside a patch (None: no patch, no regular
    line, or a switch without a reduction case). ``regular`` is ``regular_switch``: their
    reduction case and amount are those of the lines switched alone (a dose change: the same
    drug's case, 0%)."""
    share = regular_share(lines)
    has_patch = any(x.counted and x.route == "transdermal" for x in lines)
    if regular is None or not has_patch or share <= 0 or regular.kind == "to_methadone":
        return None
    own = [x for x in lines if _regular(x) and not x.prn]
    label = equianalgesic_set(tables, rules, request.table).output_label
    case = (
        switch_case(tables, rules, regular, own, label)
        if regular.case_id
        else find_case(rules, "same_drug")
    )
    patient = request.patient
    red = choose_reduction(
        tables,
        rules,
        case,
        user_value=request.reduction,
        patient=patient,
        pain_controlled=request.pain_controlled,
    )
    low_r, high_r = reduction_bounds(rules, case, patient, request.pain_controlled)
    used, lower, higher = _equianalgesic(regular, eq_value, unit, lines, share)
    share = switched_share(used, eq_value, share)
    target = tidy(used * (1 - red.fraction))
    if regular.uses_route_ratio:  # the cited ratio carries the conversion, as for the full dose
        lowered = target < lower  # a stated target below the cited range: the user's own
        amounts = Amounts(target, tidy(min(target, lower)), tidy(higher), tidy(used), unit, lowered)
    else:
        amounts = Amounts(
            target, tidy(used * (1 - high_r)), tidy(used * (1 - low_r)), tidy(used), unit
        )
    return RegularPart(share, red, (low_r, high_r), amounts, label)


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
    return FirstPart(regimen_text(chosen.regimen, chosen.detail), part.share, staged, part.label)
