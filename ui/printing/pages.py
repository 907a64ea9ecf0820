"""Paper: an HTML document laid out page by page on a PDF writer or a printer.

Every printed document (the plan, the pharmacist check) goes through here, so every page carries
the same footer: the patient's identity line, the verify-before-use sentence and the page number.
A heading never stands alone at the foot of a page.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from ui.printing.table_rows import split_row, straddling_row

__all__ = [
    "PAGE_SIZES",
    "VERIFY_TEXT",
    "keep_headings_with_text",
    "laid_out",
    "paint_pages",
    "write_html_pdf",
]

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
VERIFY_TEXT = (
    "VERIFY BEFORE USE: estimates from cited tables; check every dose against the sources, the "
    "product label and the patient before prescribing or giving it."
)


_HEADING = re.compile(r"<h([1-6])( style='[^']*')?>")


def _stranded_heading(document: QTextDocument, page_height: float) -> int | None:
    """The number (in document order) of the heading to move to the next page, or None: the
    first heading whose following text starts on a later page than the heading itself. When
    headings follow one another ("Warnings", then "About the switch"), the first of the run is
    moved, so no heading is left alone on the page before; a run that already starts a page is
    never moved (the break would leave that page blank)."""
    layout = document.documentLayout()
    number = -1
    run: tuple[int, float] | None = None  # the first heading of the current run: number, top
    block = document.begin()
    while block.isValid():
        following = block.next()
        if not block.blockFormat().headingLevel():
            run = None
        else:
            number += 1
            here = layout.blockBoundingRect(block)
            run = run or (number, here.top())
            if following.isValid() and not following.blockFormat().headingLevel():
                there = layout.blockBoundingRect(following)
                first_lines = there.top() + min(there.height(), 2.5 * here.height())
                page = int(run[1] // page_height)
                starts_page = run[1] - page * page_height < here.height()
                if page != int(first_lines // page_height) and not starts_page:
                    return run[0]
        block = following
    return None


def keep_headings_with_text(document: QTextDocument, html: str, page_height: float) -> None:
    """Never leave a heading alone at the foot of a page (it starts the next page) and never
    split a table row across two pages (``ui.printing.table_rows``). Repeats until the layout
    settles, since each move pushes what follows down. The HTML is re-read each time, so the
    layout is always a fresh one."""
    moved: set[int] = set()
    for _ in range(60):
        stranded = _stranded_heading(document, page_height)
        if stranded is not None and stranded not in moved:
            moved.add(stranded)
            html = _with_break_before(html, stranded)
        else:
            row = straddling_row(document, page_height)
            if row is None:
                return
            moved_html = split_row(html, *row)  # the row now starts a page
            if moved_html == html:
                return
            html = moved_html
        document.setHtml(html)


_KEPT_OPENING = re.compile(r"<table\b([^>]*)><tr><td>$")


def _with_break_before(html: str, heading: int) -> str:
    """``html`` with a page break before the given heading (numbered in document order). A
    heading that opens a kept-together table (a heading and its text in one cell) breaks
    before its table: Qt honours a break inside a table cell by pushing the cell on by blank
    pages (review 5: the check's signatures came three blank pages on)."""
    count = iter(range(1_000_000))
    found = [match for match in _HEADING.finditer(html) if next(count) == heading]
    if not found or found[0].group(2):
        return html
    match = found[0]
    kept = _KEPT_OPENING.search(html, 0, match.start())
    if kept is not None and "style=" not in kept.group(1):
        table_end = kept.start() + len("<table") + len(kept.group(1))
        return html[:table_end] + " style='page-break-before: always'" + html[table_end:]
    opening = f"<h{match.group(1)} style='page-break-before: always'>"
    return html[: match.start()] + opening + html[match.end() :]


def laid_out(html: str, device: QPaintDevice, page: QSizeF) -> QTextDocument:
    """``html`` laid out in pages of ``page`` (the body above the footer) on ``device``, with
    no heading alone at a page foot and no table row split across pages."""
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
    document.setPageSize(page)
    keep_headings_with_text(document, html, page.height())
    return document


def paint_pages(device: QPagedPaintDevice, html: str, identity: str) -> int:
    """Lay ``html`` out on the device's pages with the footer (``identity``, then the
    verify-before-use sentence and the page number) on each; returns the page count."""
    footer = f"{identity} {VERIFY_TEXT}"
    resolution = device.resolution() if hasattr(device, "resolution") else device.logicalDpiY()
    page = device.pageLayout().paintRectPixels(resolution)
    width, height = float(page.width()), float(page.height())
    footer_height = resolution * 0.5
    body_height = height - footer_height
    document = laid_out(html, device, QSizeF(width, body_height))
    footer_font = QFont(document.defaultFont())
    footer_font.setPointSizeF(8)
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
    pages = paint_pages(writer, html, identity)
    del writer  # flushes the file
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"the PDF was not written to {path}")
    return pages
