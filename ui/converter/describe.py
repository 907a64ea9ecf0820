"""The quick converter's question and its one-line answer (no Qt; all numbers from the plan)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mps_pain.domain.form_words import product_label
from mps_pain.domain.rotation.requests import CONTINUOUS_ROUTES
from mps_pain.domain.rotation.shape import infusion_words
from mps_pain.domain.typed_amount import amount_row
from mps_pain.numbers import dose_text
from mps_pain.presentation.interval_words import interval_not_kept
from mps_pain.presentation.rotation import (
    PlanView,
    change_words,
    plan_view,
    reduction_summary,
)
from mps_pain.presentation.wording import amount_text, percent_figure, percent_text, span_text
from mps_pain.units import Dimension, UnitParseError, parse_quantity
from ui.frequency_words import converter_as_needed_words
from ui.plain_language import form_words
from ui.planner.plan_view import spread_table_html

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan
    from ui.session import EditorSession

__all__ = [
    "ConversionQuestion",
    "ShownConversion",
    "conversion_title",
    "describe_plan",
]


@dataclass(frozen=True, slots=True)
class ConversionQuestion:
    """What the converter asks: one current opioid, one target."""

    from_drug: str
    from_route: str
    amount: str
    from_frequency: str
    to_drug: str
    to_route: str
    to_frequency: str

    def problem(self) -> str | None:
        if not self.amount:
            return "Enter the current amount, e.g. 60 mg/day, or 30 mg with a frequency."
        as_needed = self._as_needed()
        if as_needed is not None:
            return as_needed
        if not (self.from_drug and self.from_route and self.to_drug and self.to_route):
            return "Choose both drugs and routes."
        if self._dimension() is Dimension.MASS and not self.from_frequency:
            return (
                f"{self.amount}: per dose or per day? Enter the Frequency (e.g. q12h), "
                "or type the amount per day (e.g. 60 mg/day)."
            )
        return None

    def _as_needed(self) -> str | None:
        """As-needed words in a field, in the converter's words (it has no PRN box)."""
        typed = (
            ("From", "from", "amount", self.amount),
            ("From", "from", "frequency", self.from_frequency),
            ("To", "to", "frequency", self.to_frequency),
        )
        for side_label, side, field, text in typed:
            words = converter_as_needed_words(side, field, text)
            if words is not None:
                return f"{side_label} — {words}"
        return None

    def _dimension(self) -> Dimension | None:
        try:
            return parse_quantity(self.amount).dimension
        except (UnitParseError, ValueError):
            return None

    def from_item(self) -> dict[str, Any]:
        """The current opioid as the regimen row the command line reads from the same fields
        (``amount_row``): the amount in the field its unit names, the frequency always kept, so
        an amount per day with a frequency is refused as ``mps-pain mme`` refuses it
        (clinician review 19, H1)."""
        return amount_row(self.from_drug, self.from_route, self.amount, self.from_frequency)

    def target(self) -> dict[str, Any]:
        target: dict[str, Any] = {"drug": self.to_drug, "route": self.to_route}
        if self.to_route == "transdermal":
            return target
        if self.to_frequency:
            target["frequency"] = self.to_frequency
        elif self.to_route in CONTINUOUS_ROUTES:
            target["continuous"] = True
        return target

    def request(self, table: str | None, session: EditorSession) -> dict[str, Any]:
        """The planner's request: the patient and market of the open regimen come along."""
        request: dict[str, Any] = {
            "from": {"items": [self.from_item()]},
            "to": self.target(),
        }
        if table:
            request["table"] = table
        state = session.state
        if state is not None:
            patient = state.document.patient.model_dump(mode="json", exclude_none=True)
            if patient:
                request["patient"] = patient
            if state.document.market:
                request["market"] = state.document.market
        return request


@dataclass(frozen=True, slots=True)
class ShownConversion:
    """``line`` is the answer then its working, one sentence each (``answer``, ``working_line``);
    ``working`` the planner's steps (the hover)."""

    answer: str
    working_line: str
    working: str
    alert: str
    notes: str
    spread: str
    spread_sources: str

    @property
    def line(self) -> str:
        return f"{self.answer} {self.working_line}"


