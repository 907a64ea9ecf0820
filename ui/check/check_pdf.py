"""The pharmacist check on paper: verdict, numbers, reasons, warnings, table version and hash,
the two regimens compared, and signature lines (A4 or Letter, or a printer).

Each heading is printed in one table cell with the text that follows it, so the page layout
never leaves a heading alone at the foot of a page. Painting and the footer are the plan PDF's
(``ui.printing.pages``), and so are the provenance and signature lines
(``ui.printing.parts``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mps_pain.presentation.check import check_view, signed_for
from mps_pain.presentation.orders import (
    CURRENT_ORDERS,
    PROPOSED_ORDERS,
    order_lines,
    proposed_order_lines,
)
from mps_pain.presentation.patient_factors import FACTORS_HEADING, patient_factors_text
from mps_pain.presentation.set_names import table_names
from ui.printing.identity import page_identity
from ui.printing.pages import write_html_pdf
from ui.printing.parts import kept, provenance, signatures_part

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mps_pain.domain.regimen import Patient, RegimenItem
    from mps_pain.domain.rotation.check_result import CheckResult
    from mps_pain.presentation.check import CheckView
    from mps_pain.tables.index import TableIndex

__all__ = ["CheckContent", "check_html", "check_identity", "write_check_pdf"]


@dataclass(frozen=True)
class CheckContent:
    result: CheckResult
    current: Sequence[RegimenItem]
    proposed: Sequence[RegimenItem]
    patient: Patient
    tables: TableIndex
    app_version: str
    #: a line printed before the verdict (the order restored from the previous regimen)
    mark: str | None = None
    created: _dt.datetime = field(default_factory=lambda: _dt.datetime.now().astimezone())


def _flowing(heading: str, parts: Sequence[str], none: str) -> str:
    """A heading kept with its first part, then the other parts one table row each: a long list
    flows on from one page to the next between its parts (clinician re-check 19b, R13: the
    check's Warnings, kept in one block, were pushed whole to page 2, leaving two thirds of
    page 1 empty), never split inside one."""
    if not parts:
        return kept(heading, none)
    rows = "".join(f"<tr><td>{part}</td></tr>" for part in parts[1:])
    rest = f"<table width='100%' cellspacing='0' cellpadding='0'>{rows}</table>" if rows else ""
    return kept(heading, parts[0]) + rest


def _items(lines: Sequence[str]) -> str:
    """The orders as the presentation layer words them (``order_lines``): the same lines as
    the check panel and ``mps-pain check`` (review 5: the PDF had a wording of its own)."""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _signed_for(view: CheckView, content: CheckContent) -> str:
    """Patient, proposed order and verdict, kept on the signatures' page."""
    orders = proposed_order_lines(content.proposed, content.result)  # as listed above them
    facts = signed_for(view, content.patient.identifier, orders)
    lines = "<br/>".join(f"<b>{escape(f.label)}:</b> {escape(f.value)}" for f in facts)
    return f"<p>{lines}</p>"


def check_html(content: CheckContent) -> str:
    result = content.result
    ref = result.table
    set_name = content.tables.sets[ref.id].name if ref.id in content.tables.sets else ref.id
    view = check_view(content.result, table_names(content.tables))
    patient = content.patient.identifier or "—"
    signed = signatures_part(content.patient.identifier)
    warnings = [
        f"<ul><li><b>{escape(w.severity.label)}</b>: {escape(w.message)}"
        + (f" <i>({escape(w.citation)})</i>" if w.citation else "")
        + "</li></ul>"
        for w in view.warnings
    ]
    reasons = "<ul>" + "".join(f"<li>{escape(r)}</li>" for r in view.reasons) + "</ul>"
    return "".join(
        [
            "<html><body><h1>Pharmacist check of a proposed opioid order</h1>",
            f"<p><b>Patient:</b> {escape(patient)} &nbsp; "
            + provenance(content.created, content.app_version, set_name, ref.version, ref.sha256)
            + "</p>",
            # the factors the check used, as on screen (re-check 12b #6: no age was printed)
            kept(FACTORS_HEADING, f"<p>{escape(patient_factors_text(content.patient))}</p>"),
            kept(
                f"Verdict: {view.verdict_label}",
                (f"<p><b>{escape(content.mark)}</b></p>" if content.mark else "")
                + f"<p><b>{escape(view.verdict_sentence)}</b></p><p>Current: "
                f"{escape(view.current)}; proposed: {escape(view.proposed)}; expected after the "
                f"reduction for incomplete cross-tolerance ({escape(view.reduction)}): "
                f"{escape(view.expected)}.</p>",
            ),
            kept("Reasons", reasons),
            _flowing("Warnings", warnings, "<p>None.</p>"),
            kept(
                CURRENT_ORDERS,
                _items(
                    order_lines(
                        content.current,
                        content.result.current_left_out,
                        market=content.result.market,
                    )
                ),
            ),
            kept(PROPOSED_ORDERS, _items(proposed_order_lines(content.proposed, content.result))),
            kept(signed[0], _signed_for(view, content) + signed[1]),
            "</body></html>",
        ]
    )


def write_check_pdf(path: Path, content: CheckContent, *, page_size: str = "A4") -> int:
    """Write the check to ``path`` (A4 or Letter); returns the number of pages."""
    return write_html_pdf(
        path,
        check_html(content),
        title="Pharmacist check",
        app_version=content.app_version,
        page_size=page_size,
        identity=check_identity(content),
    )


def check_identity(content: CheckContent) -> str:
    return page_identity(content.patient, "pharmacist check", content.created)
