"""The pharmacist check: is a proposed regimen's daily OME within the sourced range?

Expected range = current OME (the set's range) × (1 − the sourced reduction range of this kind of
switch). Below it risks uncontrolled pain (caution); above it is a danger. A proposal of methadone
is compared with what the methadone methods give, each after its own reduction range.
"""

from __future__ import annotations

from mps_pain.domain.patient_rules import switch_factor_warnings, uses_of
from mps_pain.domain.results import ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.context import equianalgesic_set, resolve_current, rotation_rules
from mps_pain.domain.rotation.methadone import method_value
from mps_pain.domain.rotation.models import CheckRequest, CheckResult
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.domain.rotation.reduction import find_case, is_frail_or_elderly
from mps_pain.errors import InputError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import ReductionCaseId
from mps_pain.units import format_number, tidy

__all__ = ["check"]


def _pct(x: float) -> str:
    return f"{format_number(x * 100)}%"


def check(tables: TableIndex, request: CheckRequest) -> CheckResult:
    rules = rotation_rules(tables)
    set_ = equianalgesic_set(tables, rules, request.table)
    current, prn, _ = resolve_current(tables, request.from_, "from")
    proposed, proposed_prn, _ = resolve_current(tables, request.proposed, "proposed")
    before = current_ome(tables, set_, rules, current, prn)
    md = rules.methadone
    reasons: list[str] = []
    proposed_opioids = {d.drug.id for d in proposed if d.is_opioid}
    if md.drug in proposed_opioids:
        if proposed_opioids != {md.drug}:
            raise InputError(
                "check a methadone proposal on its own (methadone only)", location="proposed.items"
            )
        value = tidy(sum(d.daily_mg_per_day for d in proposed if d.is_opioid))
        lows, highs = [], []
        for method in md.methods:
            if method.frequency == "prn":
                continue
            out = method_value(md, method, before.total_mg_per_day).value_mg
            if out is None:
                continue
            lows.append(tidy(out * (1 - method.reduction.high)))
            highs.append(tidy(out * (1 - method.reduction.low)))
            reasons.append(
                f"{method.name}: {format_number(out)} mg/day before its reduction "
                f"{_pct(method.reduction.low)}–{_pct(method.reduction.high)}"
            )
        if not lows:
            raise InputError(
                "no methadone method covers this OME; ask a specialist", location="proposed.items"
            )
        low, high = min(lows), max(highs)
        r_low = r_high = 0.0
        unit = "mg/day methadone"
    else:
        after = current_ome(tables, set_, rules, proposed, proposed_prn, prefix="proposed")
        value = after.total_mg_per_day
        before_ids = {d.drug.id for d in current if d.is_opioid}
        case_id: ReductionCaseId = "different_opioid"
        if md.drug in before_ids:
            case_id = "from_methadone"
        elif any(d.item.route == "transdermal" for d in current if d.is_opioid) and not any(
            d.item.route == "transdermal" for d in proposed
        ):
            case_id = "from_patch"
        elif before_ids == proposed_opioids:
            case_id = "same_drug"
        case = find_case(rules, case_id)
        r_low, r_high = case.low, case.high
        if case.id in ("different_opioid", "from_patch") and is_frail_or_elderly(
            rules, request.patient
        ):
            r_high = max(r_high, rules.reduction.frail_or_elderly.default)
        low = tidy(before.low_mg_per_day * (1 - r_high))
        high = tidy(before.high_mg_per_day * (1 - r_low))
        unit = f"mg/day {set_.output_label}"
        reasons.append(
            f"Current regimen: {format_number(before.total_mg_per_day)} mg/day {set_.output_label} "
            "(range "
            f"{format_number(before.low_mg_per_day)}–{format_number(before.high_mg_per_day)})."
        )
        reasons.append(
            f"Sourced reduction for this switch ({case.reason}): {_pct(r_low)}–{_pct(r_high)} "
            f"[{tables.cite(case.source, case.locator)}]."
        )
        reasons.append(f"Proposed regimen: {format_number(value)} mg/day {set_.output_label}.")
    reasons.append(f"Expected range: {format_number(low)}–{format_number(high)} {unit}.")
    warnings: list[ClinicalWarning] = list(before.warnings)
    warnings += switch_factor_warnings(tables, request.patient, current, uses_of(proposed))
    if value > high:
        verdict = "above"
        warnings.append(
            ClinicalWarning(
                code="proposal-above-range",
                severity="danger",
                message=f"The proposal ({format_number(value)} {unit}) is above the expected "
                f"{format_number(high)} {unit}: risk of overdose. Reduce it.",
            )
        )
    elif value < low:
        verdict = "below"
        warnings.append(
            ClinicalWarning(
                code="proposal-below-range",
                severity="caution",
                message=f"The proposal ({format_number(value)} {unit}) is below the expected "
                f"{format_number(low)} {unit}: risk of uncontrolled pain or withdrawal; make sure "
                "breakthrough doses are prescribed.",
            )
        )
    else:
        verdict = "within"
    return CheckResult(
        verdict=verdict,
        table=tables.ref(set_.id),
        current_ome_per_day=before.total_mg_per_day,
        current_ome_low=before.low_mg_per_day,
        current_ome_high=before.high_mg_per_day,
        proposed_ome_per_day=value,
        unit=unit,
        expected_low=low,
        expected_high=high,
        reduction_low=r_low,
        reduction_high=r_high,
        reasons=reasons,
        warnings=sort_warnings(warnings),
    )
