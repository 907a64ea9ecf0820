"""Table rows on paper: a row is never split across two pages (clinician review 4, D12).

Qt's text layout moves a table row to the next page only when none of its cells can start on
the current one, so a row whose cells wrap ("(given: 12.5" | "mcg/h)") or a warning whose
message runs on (its severity cell left empty) is cut at the page foot. Here the laid-out
document is read row by row; a row that starts on one page and ends on the next starts the next
page instead: its table is split before it, and the second part repeats the header row. A table
whose first row would be split moves whole. A row taller than a page (nothing can keep it on
one) is left to Qt.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QTextDocument, QTextFrame, QTextTable

__all__ = ["split_row", "straddling_row"]

_TABLE = re.compile(r"<table\b[^>]*>")
_ROW = re.compile(r"<tr\b")
_HEADER = re.compile(r"<thead>.*?</thead>", re.DOTALL)
_BREAK = "page-break-before: always"
_HEADING_OPEN = re.compile(r"<h([1-6])( style='[^']*')?>")
_HEADING_BEFORE = re.compile(r"<h([1-6])( style='[^']*')?>[^<]*</h\1>\s*$")


def _tables(frame: QTextFrame) -> list[QTextTable | None]:
    """Every table in document order (as the HTML writes them); a nested table is None: only
    outer tables are split or moved."""
    out: list[QTextTable | None] = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            out.append(child)
            out += [None] * len(_tables(child))
        else:
            out += _tables(child)
    return out


def _row_span(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    layout = document.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return min(tops), max(bottoms)


def straddling_row(document: QTextDocument, page_height: float) -> tuple[int, int] | None:
    """(table number, row) of the first row that starts on one page and ends on the next, or
    None. A row that already starts a page is never reported (it is taller than a page)."""
    top_room = 0.05 * page_height
    for number, table in enumerate(_tables(document.rootFrame())):
        if table is None:
            continue
        header = table.format().headerRowCount()
        for row in range(header, table.rows()):
            top, bottom = _row_span(document, table, row)
            page = int(top // page_height)
            if page == int((bottom - 1) // page_height):
                continue
            first = row == header
            start = _row_span(document, table, 0)[0] if first else top
            if start - int(start // page_height) * page_height > top_room:
                return number, row
    return None


def split_row(html: str, table_number: int, row: int) -> str:
    """``html`` with table ``table_number`` (document order) starting a new page before ``row``:
    the whole table when ``row`` is its first body row, else a second table from ``row`` on,
    with the same attributes and the header row repeated."""
    tags = list(_TABLE.finditer(html))
    tag = tags[table_number]
    opening = tag.group(0)
    broken = opening[:-1] + f" style='{_BREAK}'>"
    end = html.index("</table>", tag.end())
    body = html[tag.end() : end]
    header_match = _HEADER.search(body)
    header = header_match.group(0) if header_match else ""
    rows = list(_ROW.finditer(body))
    first_body = len(_ROW.findall(header))
    if row <= first_body or "<table" in body:
        return _move_whole(html, tag)
    at = tag.end() + rows[row].start()
    return html[:at] + "</table>" + broken + header + html[at:]


def _move_whole(html: str, tag: re.Match[str]) -> str:
    """The table starts the next page; the headings right above it go with it (the break goes
    before the first of them), so no heading is left alone at the foot of the page."""
    before = html[: tag.start()]
    start = None
    while (heading := _HEADING_BEFORE.search(before)) is not None:
        start = heading.start()
        before = before[:start]
    if start is not None:
        first = _HEADING_OPEN.match(html, start)
        assert first is not None
        if first.group(2):  # that heading already starts a page: nothing to move
            return html
        rest = html[first.end() :]
        return html[:start] + f"<h{first.group(1)} style='{_BREAK}'>" + rest
    opening = tag.group(0)[:-1] + f" style='{_BREAK}'>"
    return before + opening + html[tag.end() :]
