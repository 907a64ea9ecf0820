"""The pharmacist check: is a proposed regimen within what the planner's rules allow?

The check takes the kind of switch from ``classify_switch`` (the planner's own rule), then:

- same drug by another route, or a prodrug: its daily amount against the cited route ratios;
- to a patch by a band table: the patch against the band's patch;
- otherwise: its OME against current OME × (1 − the sourced reduction range, frailty included);
- methadone: against what each methadone method gives after its own reduction range; as needed
  only, per dose (Morley-Makin), never within without its maximum doses in 24 h (a danger).

Below the range is a caution, above it a danger; the tolerances are the rounding policy's "just
short" fraction (``rotation.rounding.short_tolerance``) and a bound compared as printed
(``check_printed``): within, and said. The rounding below is only explained."""

from __future__ import annotations

from mps_pain.domain.as_needed_dose import one_dose
from mps_pain.domain.duplicates import duplicate_item_warnings
from mps_pain.domain.form_inference import check_interval
from mps_pain.domain.long_acting import started_long_acting_warnings
from mps_pain.domain.max_dose import MAX_DOSE, given_market, proposal_max_dose_warnings
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import switch_factor_warnings, uses_of
from mps_pain.domain.results import ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.check_above import above_verdict, below_warning, uncontrolled_range
from mps_pain.domain.rotation.check_band import Expectation, band_expectation
from mps_pain.domain.rotation.check_continued import continued_warnings
from mps_pain.domain.rotation.check_dose_change import (
    dose_change_result,
    form_change_note,
)
from mps_pain.domain.rotation.check_flags import proposed_row_flags
from mps_pain.domain.rotation.check_kept import current_ome_said, each_amount, factor_range_said
from mps_pain.domain.rotation.check_kept_line import kept_line_warnings
from mps_pain.domain.rotation.check_label import OWN_FACTOR_RANGE, with_patch_label
from mps_pain.domain.rotation.check_lines import proposed_rows
from mps_pain.domain.rotation.check_methadone import (
    as_needed_expectation,
    as_needed_lines,
    methadone_expectation,
    methadone_line_warnings,
    open_ended_danger,
    order_not_signable,
    per_dose_proposal,
)
from mps_pain.domain.rotation.check_nearer_patch import nearer_patch_within
from mps_pain.domain.rotation.check_ome_beside import ome_beside
from mps_pain.domain.rotation.check_printed import above_top_as_printed, below_bottom_as_printed
from mps_pain.domain.rotation.check_pump_rate import pump_rounding_within
from mps_pain.domain.rotation.check_ratio import proposed_said, ratio_expectation
from mps_pain.domain.rotation.check_rescues import (
    rescue_order_warnings,
    rescue_reasons,
    with_kept_rescues,
    with_orders_factors,
)
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.check_tolerance import (
    one_order,
    patch_strength_warnings,
    rounding_explains,
)
from mps_pain.domain.rotation.classify import SwitchClass, classify_switch, proposal_target
from mps_pain.domain.rotation.context import equianalgesic_set, resolve_current, rotation_rules
from mps_pain.domain.rotation.depot_start import stopped_patch_warnings
from mps_pain.domain.rotation.from_methadone import refuse_off_methadone
from mps_pain.domain.rotation.gate import AVOIDED
from mps_pain.domain.rotation.gate_given import proposal_avoided_warnings
from mps_pain.domain.rotation.label_start import label_start_accepted
from mps_pain.domain.rotation.ome import CurrentOme, current_ome
from mps_pain.domain.rotation.own_ratio import proposal_valued_ome
from mps_pain.domain.rotation.patch_chart import beyond_chart_warning, chart_switch
from mps_pain.domain.rotation.patch_onset import started_patch_warnings
from mps_pain.domain.rotation.reduction import (
    choose_reduction,
    find_case,
    reduction_bounds,
    switch_case,
)
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rescue_above import rescue_judgement
from mps_pain.domain.rotation.rescue_fit import rescue_fit_warnings
from mps_pain.domain.rotation.rescue_swap import with_rescue_swap
from mps_pain.domain.rotation.rescue_top import split_at_switch_top
from mps_pain.domain.rotation.set_covers import refuse_uncovered_lines
from mps_pain.domain.rotation.summed_rescue import with_summed
from mps_pain.domain.rotation.target_factor import as_target_ome, current_factor_notes
from mps_pain.domain.warnings import total_plausibility_warnings
from mps_pain.numbers import format_percent, format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number, format_number_span, tidy

__all__ = ["Expectation", "check"]

_REL = 1e-6


