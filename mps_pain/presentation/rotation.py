"""The views of a ``RotationPlan``: facts, sentences, rows, warnings (the check's view is in
``presentation/check.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from mps_pain.domain.form_words import product_label
from mps_pain.domain.rotation.models import (
    Breakthrough,
    DoseRange,
    PlannedRegimen,
    RotationPlan,
    SpreadRow,
)
from mps_pain.domain.rotation.patch_change import change_words
from mps_pain.domain.rotation.rounding_words import REDUCED_TARGET, rounded_up, rounding_change
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.withheld_words import withheld_line
from mps_pain.numbers import ESTIMATE_FIGURES, dose_text, format_estimate, format_number
from mps_pain.presentation.band_words import band_sentence, effective_band_reduction
from mps_pain.presentation.current_total import NOT_SUMMED_BASIS, current_total_text, sums_methadone
from mps_pain.presentation.methadone_rows import (
    MethadoneRowView,
    dose_giving_methods,
    held_down_note,
    methadone_row,
    spread_left_out,
)
from mps_pain.presentation.mme import SpreadRowView
from mps_pain.presentation.no_dose import (
    NO_DOSE_AMOUNT,
    NO_DOSE_REDUCTION,
    NO_DOSE_SPREAD,
    proposes_no_dose,
    shown_steps,
)
from mps_pain.presentation.patch_label import label_reduction
from mps_pain.presentation.set_names import named, named_note, names_of, set_names
from mps_pain.presentation.spoken import in_words_of
from mps_pain.presentation.spread_words import given_text, reduced_text, rounded_text
from mps_pain.presentation.valued_counted import AFTER_SWITCH, after_switch_text
from mps_pain.presentation.wording import (
    ABSENT,
    Fact,
    WarningView,
    amount_text,
    cited,
    estimate_text,
    number,
    percent_figure,
    percent_text,
    plain_source,
    quantity,
    renumbered_views,
    span_text,
    table_heading,
)
from mps_pain.unit_kinds import time_unit_of

RowOf = Callable[[int | None], int | None]

__all__ = [
    "MethadoneRowView",
    "PlanView",
    "alternative_sentence",
    "band_sentence",
    "breakthrough_sentence",
    "change_words",
    "dose_range_text",
    "effective_band_reduction",
    "equianalgesic_text",
    "plan_view",
    "reduction_guidance",
    "reduction_label",
    "reduction_summary",
    "reduction_text",
    "regimen_sentence",
    "rounded_reduction",
    "rounding_text",
]


def regimen_sentence(regimen: PlannedRegimen) -> str:
    """The new regimen in one line: the domain's ``regimen_text``, which the planner also writes
    into the schedule, so the schedule and every renderer name the regimen in the same words."""
    return regimen_text(regimen)


_BLANK = "______"


def breakthrough_sentence(breakthrough: Breakthrough) -> str:
    """``morphine oral solution 5 mg q1h as needed``; a dose not given: why, and the advice."""
    if breakthrough.no_dose is not None:
        return withheld_line(breakthrough)
    if breakthrough.to_agree:
        blanks = "; ".join(f"{part} {_BLANK}" for part in breakthrough.to_agree)
        return f"no dose sourced — agree with the specialist before the first dose: {blanks}"
    name = product_label(breakthrough.drug, breakthrough.route, breakthrough.form)
    if (dose := breakthrough.dose) is None:
        return f"{name}: no dose (see the note)"
    return f"{name} {dose_text(dose.value, dose.unit)} {breakthrough.frequency}"


def reduction_text(plan: RotationPlan) -> str:
    """The plan's reduction as every renderer states it: the chosen percentage, or where a
    band table decides the effective one first, with the band case's percentage on top; none
    where no dose is proposed."""
    if proposes_no_dose(plan):
        return NO_DOSE_REDUCTION
    effective = effective_band_reduction(plan)
    if effective is None:
        return percent_text(plan.reduction)
    eq = plan.equianalgesic_daily_dose
    return (
        f"effective {effective} from the equianalgesic {quantity(eq.value, eq.unit)} (the band "
        f"table's own cut, with {percent_text(plan.reduction)} on top of it)"
    )


def reduction_label(plan: RotationPlan) -> str:
    """Beside the reduction control: '0% (effective 50%)' where a band table decides."""
    effective = effective_band_reduction(plan)
    chosen = percent_text(plan.reduction)
    return chosen if effective is None else f"{chosen} (effective {effective})"


def reduction_guidance(plan: RotationPlan | None) -> str:
    """The guidance beside the reduction control: the current plan's own reduction and source
    (``classify_switch`` chose the case); no plan, no guidance (never a previous plan's)."""
    if plan is None:
        return ""
    text = cited(plan.reduction_reason, plan.reduction_source)
    band = band_sentence(plan)
    return f"Guidance: {text}" + (f"; {band}" if band else "")


def reduction_summary(plan: RotationPlan, *, cite: bool = True) -> str:
    """The reduction in one phrase, as every renderer says it (the converter's one line too,
    with ``cite=False``: its citations are on hover); none where no dose is proposed."""
    if proposes_no_dose(plan):
        return NO_DOSE_REDUCTION
    band = band_sentence(plan, cite=cite)
    sourced = ""
    if plan.reduction_range is not None and plan.reduction_range != (0.0, 0.0):
        low, high = plan.reduction_range
        sourced = (
            f" (sourced {span_text(percent_figure(low * 100), percent_figure(high * 100), '%')})"
        )
    sourced += label_reduction(plan)  # the patch label's own reading (pharmacist review 9, D-B)
    if band is not None:
        return f"cross-tolerance reduction {percent_text(plan.reduction)}{sourced}; {band}"
    if plan.reduction == 0 and plan.reduction_range == (0.0, 0.0):
        reason = plain_source(plan.reduction_reason) or plan.reduction_reason
        return f"no further reduction ({reason}){rounded_reduction(plan)}"
    said = f"{rounded_reduction(plan)}{held_down_note(plan)}"
    return f"reduction {percent_text(plan.reduction)}{sourced}{said}"


def rounded_reduction(plan: RotationPlan) -> str:
    """'; effective reduction 0% against the equianalgesic 60 mg/day after rounding' where the
    rounded dose moves the reduction (pharmacist review 5, D6: "Reduction 30%" beside a dose
    rounded back up to 0%); an amount above the equianalgesic dose is said as above it, never
    as a negative reduction (wording item 2). A band table says its own (``band_sentence``)."""
    cut = plan.effective_reduction
    if plan.band_dose is not None or cut is None or abs(cut - plan.reduction) <= 0.0005:
        return ""
    eq = plan.equianalgesic_daily_dose  # an estimate, as the plan's equianalgesic fact reads it
    against = f"the equianalgesic {format_estimate(eq.value)} {eq.unit}"
    if cut < -0.0005:
        return f"; after rounding the dose is {number(round(-cut * 100, 1))}% above {against}"
    return f"; effective reduction {number(round(cut * 100, 1))}% against {against} after rounding"


def _effective_from_equianalgesic(plan: RotationPlan, cut: float) -> str:
    eq = plan.equianalgesic_daily_dose
    against = f"the equianalgesic {quantity(eq.value, eq.unit)}"
    if cut < -0.0005:
        return f"{number(round(-cut * 100, 1))}% above {against}"
    return f"effective reduction {number(round(cut * 100, 1))}% from {against}"


def rounding_text(plan: RotationPlan) -> str | None:
    """``25 mcg/h (rounding loss 0% …)``; under a band table the effective reduction too."""
    if plan.rounded_daily_dose is None or proposes_no_dose(plan):
        return None
    target, rounded = plan.target_daily_dose, plan.rounded_daily_dose
    basis = REDUCED_TARGET
    if plan.band_dose is not None:
        basis = f"the band table's {amount_text(plan.band_dose.chosen)}"
    parts = [rounding_change(target.value, rounded.value, percent_figure, basis)]
    cut = plan.effective_reduction
    if cut is not None and (plan.band_dose is not None or rounded_up(target.value, rounded.value)):
        parts.append(_effective_from_equianalgesic(plan, cut))
    suffix = f" ({'; '.join(parts)})" if parts else ""
    return amount_text(plan.rounded_daily_dose) + suffix


def alternative_sentence(plan: RotationPlan) -> str | None:
    """The interval asked for, shown beside the other cited interval the plan proposes because
    rounding at the one asked for leaves the sourced range."""
    asked = plan.interval_alternative
    if asked is None:
        return None
    if asked.daily_dose is None or asked.effective_reduction is None:
        given = f"{regimen_text(asked.regimen)}: no dose can be given"
    else:
        cut = asked.effective_reduction
        effect = f"effective reduction {number(round(cut * 100, 1))}%, " if cut > 0 else ""
        given = f"{regimen_text(asked.regimen)} = {amount_text(asked.daily_dose)} ({effect}"
        given += "below the sourced range)"
    return f"{given}; the plan proposes {plan.regimen.frequency}, within it"


def equianalgesic_text(plan: RotationPlan) -> str:
    """The plan's equianalgesic daily dose (``dose_range_text``), or none where no dose is
    proposed."""
    if proposes_no_dose(plan):
        return NO_DOSE_AMOUNT
    return dose_range_text(plan.equianalgesic_daily_dose)


def dose_range_text(dose: DoseRange) -> str:
    """``37.5 mcg/h (range 36–50)``, an estimate with the spread's figures (re-check 17b: "5.333
    mg/day (range 4–7.199)"); without a range when its ends are the value itself."""
    figures = ESTIMATE_FIGURES
    shown = quantity(dose.value, dose.unit, figures)
    value, low, high = (format_number(x, figures) for x in (dose.value, dose.low, dose.high))
    span = span_text(low, high)
    return shown if span == value else f"{shown} (range {span})"


@dataclass(frozen=True, slots=True)
class PlanView:
    """Everything a renderer shows of a plan; ``regimen`` is the one regimen sentence."""

    heading: str
    set_label: str
    regimen: str
    daily_dose: str | None
    no_dose: str | None
    breakthrough: str | None
    breakthrough_note: str | None
    reduction: str  # the effective reduction first where a band table decides (review 4, D8)
    reduction_summary: str
    facts: tuple[Fact, ...]
    steps: tuple[str, ...]
    schedule: tuple[Fact, ...]
    methadone: tuple[MethadoneRowView, ...]
    spread: tuple[SpreadRowView, ...]
    warnings: tuple[WarningView, ...]
    monitoring: tuple[str, ...]
    alternative: str | None = None  # another cited interval within the range (finding 2)
    effective_reduction: str | None = None  # where a band table gave the dose: its own cut
    equianalgesic: str = NO_DOSE_AMOUNT  # the equianalgesic daily dose, none without a dose
    spread_left_out: str | None = None  # why there is no spread table (``spread_left_out``)
    #: (id, name) of the methods that give a dose where the chosen one gives none (review 10 #4)
    dose_giving_methods: tuple[tuple[str, str], ...] = ()


def _spread(
    row: SpreadRow, plan: RotationPlan, names: dict[str, str], *, withheld: bool
) -> SpreadRowView:
    """A set's row; under a plan with no dose, a set's amount is not shown (N3)."""
    before: str | None = None
    value = None
    if row.target_daily_dose is None:
        missing = set_names(row.missing, names) if row.missing else None
        text = f"not covered ({missing})" if missing else "not covered"
    elif withheld:
        text = NO_DOSE_SPREAD
    else:
        before = estimate_text(row.target_daily_dose)
        value = row.target_daily_dose.value
        text = before if row.rounded is None else f"{before} → {rounded_text(row)}"
    basis = ABSENT if row.ome_per_day is None else number(row.ome_per_day)
    basis = NOT_SUMMED_BASIS if sums_methadone(plan) else basis  # by a cohort median
    shown = before is not None  # a covered set with a dose: its three numbers
    return SpreadRowView(
        row.table,
        row.name,
        value,
        text,
        "",
        current=row.table == plan.table.id,
        basis=basis,
        before_rounding=before or text,
        equianalgesic=estimate_text(row.equianalgesic) if shown else text,
        reduced=reduced_text(row) if shown else ABSENT,
        given=given_text(row) if shown else ABSENT,
    )


def _equianalgesic_label(plan: RotationPlan) -> str:
    """A rate is not a daily dose (clinician review 6, #10: "Equianalgesic daily dose 37.5
    mcg/h")."""
    per_hour = time_unit_of(plan.equianalgesic_daily_dose.unit) == "h"
    return "Equianalgesic rate" if per_hour else "Equianalgesic daily dose"


def _facts(plan: RotationPlan, regimen: str, breakthrough: str | None) -> tuple[Fact, ...]:
    facts = [
        Fact("Reference set", f"{plan.table_name} (tables v{plan.table.version})"),
        # issue #8: classify_switch, as the check uses it; its working (each line's amount by
        # its cited ratio, a source's own amounts) is not shown where no dose is proposed
        # (CI's long campaign, session 20: a patch → IV fentanyl plan of NO DOSE in severe
        # hepatic impairment printed the ratio's amounts)
        Fact("Kind of switch", NO_DOSE_AMOUNT if proposes_no_dose(plan) else plan.switch),
        Fact("Current total", current_total_text(plan)),
        Fact(_equianalgesic_label(plan), equianalgesic_text(plan)),
        Fact("Reduction for incomplete cross-tolerance", _reduction_fact(plan)),
    ]
    band = band_sentence(plan)
    if band is not None:
        facts.append(Fact("Patch band table", band[0].upper() + band[1:]))
    # an estimate before rounding, as each set's row of the spread (clinician review 16 #12)
    target = NO_DOSE_AMOUNT if proposes_no_dose(plan) else estimate_text(plan.target_daily_dose)
    facts.append(Fact("Target daily dose", target))
    rounded = rounding_text(plan)
    if rounded is not None:
        measured = "Measured to the dose" if plan.dose_measured else "Rounded to strengths"
        facts.append(Fact(measured, rounded))
    facts.append(Fact("New regimen", regimen))
    if after := after_switch_text(plan):  # valued and counted differ (review 21, N2)
        facts.append(Fact(AFTER_SWITCH, after))
    alternative = alternative_sentence(plan)
    if alternative is not None:
        facts.append(Fact("Interval asked for", alternative))
    facts.append(Fact("Breakthrough dose", breakthrough or "none"))
    return tuple(facts)


def _reduction_fact(plan: RotationPlan) -> str:
    if proposes_no_dose(plan):  # its reason and sourced range would read as a margin (N3)
        return NO_DOSE_REDUCTION
    return cited(f"{reduction_text(plan)} — {plan.reduction_reason}", plan.reduction_source)


def plan_view(plan: RotationPlan, row_of: RowOf | None = None) -> PlanView:
    """The plan in words, its market's (``in_words_of``); ``row_of``: the editor's row of each
    current item, so the warnings number the rows as the table the plan was made from shows
    them (None: the items' own)."""
    with in_words_of(plan.market):
        return _plan_view(plan, row_of)


def _plan_view(plan: RotationPlan, row_of: RowOf | None) -> PlanView:
    regimen = plan.regimen
    sentence = regimen_sentence(regimen)
    no_dose = regimen.no_dose
    breakthrough = None if plan.breakthrough is None else breakthrough_sentence(plan.breakthrough)
    shown = f"NO DOSE — {no_dose}" if no_dose is not None else sentence
    return PlanView(
        heading=f"Rotation plan under {table_heading(plan.table, plan.table_name)}",
        set_label=plan.table_name,
        regimen=sentence,
        daily_dose=None if regimen.daily_dose is None else amount_text(regimen.daily_dose),
        no_dose=no_dose,
        breakthrough=breakthrough,
        breakthrough_note=named_note(plan),
        reduction=reduction_text(plan),
        effective_reduction=effective_band_reduction(plan),
        reduction_summary=reduction_summary(plan),
        equianalgesic=equianalgesic_text(plan),
        facts=_facts(plan, shown, breakthrough),
        steps=tuple(named(plan, step) for step in shown_steps(plan)),
        schedule=tuple(Fact(entry.when, named(plan, entry.action)) for entry in plan.schedule),
        methadone=tuple(
            methadone_row(option, withheld=proposes_no_dose(plan))
            for option in plan.methadone_options
        ),
        spread=()
        if spread_left_out(plan)
        else tuple(
            _spread(row, plan, names_of(plan), withheld=proposes_no_dose(plan))
            for row in plan.spread
        ),
        spread_left_out=spread_left_out(plan),
        dose_giving_methods=tuple((o.method, o.name) for o in dose_giving_methods(plan)),
        warnings=tuple(
            replace(w, message=named(plan, w.message))
            for w in renumbered_views(plan.warnings, row_of)
        ),
        monitoring=tuple(named(plan, line) for line in plan.monitoring),
        alternative=alternative_sentence(plan),
    )
