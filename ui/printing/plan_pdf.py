"""The printable plan: one HTML document painted page by page onto a PDF writer or a printer.

Every page carries a footer telling the reader to verify before use, with the page number.
The content is the current regimen with its MME lines, the switching plan when one exists, the
warnings, and signature lines for the prescriber and the checking pharmacist.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from mps_pain.presentation.mme import item_name, mme_view
from mps_pain.presentation.rotation import plan_view
from mps_pain.presentation.wording import Fact, WarningView
from ui.printing.identity import plan_identity

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenDocument
    from mps_pain.domain.results import MmeResult
    from mps_pain.domain.rotation.models import RotationPlan
    from mps_pain.domain.rotation.requests import RotationRequest
    from mps_pain.tables.index import TableIndex

__all__ = [
    "PAGE_SIZES",
    "PlanContent",
    "paint_plan",
    "plan_html",
    "write_html_pdf",
    "write_plan_pdf",
]

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
VERIFY_TEXT = (
    "VERIFY BEFORE USE: estimates from cited tables; check every dose against the sources, the "
    "product label and the patient before prescribing or giving it."
)


@dataclass(frozen=True)
class PlanContent:
    """What the printed plan shows: typed results, never a dumped mapping."""

    document: RegimenDocument
    result: MmeResult | None
    tables: TableIndex
    app_version: str
    warnings: Sequence[WarningView] = ()
    excluded_rows: Sequence[str] = ()
    plan: RotationPlan | None = None
    plan_request: RotationRequest | None = None
    created: _dt.datetime = field(default_factory=lambda: _dt.datetime.now().astimezone())


def _cell(text: object, *, bold: bool = False) -> str:
    content = escape(str(text))
    return f"<td>{'<b>' + content + '</b>' if bold else content}</td>"


def _patient_rows(document: RegimenDocument) -> str:
    patient = document.patient
    labels = (
        ("Patient", patient.identifier),
        ("Age", f"{patient.age:g} years" if patient.age is not None else None),
        ("Weight", patient.weight),
        ("eGFR", patient.egfr),
        ("CrCl", patient.creatinine_clearance),
        ("Hepatic impairment", patient.hepatic_impairment),
        (
            "Opioid tolerant",
            ("yes" if patient.opioid_tolerant else "no")
            if patient.opioid_tolerant is not None
            else None,
        ),
        ("QTc", patient.qtc),
    )
    cells = [
        f"<td><b>{escape(k)}:</b> {escape(str(v)) if v is not None else '—'}</td>"
        for k, v in labels
    ]
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    return "".join(f"<tr>{''.join(r)}</tr>" for r in rows)


def _warnings_table(warnings: Sequence[WarningView]) -> list[str]:
    out = [
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th>Severity</th><th>Message</th><th>Source</th></tr>"
    ]
    out += [
        f"<tr>{_cell(w.severity.label, bold=w.severity.is_alarm)}{_cell(w.message)}"
        f"{_cell(w.citation or '')}</tr>"
        for w in warnings
    ]
    out.append("</table>")
    return out


def _regimen_section(content: PlanContent) -> list[str]:
    result = content.result
    out = ["<h2>Current regimen</h2>"]
    if result is None:
        out.append("<p>No total could be computed.</p>")
        return out
    view = mme_view(result)
    out.append(
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th>#</th><th>Drug / route / form</th><th>Daily amount</th>"
        f"<th>Factor</th><th>{escape(view.unit_label)}</th></tr>"
    )
    out += [
        f"<tr>{_cell(r.number)}{_cell(r.name)}{_cell(r.daily_amount)}{_cell(r.factor)}"
        f"{_cell(r.mme)}</tr>"
        for r in view.rows
    ]
    out.append(
        f"<tr><td></td><td colspan='3'><b>Total ({escape(view.set_name)})</b></td>"
        f"{_cell(view.total_text, bold=True)}"
        "</tr></table>"
    )
    out.append(f"<p>{escape(view.prn)}.</p>")
    if content.excluded_rows:
        out.append(
            "<p><b>Left out of the total:</b> " + escape("; ".join(content.excluded_rows)) + "</p>"
        )
    out.append("<h3>Worked arithmetic</h3><ol>")
    out += [f"<li>{escape(r.explanation)}</li>" for r in view.rows]
    out.append("</ol>")
    return out


def _plan_section(plan: RotationPlan, request: RotationRequest | None) -> list[str]:
    view = plan_view(plan)
    facts = list(view.facts)
    if request is not None:
        target = request.to
        facts.insert(0, Fact("Switch to", item_name(target.drug, target.route, target.form)))
    out = ["<h2>Switching plan</h2>", "<table cellspacing='0' cellpadding='3' width='100%'>"]
    out += [
        f"<tr><td width='35%'><b>{escape(f.label)}</b></td>{_cell(f.value)}</tr>" for f in facts
    ]
    out.append("</table>")
    out.append("<h3>Steps (each with its arithmetic and source)</h3>")
    out += [
        f"<p style='margin-left: 12px; margin-top: 0; margin-bottom: 2px'>{escape(step)}</p>"
        for step in view.steps
    ]
    out.append(
        "<h3>Transition schedule</h3>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<tr><th>When</th><th>Action</th></tr>"
    )
    out += [f"<tr>{_cell(s.label)}{_cell(s.value)}</tr>" for s in view.schedule]
    out.append("</table>")
    if view.monitoring:
        out.append("<h3>Monitoring</h3><ul>")
        out += [f"<li>{escape(m)}</li>" for m in view.monitoring]
        out.append("</ul>")
    return out


def _warnings_section(content: PlanContent) -> list[str]:
    """One warning list: the switch's (as the planner shows them) and the current regimen's (as
    the main window shows them). "None" only when both are empty."""
    switch = plan_view(content.plan).warnings if content.plan is not None else ()
    out = ["<h2>Warnings</h2>"]
    if not switch and not content.warnings:
        out.append("<p>No warnings about the regimen or the switch.</p>")
        return out
    if switch:
        out.append("<h3>About the switch</h3>")
        out += _warnings_table(switch)
    out.append("<h3>About the current regimen</h3>")
    if content.warnings:
        out += _warnings_table(content.warnings)
    else:
        out.append("<p>No warnings about the current regimen itself.</p>")
    return out


def _set_name(content: PlanContent) -> str:
    if content.result is not None:
        return mme_view(content.result).set_name
    chosen = content.document.table
    if chosen is None:
        return "—"
    from mps_pain.errors import MpsPainError

    try:
        return content.tables.reference_set(chosen, location=None).name
    except MpsPainError:
        return chosen  # an unknown set is named as written


def _modified_tables(content: PlanContent) -> str:
    """A loud line when the tables are not the shipped ones (docs/reliability.md)."""
    modified = content.result.table.modified_path if content.result is not None else None
    modified = modified or content.tables.modified_path
    if not modified:
        return ""
    return (
        "<p style='color: #b00000'><b>MODIFIED TABLES: "
        f"{escape(modified)}</b> (not the shipped, reviewed tables)</p>"
    )


def plan_html(content: PlanContent) -> str:
    document, tables = content.document, content.tables
    set_name = _set_name(content)
    title = escape(document.title or "Opioid regimen")
    out = [
        "<html><body>",
        f"<h1>{title}</h1>",
        "<table cellspacing='0' cellpadding='3' width='100%'>",
        _patient_rows(document),
        "</table>",
        "<p>"
        f"<b>Date:</b> {content.created.strftime('%Y-%m-%d %H:%M %Z')} &nbsp; "
        f"<b>Program:</b> MPS Pain {escape(content.app_version)}<br/>"
        f"<b>Reference set:</b> {escape(set_name)} &nbsp; <b>Tables version:</b> "
        f"{escape(tables.version)}<br/><b>Tables SHA-256:</b> {escape(tables.sha256)}</p>",
        _modified_tables(content),
    ]
    out += _regimen_section(content)
    if content.plan is not None:
        out += _plan_section(content.plan, content.plan_request)
    out += _warnings_section(content)
    if document.note:
        out.append(f"<p><b>Note:</b> {escape(document.note)}</p>")
    out.append("<h2>Signatures</h2><table cellspacing='0' cellpadding='8' width='100%'><tr>")
    cells = [
        "<b>Prescriber</b><br/><br/>Name: ____________________<br/><br/>"
        "Signature: ________________<br/><br/>Date: ___________",
        "<b>Checking pharmacist</b><br/><br/>Name: ____________________<br/><br/>"
        "Signature: ________________<br/><br/>Date: ___________",
    ]
    out += [f"<td width='50%'>{cell}</td>" for cell in cells]
    out.append("</tr>")
    out.append("</table></body></html>")
    return "".join(out)


_HEADING = re.compile(r"<h([1-6])>")


def _stranded_heading(document: QTextDocument, page_height: float) -> int | None:
    """The number (in document order) of the first heading whose following text starts on a
    later page than the heading itself, or None."""
    layout = document.documentLayout()
    number = -1
    block = document.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().headingLevel():
            number += 1
            if following.isValid():
                here = layout.blockBoundingRect(block)
                there = layout.blockBoundingRect(following)
                first_lines = there.top() + min(there.height(), 2.5 * here.height())
                if int(here.top() // page_height) != int(first_lines // page_height):
                    return number
        block = following
    return None


def keep_headings_with_text(document: QTextDocument, html: str, page_height: float) -> None:
    """Never leave a heading alone at the foot of a page: such a heading starts the next page
    (a page break before it). Repeats until the layout settles, since each move pushes what
    follows down. The HTML is re-read each time, so the layout is always a fresh one."""
    moved: set[int] = set()
    for _ in range(20):
        stranded = _stranded_heading(document, page_height)
        if stranded is None or stranded in moved:
            return
        moved.add(stranded)
        document.setHtml(_with_breaks_before(html, moved))


def _with_breaks_before(html: str, headings: set[int]) -> str:
    """``html`` with a page break before the given headings (numbered in document order)."""
    count = iter(range(1_000_000))

    def mark(match: re.Match[str]) -> str:
        if next(count) in headings:
            return f"<h{match.group(1)} style='page-break-before: always'>"
        return match.group(0)

    return _HEADING.sub(mark, html)


def paint_plan(device: QPagedPaintDevice, html: str, footer: str) -> int:
    """Lay ``html`` out on the device's pages with the footer on each; returns the page count."""
    resolution = device.resolution() if hasattr(device, "resolution") else device.logicalDpiY()
    page = device.pageLayout().paintRectPixels(resolution)
    width, height = float(page.width()), float(page.height())
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    base = QFont("DejaVu Sans")
    base.setPointSizeF(9.5)
    document.setDefaultFont(base)
    document.setDefaultStyleSheet(
        "h1 { font-size: 14pt; } h2 { font-size: 12pt; margin-top: 10px; } "
        "h3 { font-size: 10pt; margin-top: 8px; margin-bottom: 2px; } "
        "th { background-color: #e8e8e8; text-align: left; }"
    )
    document.setHtml(html)
    footer_font = QFont(base)
    footer_font.setPointSizeF(8)
    footer_height = resolution * 0.5
    body_height = height - footer_height
    document.setPageSize(QSizeF(width, body_height))
    keep_headings_with_text(document, html, body_height)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the PDF or printer could not be opened for writing")
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, -number * body_height)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, number * body_height, width, body_height)
            painter.setClipRect(context.clip)
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.drawLine(
                0,
                int(body_height + resolution * 0.08),
                int(width),
                int(body_height + resolution * 0.08),
            )
            painter.drawText(
                QRectF(0, body_height + resolution / 10, width, footer_height),
                Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                f"{footer}  Page {number + 1} of {pages}.",
            )
    finally:
        painter.end()
    return pages


def write_html_pdf(
    path: Path, html: str, *, title: str, app_version: str, page_size: str, identity: str
) -> int:
    """Paint ``html`` to a PDF at ``path`` (A4 or Letter) with the patient's identity line and the
    verify-before-use footer on every page; returns the number of pages. Every printed document
    goes through here."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator(f"MPS Pain {app_version}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    pages = paint_plan(writer, html, f"{identity} {VERIFY_TEXT}")
    del writer  # flushes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF was not written to {path}")
    return pages


def write_plan_pdf(path: Path, content: PlanContent, *, page_size: str = "A4") -> int:
    """Write the plan to ``path`` (A4 or Letter); returns the number of pages."""
    title = content.document.title or "Opioid regimen"
    return write_html_pdf(
        path,
        plan_html(content),
        title=title,
        app_version=content.app_version,
        page_size=page_size,
        identity=plan_identity(content),
    )