def check(tables: TableIndex, request: CheckRequest) -> CheckResult:
    """The amount's verdict; ``above_maximum`` (a daily total above the cited maximum of the
    plan's market), ``avoid`` (the patient rules) and ``not_signable`` (a methadone-order danger)
    head it; a line written twice, or two regular long-acting opioids, are flagged as current."""
    _refuse_uncovered(tables, request)  # a line its set has no factor for (review 20, L4)
    request, regular, rescues, _, inner = split_at_switch_top(tables, request, _check)  # orders
    result = with_orders_factors(tables, request, regular, inner)
    rules = rotation_rules(tables)
    document, as_needed = per_dose_proposal(request.proposed)
    proposed, proposed_prn, _ = resolve_current(tables, document, "proposed")
    given = [d for d in proposed if d.index not in as_needed]  # no daily total: not measured
    market = given_market(tables, request.market, result.table.id)
    current, prn, _ = resolve_current(tables, request.from_, "from")
    unreported = [d for d in proposed if d.index in as_needed]  # each measured as one dose
    limits = proposal_max_dose_warnings(
        tables, request.patient, market, given, one_dose(unreported)
    )
    # the co-medications the order continues, by the same rules (re-check 18b, H1)
    limits += continued_warnings(tables, request.patient, market, current, proposed)
    twice = duplicate_item_warnings(proposed, regimen="proposed")
    twice += proposed_row_flags(proposed)  # the sanity flags, as mme's (re-check 18b, M1)
    twice += kept_line_warnings(current, proposed)  # a kept line is the current dose (21b, D1)
    # the methadone-order rules judge the order, on every path (a dose change too; fuzz 9, #1)
    twice += started_long_acting_warnings(current, proposed)
    twice += stopped_patch_warnings(tables, rules, current, proposed)  # the depot (review 18 #1)
    twice += started_patch_warnings(tables, rules, current, proposed)  # its onset (review 19 M1)
    verdict, open_ended, why = open_ended_danger(
        tables, rules, result, as_needed, proposed, current
    )
    twice += [*open_ended, *methadone_line_warnings(tables, rules, proposed)]
    twice += rescue_fit_warnings(tables, rules, request, proposed, current, prn)
    result = with_patch_label(tables, request, result, proposed)  # the planner's label reading
    # every verdict path meets the one gate, every proposed opioid kept, titrated, re-formed or
    # as needed (pharmacist re-checks 13b #1 and 14b #1: a path that skipped it read DOSE CHANGE)
    twice += proposal_avoided_warnings(tables, request.patient, current, proposed)
    twice += rescue_order_warnings(tables, request, proposed, current, prn)
    warnings = sort_warnings([*result.warnings, *limits, *twice])
    avoid = any(w.code == AVOIDED for w in warnings)
    above_maximum = any(w.code == MAX_DOSE and w.severity == "danger" for w in warnings)
    update = {"warnings": warnings, "avoid": avoid, "above_maximum": above_maximum}
    why += rescue_reasons(tables, regular, rescues)
    # review 20, N1: never within beside a rescue above its rule
    verdict, said, above = rescue_judgement(tables, rules, request, proposed, current, prn, verdict)
    why += said
    update |= {"not_signable": order_not_signable(warnings), "reasons": [*result.reasons, *why]}
    update |= proposed_rows(result, rescues, len(request.proposed.items))  # lines' OME, by row
    update |= {"ome_label": tables.reference_set(result.table.id).output_label}
    update |= {
        "current_left_out": tuple(d.index for d in current if d.is_opioid and not d.counts(prn))
    }
    # every proposed drug by its own daily amount, whatever the verdict (re-check 13b, #3)
    given = [d for d in given if d.index not in rescues]
    update |= {"proposed_amounts": each_amount(tables, given, proposed_prn)}
    update |= ome_beside(tables, result, given, proposed_prn)  # review 21, N7
    result = result.model_copy(update={**update, "verdict": verdict, "rescues_above": above})
    return with_rescue_swap(result, current, proposed, as_needed)  # re-check 21b, D6


def _refuse_uncovered(tables: TableIndex, request: CheckRequest) -> None:
    rules = rotation_rules(tables)
    set_id = equianalgesic_set(tables, rules, request.table).id
    lines, _, _ = resolve_current(tables, per_dose_proposal(request.proposed)[0], "proposed")
    refuse_uncovered_lines(tables, set_id, lines, rules.methadone.drug, "proposed")


