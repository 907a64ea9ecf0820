"""The views of a ``RotationPlan`` and a ``CheckResult``: facts, sentences, rows, warnings."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mps_pain.domain.rotation.models import (
    Breakthrough,
    CheckResult,
    DoseRange,
    MethadoneOption,
    PlannedRegimen,
    RotationPlan,
    SpreadRow,
)
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.presentation.mme import SpreadRowView
from mps_pain.presentation.severity import SeverityStyle, severity_style
from mps_pain.presentation.wording import (
    ABSENT,
    Fact,
    WarningView,
    amount_text,
    cited,
    form_text,
    number,
    percent_text,
    plain_source,
    quantity,
    table_heading,
    warning_views,
)
from mps_pain.tables.schema import Severity

__all__ = [
    "CheckView",
    "MethadoneRowView",
    "PlanView",
    "breakthrough_sentence",
    "check_view",
    "plan_view",
    "regimen_sentence",
]


def regimen_sentence(regimen: PlannedRegimen) -> str:
    """The new regimen in one line: the domain's ``regimen_text``, which the planner also writes
    into the schedule, so the schedule and every renderer name the regimen in the same words."""
    return regimen_text(regimen)


def breakthrough_sentence(breakthrough: Breakthrough) -> str:
    """``morphine oral oral solution 5 mg q1h as needed``; a missing dose points to the note."""
    dose = amount_text(breakthrough.dose) if breakthrough.dose else "dose: see note"
    parts = (breakthrough.drug, breakthrough.route, form_text(breakthrough.form), dose)
    return " ".join(p for p in parts if p) + f" {breakthrough.frequency}"


def dose_range_text(dose: DoseRange) -> str:
    return f"{quantity(dose.value, dose.unit)} (range {number(dose.low)}–{number(dose.high)})"


@dataclass(frozen=True, slots=True)
class MethadoneRowView:
    method: str
    name: str
    daily: str
    per_dose: str
    frequency: str
    flags: str
    note: str | None
    citation: str


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
    reduction: str
    facts: tuple[Fact, ...]
    steps: tuple[str, ...]
    schedule: tuple[Fact, ...]
    methadone: tuple[MethadoneRowView, ...]
    spread: tuple[SpreadRowView, ...]
    warnings: tuple[WarningView, ...]
    monitoring: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckView:
    """The pharmacist check: ``verdict_sentence`` says what the verdict means for the patient."""

    verdict: str
    verdict_label: str
    verdict_sentence: str
    severity: SeverityStyle
    heading: str
    current: str
    proposed: str
    expected: str
    reduction: str
    reasons: tuple[str, ...]
    warnings: tuple[WarningView, ...]

    @property
    def numbers(self) -> str:
        """One line with every number of the check."""
        return (
            f"Current {self.current}; proposed {self.proposed}; expected {self.expected} "
            f"(reduction {self.reduction}) under {self.heading}."
        )


_VERDICTS: dict[str, tuple[str, Severity]] = {
    "within": ("Within the expected range", "info"),
    "below": ("BELOW the expected range — risk of uncontrolled pain or withdrawal", "caution"),
    "above": ("DANGER: ABOVE the expected range — risk of overdose", "danger"),
}


def _methadone(option: MethadoneOption) -> MethadoneRowView:
    flags = (" [near band edge]" if option.near_edge else "") + (
        " [capped]" if option.capped else ""
    )
    return MethadoneRowView(
        method=option.method,
        name=option.name,
        daily=amount_text(option.daily_dose),
        per_dose=amount_text(option.per_dose),
        frequency=option.frequency,
        flags=flags.strip(),
        note=option.note,
        citation=option.source,
    )


def _spread(row: SpreadRow, current: str) -> SpreadRowView:
    if row.target_daily_dose is None:
        text = f"not covered ({row.missing})" if row.missing else "not covered"
        value = None
    else:
        text, value = amount_text(row.target_daily_dose), row.target_daily_dose.value
        if row.rounded is not None:  # issue #8 class 6: each set's rounded dose
            text += f" → {amount_text(row.rounded)}"
    basis = ABSENT if row.ome_per_day is None else number(row.ome_per_day)
    return SpreadRowView(
        row.table, row.name, value, text, "", current=row.table == current, basis=basis
    )


def _facts(plan: RotationPlan, regimen: str, breakthrough: str | None) -> tuple[Fact, ...]:
    facts = [
        Fact("Reference set", f"{plan.table_name} (tables v{plan.table.version})"),
        Fact("Kind of switch", plan.switch),  # issue #8: classify_switch, as the check uses it
        Fact("Current total", quantity(plan.ome_per_day, "OME/day")),
        Fact("Equianalgesic daily dose", dose_range_text(plan.equianalgesic_daily_dose)),
        Fact(
            "Reduction for incomplete cross-tolerance",
            cited(
                f"{percent_text(plan.reduction)} — {plan.reduction_reason}", plan.reduction_source
            ),
        ),
        Fact("Target daily dose", amount_text(plan.target_daily_dose)),
    ]
    if plan.rounded_daily_dose is not None:
        loss = plan.rounding_loss_percent
        suffix = f" (rounding loss {number(loss)}%)" if loss is not None else ""
        facts.append(Fact("Rounded to strengths", amount_text(plan.rounded_daily_dose) + suffix))
    facts.append(Fact("New regimen", regimen))
    facts.append(Fact("Breakthrough dose", breakthrough or "none"))
    return tuple(facts)


def plan_view(plan: RotationPlan) -> PlanView:
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
        breakthrough_note=None if plan.breakthrough is None else plan.breakthrough.note,
        reduction=percent_text(plan.reduction),
        facts=_facts(plan, shown, breakthrough),
        steps=tuple(_named(plan, step) for step in plan.steps),
        schedule=tuple(Fact(entry.when, _named(plan, entry.action)) for entry in plan.schedule),
        methadone=tuple(_methadone(option) for option in plan.methadone_options),
        spread=tuple(_spread(row, plan.table.id) for row in plan.spread),
        warnings=tuple(
            replace(w, message=_named(plan, w.message)) for w in warning_views(plan.warnings)
        ),
        monitoring=tuple(plan.monitoring),
    )


def _named(plan: RotationPlan, text: str) -> str:
    """A step or message as a clinician reads it: the plan's set by its name, not its id."""
    return (plain_source(text) or "").replace(plan.table.id, plan.table_name)


def check_view(result: CheckResult) -> CheckView:
    low, high = number(result.expected_low), number(result.expected_high)
    sentence, severity = _VERDICTS[result.verdict]
    reduction = f"{number(result.reduction_low * 100)}–{number(result.reduction_high * 100)}%"
    return CheckView(
        verdict=result.verdict,
        verdict_label=result.verdict.upper(),
        verdict_sentence=sentence,
        severity=severity_style(severity),
        heading=f"table {result.table.id}, v{result.table.version}",
        current=quantity(result.current_ome_per_day, "OME/day"),
        proposed=quantity(result.proposed_ome_per_day, result.unit),
        expected=f"{low}–{high} {result.unit}",
        reduction=reduction,
        reasons=tuple(result.reasons),
        warnings=tuple(warning_views(result.warnings)),
    )
