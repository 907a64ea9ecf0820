"""The sentences and quantities every output shares, each written once.

A quantity reads ``"12.5 mcg/h"`` (``mps_pain.units.format_number``: up to four figures, no
exponent); an absent one reads ``"—"``. The regimen sentence is the domain's
(``shape.regimen_text``, which the planner also writes into the schedule), so the plan, the
schedule and every renderer name the new regimen in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mps_pain.domain.results import Amount, ClinicalWarning
from mps_pain.domain.rotation.models import Breakthrough, DoseRange, PlannedRegimen
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.presentation.severity import SeverityStyle, severity_style
from mps_pain.tables.index import TableRef
from mps_pain.units import format_number

__all__ = [
    "ABSENT",
    "Fact",
    "WarningView",
    "amount_text",
    "breakthrough_sentence",
    "cited",
    "dose_range_text",
    "form_text",
    "number",
    "percent_text",
    "prn_text",
    "quantity",
    "regimen_sentence",
    "table_heading",
    "warning_views",
]

ABSENT = "—"


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line of a summary: ``Target daily dose`` → ``12 mg/day``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class WarningView:
    severity: SeverityStyle
    message: str
    citation: str | None
    code: str
    item: int | None


def number(value: float) -> str:
    return format_number(value)


def quantity(value: float, unit: str) -> str:
    return f"{format_number(value)} {unit}"


def amount_text(amount: Amount | None) -> str:
    return ABSENT if amount is None else quantity(amount.value, amount.unit)


def percent_text(fraction: float) -> str:
    return f"{format_number(fraction * 100)}%"


def dose_range_text(dose: DoseRange) -> str:
    return (
        f"{quantity(dose.value, dose.unit)} (range {format_number(dose.low)}–"
        f"{format_number(dose.high)})"
    )


def form_text(form: str | None) -> str:
    """A catalogue form id as words (``oral_solution`` → ``oral solution``)."""
    return "" if not form else form.replace("_", " ")


def cited(text: str, citation: str | None) -> str:
    return f"{text} [{citation}]" if citation else text


def regimen_sentence(regimen: PlannedRegimen) -> str:
    """The new regimen in one line, as the schedule names it."""
    return regimen_text(regimen)


def breakthrough_sentence(breakthrough: Breakthrough) -> str:
    """``morphine oral oral solution 5 mg q1h as needed``; a missing dose points to the note."""
    dose = amount_text(breakthrough.dose) if breakthrough.dose else "dose: see note"
    parts = (breakthrough.drug, breakthrough.route, form_text(breakthrough.form), dose)
    return " ".join(p for p in parts if p) + f" {breakthrough.frequency}"


def prn_text(prn: str, stated: bool) -> str:
    """``As-needed doses: included`` (``(default; not stated)`` when the input was silent)."""
    return f"As-needed doses: {prn}d" + ("" if stated else " (default; not stated)")


def table_heading(table: TableRef, name: str) -> str:
    """``FPM 2021 (fpm-2021; tables v3, sha256 0123456789ab…)``: the set and the exact tables."""
    return f"{name} ({table.id}; tables v{table.version}, sha256 {table.sha256[:12]}…)"


def warning_views(warnings: Iterable[ClinicalWarning]) -> list[WarningView]:
    """The warnings in the domain's order (danger first), each with its style and citation."""
    return [
        WarningView(severity_style(w.severity), w.message, w.source, w.code, w.item)
        for w in warnings
    ]