def _check(tables: TableIndex, request: CheckRequest, kept: tuple[int, ...]) -> CheckResult:
    rules = rotation_rules(tables)
    set_ = equianalgesic_set(tables, rules, request.table)
    current, prn, _ = resolve_current(tables, request.from_, "from")
    document, as_needed = per_dose_proposal(request.proposed)
    proposed, proposed_prn, _ = resolve_current(tables, document, "proposed")
    as_needed_lines(rules, proposed, as_needed, set_.output_label)
    for d in proposed:  # the planner's interval rule: never an IR liquid q12h "within"
        if not d.item.prn:
            where = f"proposed.{d.location}.frequency"
            check_interval(tables, d.drug.id, d.item.route, d.form, d.item.frequency, where)
    before = current_ome(tables, set_, rules, current, prn)
    target = proposal_target(proposed, proposed_prn, rules.methadone.drug, current)
    switch = classify_switch(
        rules, current, prn, target, set_id=set_.id, patch_table=request.patch_table
    )
    refuse_off_methadone(rules, switch.kind)  # specialist only, as the planner says
    if switch.band_table is not None:  # the planner's rule off the chart (its default reduction
        # for this patient: a frail patient's OME is read at the frail reduction, as planned)
        band_case = find_case(rules, "to_patch_bands")
        patient, controlled = request.patient, request.pain_controlled
        fraction = choose_reduction(
            tables, rules, band_case, user_value=None, patient=patient, pain_controlled=controlled
        ).fraction
        switch = chart_switch(rules, switch, before.total_mg_per_day, fraction)
    switch = with_kept_rescues(switch, current, kept)
    if switch.kind == "dose_change":
        return dose_change_result(
            tables,
            request,
            set_.id,
            before,
            current,
            prn,
            proposed,
            proposed_prn,
            added=switch.added,
            stopped=switch.stopped,
            rescues=switch.rescues,
        )
    if switch.kind == "to_methadone" and as_needed:
        low, high, value, reasons = as_needed_expectation(
            tables, rules, set_, request.market, before, proposed
        )
        exp = Expectation(
            value, low, high, "mg methadone per as-needed dose", "per_dose", 0.0, 0.0, reasons
        )
    elif switch.kind == "to_methadone":
        low, high, value, reasons = methadone_expectation(
            tables, rules, set_, request.market, before, proposed
        )
        exp = Expectation(value, low, high, "mg/day methadone", "drug_a_day", 0, 0, reasons)
    elif switch.uses_route_ratio:
        exp = ratio_expectation(switch, proposed, proposed_prn)
    elif switch.kind == "to_patch_bands":
        exp = band_expectation(
            tables,
            rules,
            set_,
            switch,
            before,
            proposed,
            proposed_prn,
            request.patient,
            pain_controlled=request.pain_controlled,
        )
    else:
        exp = _ome(tables, rules, set_, switch, before, proposed, proposed_prn, request)
        exp = label_start_accepted(tables, rules, set_, current, proposed, exp)
    exp = with_summed(tables, rules, set_, switch, exp, proposed, proposed_prn)  # session 20
    expected = f"Expected range: {format_number_span(exp.low, exp.high, exp.unit)}."
    reasons = [f"{switch.explanation(tables)}.", *exp.reasons, *([] if as_needed else [expected])]
    warnings: list[ClinicalWarning] = list(before.warnings)
    warnings += switch_factor_warnings(tables, request.patient, current, uses_of(proposed))
    warnings += patch_strength_warnings(tables, set_, request, proposed)
    warnings += total_plausibility_warnings(tables, set_, before.total_mg_per_day)
    warnings += beyond_chart_warning(tables, rules, switch, before.total_mg_per_day, before.label)
    verdict = "within"
    if (
        above_top_as_printed(exp, reasons, proposed, proposed_prn)
        and not nearer_patch_within(
            tables, rules, set_, request, proposed, proposed_prn, exp, reasons
        )
        and not pump_rounding_within(tables, proposed, proposed_prn, exp, reasons)
    ):
        verdict, above = above_verdict(exp, open_ended=bool(as_needed), lines=before.lines)
        warnings.append(above)
    elif as_needed:  # below or within its dose, an open-ended order is never signable
        pass
    elif below_bottom_as_printed(exp, reasons, proposed, proposed_prn) and not pump_rounding_within(
        tables, proposed, proposed_prn, exp, reasons, rules.rounding.short_tolerance.fraction
    ):
        verdict = _judge_below(tables, rules, set_, request, proposed, proposed_prn, exp, reasons)
        if verdict == "below":
            warnings.append(below_warning(exp))
    explained = (
        switch.form_change_only
        and verdict == "below"
        and (
            exp.point_mg_per_day is not None
            and rounding_explains(
                tables, rules, set_, request, proposed, proposed_prn, exp.point_mg_per_day
            )
        )
    )
    if switch.form_change_only and verdict != "within" and not explained:
        note = form_change_note(current, proposed, f"{format_number(exp.low)} {exp.unit}")
        return dose_change_result(
            tables, request, set_.id, before, current, prn, proposed, proposed_prn, note
        )
    ome, ome_low, ome_high, no_ome = current_ome_said(before)
    return CheckResult(
        verdict=verdict,
        table=tables.ref(set_.id),
        current_ome_per_day=ome,
        current_ome_low=ome_low,
        current_ome_high=ome_high,
        no_ome_reason=no_ome,
        proposed_ome_per_day=exp.value,
        proposed_line_ome=exp.line_ome,
        measure=exp.measure,
        unit=exp.unit,
        expected_low=exp.low,
        expected_high=exp.high,
        reduction_low=exp.r_low,
        reduction_high=exp.r_high,
        switch_kind=switch.kind,
        reasons=reasons,
        warnings=sort_warnings(warnings),
    )