#: info notes the one-line answer shows too: the form it took, the interval it changed
_NOTED_INFO = ("form-inferred", "rounding-other-interval")


def _regimen(plan: RotationPlan) -> str:
    """The dose to give, as a prescriber writes it: "fentanyl 25 mcg/h patch"."""
    regimen = plan.regimen
    if regimen.no_dose:
        return f"No dose ({regimen.no_dose})"
    if regimen.patches:
        patches = " + ".join(amount_text(p) for p in regimen.patches)
        return f"{regimen.drug} {patches} patch, {change_words(regimen.patch_change)}"
    name = product_label(regimen.drug, regimen.route, regimen.form, words_of=form_words)
    if regimen.rate is not None:  # the planner's one wording (clinician review 12, #3)
        return f"{name} {infusion_words(regimen.route, regimen.rate, regimen.detail.daily_dose)}"
    if regimen.dose is not None:
        dose = dose_text(regimen.dose.value, regimen.dose.unit)
        return f"{name} {dose} {regimen.frequency or ''}".strip()
    return f"{name} {amount_text(regimen.daily_dose)}"


def _asked(question: ConversionQuestion) -> str:
    frequency = f" {question.from_frequency}" if question.from_frequency else ""
    return f"{question.from_drug} {question.from_route} {question.amount}{frequency}"


def conversion_title(question: ConversionQuestion, plan: RotationPlan) -> str:
    """A saved conversion's whole, short title: "oxycodone oral 60 mg/day → fentanyl 25 mcg/h
    patch" (the records list it; the line with the working stays in the plan)."""
    return f"{_asked(question)} → {_regimen(plan)}"


def _breakthrough(plan: RotationPlan) -> str:
    bt = plan.breakthrough
    if bt is None or bt.dose is None:
        return "no breakthrough dose"
    dose = "" if bt.dose is None else dose_text(bt.dose.value, bt.dose.unit)
    return f"breakthrough {bt.drug} {bt.route} {dose} {bt.frequency}".strip()


def _spread(view: PlanView) -> str:
    """The same switch under every equianalgesic set: the planner's table (one kind of number
    per column, review 7 #4; sets by name, the chosen one in bold)."""
    return spread_table_html(view, "cellspacing='0'") if view.spread else ""


def describe_plan(plan: RotationPlan, question: ConversionQuestion) -> ShownConversion:
    """One line, the dose to give first: "Give fentanyl 25 mcg/h patch; breakthrough …",
    then the working (the equianalgesic dose and the reduction with its sourced range). Every
    word of the working, the warnings and the spread comes from the planner's view record
    (``plan_view``): sets by name, sources by title, ranges never with equal ends."""
    view = plan_view(plan)
    give = _regimen(plan)
    changed = interval_not_kept(plan, question.to_frequency)
    if changed is not None:  # never silently (clinician review 19, H1)
        give = f"{give} ({changed}: see the note below)"
    answer = f"{give if plan.regimen.no_dose else 'Give ' + give}; {_breakthrough(plan)}."
    working_line = (
        f"Working: from {_asked(question)}, equianalgesic "
        f"{view.equianalgesic}; "
        f"{reduction_summary(plan, cite=False)}."
    )
    alert = ""
    sourced = plan.reduction_range
    if plan.rounding_leaves_range and plan.effective_reduction is not None and sourced:
        span = span_text(percent_figure(sourced[0] * 100), percent_figure(sourced[1] * 100), "%")
        alert = (
            f"ALERT: rounding to the available strengths gives "
            f"{amount_text(plan.rounded_daily_dose)}, an effective reduction of "
            f"{percent_text(plan.effective_reduction)}, outside the sourced range {span}. "
            "Check the strengths or choose another form before prescribing."
        )
    notes = [
        f"{w.severity.label.upper()}: {w.message}"
        for w in view.warnings
        if w.severity.name != "info"
    ]
    notes += [f"Note: {w.message}" for w in view.warnings if w.code in _NOTED_INFO]
    working = "\n".join(view.steps)
    sources = f"Table v{plan.table.version} (sha256 {plan.table.sha256[:12]}…)\n{working}"
    return ShownConversion(
        answer, working_line, working, alert, "\n".join(notes), _spread(view), sources
    )
