"""A regimen's orders and a saved question in words, written once for every output: the saved
plan and check viewers, the check's PDF ("fentanyl transdermal patch 25 mcg/h", "oxycodone oral
ER 20 mg q12h", "morphine oral IR 5 mg as needed, 3 doses in 24 h").

A stored question (``RotationRequest`` or ``CheckRequest``) reads as "From", "To" or "Proposed",
the set by its name and the patient's context: never as its JSON keys (clinician review 4).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from mps_pain.domain.form_words import product_label
from mps_pain.domain.regimen import Patient, RegimenItem
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest, TargetSpec
from mps_pain.domain.rotation.shape import INFUSION_ROUTE_WORDS, infusion_words
from mps_pain.numbers import dose_text
from mps_pain.plural import counted
from mps_pain.presentation.spoken import as_spoken, in_words_of
from mps_pain.presentation.staged_words import (
    changed_words,
    first_then,
    hours_after,
    kept_then,
)
from mps_pain.presentation.wording import Fact, percent_text, quantity
from mps_pain.unit_kinds import mass_per_day_unit, mass_per_hour_unit
from mps_pain.units import UnitParseError, scale, tidy

__all__ = [
    "COPY_CURRENT_STEP",
    "CURRENT_ORDERS",
    "KEPT_MARK",
    "LEFT_OUT_MARK",
    "PROPOSED_ORDERS",
    "RESCUE_MARK",
    "AskedView",
    "ReplaceQuestion",
    "asked_view",
    "check_title",
    "order_line",
    "order_lines",
    "proposed_order_lines",
    "question_line",
    "replace_proposed_question",
    "target_line",
]

# the headings of a check's two regimens, in the panel, the PDF and the command line's text
CURRENT_ORDERS = "Current regimen"
#: an as-needed line the check's current total leaves out (the as-needed choice "exclude")
LEFT_OUT_MARK = "NOT COUNTED in the current total (as-needed doses excluded)"
#: a line kept until it stops after a new patch goes on, which the total leaves out (21, N1)
KEPT_MARK = "not in the current total, which is the regimen once this line stops"
#: a proposal's breakthrough order, not summed into the proposed amount (check_rescues)
RESCUE_MARK = "breakthrough order: not summed into the proposed amount"
PROPOSED_ORDERS = "Proposed order"

# the undo step of "Start from the current regimen" (Edit → Undo names it)
COPY_CURRENT_STEP = "Start from the current regimen"


@dataclass(frozen=True, slots=True)
class ReplaceQuestion:
    """The question before the current regimen replaces a typed proposed order (clinician
    re-check 12b, #4): ``replace`` is the default answer (Enter), ``keep`` the Esc answer."""

    title: str
    text: str
    replace: str
    keep: str


def replace_proposed_question(rows: int) -> ReplaceQuestion:
    typed = "1 typed row" if rows == 1 else f"{rows} typed rows"
    return ReplaceQuestion(
        "Replace the proposed order?",
        f"The proposed order holds {typed}. Replace the proposed order with the current "
        "regimen? Edit → Undo (Ctrl+Z) on this tab brings the typed rows back.",
        "&Replace",
        "&Keep the typed order",
    )


# transdermal opioids are patches: the order says so when the form is not given
_PATCH_ROUTES = ("transdermal",)


def _name(drug: str, route: str, form: str | None) -> str:
    """The product as typed, in the words of the check's market (``as_spoken``)."""
    drug, form = as_spoken(drug, form)
    name = product_label(drug, route, form)
    if route in _PATCH_ROUTES and not form:
        name += " patch"
    return name


def order_line(item: RegimenItem, *, rescue: bool = False, proposed: bool = False) -> str:
    """One order as a prescriber writes it: the product, then the rate, the dose and its
    frequency, or the daily total, each with the concentration a volume is given at; an
    as-needed line says so, with the doses taken. Every field that says how much the patient
    receives is in the line (clinician review 6: an infusion printed without its mg/mL).
    ``rescue``: a proposed breakthrough order, whose count is the use expected, not an intake
    (clinician review 16, #2). ``proposed``: a line of a proposal, an order: a zero count is not
    written (clinician review 17, #4: "as needed, 0 doses in 24 h" read as an order for none).
    A row that carries a plan's staged start gives its first part first, a row whose dose was
    changed after Apply says it has no plan timing (``staged_words``)."""
    line = _one_order(item, rescue=rescue, proposed=proposed)
    if item.changed_from_plan:
        line = f"{line} {changed_words(item.changed_from_plan)}"
    if item.stops_after is not None:  # a line a plan keeps until it stops (review 21, N1)
        return kept_then(line, item.stops_after.hours)
    staged = item.first_part
    if staged is None:
        return line
    amounts = staged.first_amounts
    first = item.model_copy(update={"first_part": None, "rate": None, "dose": None, **amounts})
    before = _one_order(first, rescue=rescue, proposed=proposed) if amounts else None
    return first_then(before, hours_after(staged.full_from_hours), line)


def _one_order(item: RegimenItem, *, rescue: bool, proposed: bool) -> str:
    """One order by its own fields (``order_line`` without a staged start)."""
    parts = [_name(item.drug, item.route, item.form)]
    if item.product is not None:
        parts.append(f"({item.product})")
    if (infusion := _infusion(item)) is not None:
        parts.append(infusion)
    for amount in (item.rate if infusion is None else None, item.dose, item.daily_dose):
        if amount is not None:
            said = dose_text if amount is item.dose else quantity  # a dose: its one rule
            parts.append(said(amount.value, amount.unit) + _at(item))
    if item.dose is not None and item.frequency is not None:
        parts.append(item.frequency.label)
    if item.prn:
        parts.append("as needed" + _as_needed_count(item.doses_per_day, rescue, proposed))
    return " ".join(parts)


def _infusion(item: RegimenItem) -> str | None:
    """A rate on a parenteral route, as the plan says an infusion (``shape.infusion_words``):
    "20 mg over 24 h by syringe driver (0.83 mg/h)" (clinician re-check 17b #9: the signable
    check read "20 mg/day", which a nurse could read as one injection); None: another route, or
    a volume rate (its concentration beside it, as typed)."""
    rate = item.rate
    if rate is None or item.route not in INFUSION_ROUTE_WORDS or item.concentration is not None:
        return None
    try:
        hourly, daily = mass_per_hour_unit(rate.unit), mass_per_day_unit(rate.unit)
        per_hour = Amount(value=rate.value * scale(rate.unit, hourly), unit=hourly)
        per_day = Amount(value=tidy(rate.value * scale(rate.unit, daily)), unit=daily)
    except UnitParseError:
        return None
    return infusion_words(item.route, per_hour, per_day)


def _as_needed_count(taken: float | str | None, rescue: bool, proposed: bool) -> str:
    """The doses taken, or a breakthrough order's count: the use expected, never summed; no
    count where it is no part of the order: a breakthrough order's zero or unreported count, a
    proposed line's zero (clinician review 17, #4)."""
    if rescue and isinstance(taken, float | int) and taken > 0:
        return f", about {counted(taken, 'dose')} a day expected"
    if rescue or (proposed and isinstance(taken, float | int) and taken == 0):
        return ""
    return _doses_taken(taken)


def _at(item: RegimenItem) -> str:
    """`` × 1 mg/mL`` for an amount given as a volume, else nothing."""
    if item.concentration is None:
        return ""
    return f" × {quantity(item.concentration.value, item.concentration.unit)}"


def _doses_taken(taken: float | str | None) -> str:
    """A number of doses in 24 h, or the words the line was written with ('not reported': an
    open-ended as-needed order, which ``check`` calls a danger for methadone)."""
    if taken is None:
        return ""
    if isinstance(taken, str):
        return f", doses in 24 h {taken}"
    return f", {counted(taken, 'dose')} in 24 h"


def order_lines(
    items: Sequence[RegimenItem],
    left_out: Collection[int] = (),
    mark: str = LEFT_OUT_MARK,
    *,
    market: str | None = None,
) -> tuple[str, ...]:
    """A regimen's orders, one line each, in its order: what the check panel, the check's PDF
    and ``mps-pain check`` print for the current and the proposed regimen. A line the total
    leaves out (``left_out``: its index; the check's ``current_left_out``, or its
    ``proposed_rescues`` with ``RESCUE_MARK``) is marked so. ``market``: the check's
    (``CheckResult.market``), whose words the orders are written in (none: as typed)."""
    rescue = mark == RESCUE_MARK
    with in_words_of(market):
        return tuple(
            f"{order_line(item, rescue=rescue)} — {_mark(item, mark)}"
            if index in left_out
            else order_line(item, proposed=rescue)
            for index, item in enumerate(items)
        )


def _mark(item: RegimenItem, mark: str) -> str:
    """Why a current line is left out: kept until it stops (``stops_after``), else ``mark``."""
    return KEPT_MARK if item.stops_after is not None and mark == LEFT_OUT_MARK else mark


def proposed_order_lines(
    items: Sequence[RegimenItem], result: CheckResult | None
) -> tuple[str, ...]:
    """The proposed orders, each breakthrough order the check did not sum marked."""
    rescues = result.proposed_rescues if result else ()
    return order_lines(items, rescues, RESCUE_MARK, market=result.market if result else None)


def target_line(target: TargetSpec) -> str:
    """What the switch was asked to: ``morphine oral ER q12h``, ``fentanyl transdermal patch``,
    ``morphine sc continuous``."""
    parts = [_name(target.drug, target.route, target.form)]
    if target.frequency is not None:
        parts.append(str(target.frequency))
    elif target.continuous:
        parts.append("continuous")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class AskedView:
    """A saved question in words: the current orders, the target (a plan) or the proposed
    orders (a check), and the other choices as labelled lines."""

    current: tuple[str, ...]
    target: str | None
    proposed: tuple[str, ...]
    facts: tuple[Fact, ...]


def _patient_words(patient: Patient) -> str:
    said = []
    if patient.identifier:
        said.append(patient.identifier)
    if patient.age is not None:
        said.append(f"age {patient.age:g}")
    if patient.cancer_or_palliative:
        said.append("cancer or palliative care")
    if patient.opioid_tolerant is not None:
        said.append("opioid tolerant" if patient.opioid_tolerant else "opioid naive")
    for label, value in (("eGFR", patient.egfr), ("CrCl", patient.creatinine_clearance)):
        if value is not None:
            said.append(f"{label} {quantity(value.value, value.unit)}")
    if patient.hepatic_impairment:
        said.append(f"hepatic impairment {patient.hepatic_impairment}")
    if patient.frail:
        said.append("frail")
    return ", ".join(said)


def asked_view(
    request: RotationRequest | CheckRequest, set_name: Callable[[str], str]
) -> AskedView:
    """The question a plan or check answered, in words (its market's: ``in_words_of``);
    ``set_name`` names a set by its id."""
    with in_words_of(request.market):
        return _asked_view(request, set_name)


def _asked_view(
    request: RotationRequest | CheckRequest, set_name: Callable[[str], str]
) -> AskedView:
    facts = []
    if request.table:
        facts.append(Fact("Reference set", set_name(request.table)))
    if isinstance(request, RotationRequest) and request.reduction is not None:
        facts.append(Fact("Reduction asked", percent_text(request.reduction)))
    if request.from_.prn:
        facts.append(Fact("As-needed doses", f"{request.from_.prn}d"))
    if request.market:
        facts.append(Fact("Market", request.market))
    patient = _patient_words(request.patient)
    if patient:
        facts.append(Fact("Patient", patient))
    market = request.market
    current = order_lines(request.from_.items, market=market)
    if isinstance(request, RotationRequest):
        return AskedView(current, target_line(request.to), (), tuple(facts))
    proposed = order_lines(request.proposed.items, (), RESCUE_MARK, market=market)  # no "0 doses"
    return AskedView(current, None, proposed, tuple(facts))


def _orders_in_brief(items: Sequence[RegimenItem], market: str | None, shown: int = 2) -> str:
    """The first ``shown`` orders joined by "+", and how many more there are, in ``market``'s
    words (the request's)."""
    lines = order_lines(items, market=market)
    more = len(lines) - shown
    return " + ".join(lines[:shown]) + (f" + {more} more" if more > 0 else "")


def question_line(request: RotationRequest | CheckRequest, planned: str | None = None) -> str:
    """A saved plan or check in one line, by what it asked: the current orders → the target (a
    plan; ``planned``, the regimen it gave, when known) or the proposed orders (a check), e.g.
    ``oxycodone oral ER 80 mg/day → morphine oral ER 150 mg q12h`` (the records' list of saved
    work; clinician review 5; review 7 #9: "→ fentanyl transdermal patch" lacked 25 mcg/h)."""
    market = request.market
    current = _orders_in_brief(request.from_.items, market) or "no current orders"
    if isinstance(request, RotationRequest):
        with in_words_of(market):
            return f"{current} → {planned or target_line(request.to)}"
    return f"{current} → {_orders_in_brief(request.proposed.items, market, shown=3)}"


def check_title(request: CheckRequest | None) -> str:
    """A saved check's title, by the order it checked: ``Check of morphine oral ER 30 mg q12h``
    (clinician review 16, #11: every check was saved as "Pharmacist check")."""
    orders = "" if request is None else _orders_in_brief(request.proposed.items, request.market)
    return f"Check of {orders}" if orders else "Pharmacist check"