def _judge_below(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    request: CheckRequest,
    proposed: list[DailyItem],
    prn: str,
    exp: Expectation,
    reasons: list[str],
) -> str:
    """ "within" when at most the policy's tolerance below the range, else "below" (explained)."""
    tolerance = rules.rounding.short_tolerance.fraction
    short = 1 - exp.value / exp.low if exp.low > 0 else 1.0
    cite = tables.cite(rules.rounding.short_tolerance.citation)
    if short <= tolerance + _REL:
        reasons.append(
            f"{format_percent(short)} below the range: within the rounding tolerance "
            f"of {format_percent(tolerance)} [{cite}]."
        )
        return "within"
    if exp.point_mg_per_day is not None and rounding_explains(
        tables, rules, set_, request, proposed, prn, exp.point_mg_per_day
    ):
        reasons.append(
            "Below the range: no amount that can be given lies within it and this is the "
            "nearest below (the rounding policy explains the gap; it does not change the verdict)."
        )
    return "below"


def _ome(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    switch: SwitchClass,
    before: CurrentOme,
    proposed: list[DailyItem],
    prn: str,
    request: CheckRequest,
) -> Expectation:
    assert switch.case_id is not None
    valued = proposal_valued_ome(tables, set_, switch, before, proposed)
    case = switch_case(tables, rules, switch, valued.ome.lines, set_.output_label)
    r_low, r_high = reduction_bounds(rules, case, request.patient, request.pain_controlled)
    after = current_ome(tables, set_, rules, proposed, prn, prefix="proposed")  # type: ignore[arg-type]
    now, total = before.total_mg_per_day, valued.ome.total_mg_per_day  # valued: ``own_ratio``
    # a current line read at its row's factor (not by a cited ratio as a target, ``own_ratio``)
    # is read so in the proposal too: one line, one value on both sides
    own = {r.index for r in switch.own_ratios}
    kept = frozenset((x.drug, x.route) for x in before.lines if x.counted and x.index not in own)
    proposed_ome, target_reasons, each = as_target_ome(tables, set_.id, after.lines, total, kept)
    low, high = tidy(total * (1 - r_high)), tidy(total * (1 - r_low))
    label = set_.output_label
    reasons = [
        f"Current regimen: {format_number(now)} mg/day {label}{factor_range_said(before)}.",
        *current_factor_notes(tables, set_.id, before.lines, now),
        *(f"{w}." for w in valued.words),
        f"Sourced reduction for this switch ({case.reason}): {format_percent_span(r_low, r_high)} "
        f"[{tables.cite(case.citation)}]; {OWN_FACTOR_RANGE} ({format_number(total)} mg/day "
        f"{label}) × (1 − {format_percent_span(r_low, r_high)}), as the switching plan works it.",
        *target_reasons,
        proposed_said(proposed_ome, label),
        *uncontrolled_range(tables, rules, request.pain_controlled, total, (r_low, r_high), label),
    ]
    point, eq = None, None
    single = [d for d in proposed if d.is_opioid]  # one order: a line, or one per patch
    daily = sum(d.daily_mg_per_day for d in single)
    if one_order(single) and daily > 0:
        per_mg = proposed_ome / daily
        point = (total * (1 - r_high) / per_mg, total * (1 - r_low) / per_mg)
        eq = total / per_mg
    return Expectation(
        proposed_ome,
        low,
        high,
        f"mg/day {label}",
        "ome_a_day",
        r_low,
        r_high,
        reasons,
        point,
        eq,
        equianalgesic=tidy(total),
        reduction_source=tables.cite(case.citation),
        line_ome=each,
    )
