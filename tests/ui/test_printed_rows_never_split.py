"""Review 4 (clinician), D12: no printed table row is split across two pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QPdfWriter

PATCH_AND_OXY = (
    "patient: {identifier: PDF-2, age: 70}\ntable: uk-palliative\nitems:\n"
    "  - {drug: fentanyl, route: transdermal, rate: 25 mcg/h}\n"
    "  - {drug: oxycodone, route: oral, dose: 20 mg, frequency: q12h}\n"
    "  - {drug: pregabalin, route: oral, dose: 75 mg, frequency: bid}\n"
)


def _split_rows(document, page_height: float) -> list[str]:
    from PySide6.QtGui import QTextTable

    layout = document.documentLayout()
    found = []

    def tables(frame):
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                yield child
            yield from tables(child)

    for table in tables(document.rootFrame()):
        for row in range(table.rows()):
            cells = [table.cellAt(row, c) for c in range(table.columns())]
            top = min(
                layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells
            )
            bottom = max(
                layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells
            )
            if bottom - top > 0.9 * page_height:
                continue  # taller than a page: nothing can keep it on one
            if int(top // page_height) != int((bottom - 1) // page_height):
                text = " | ".join(c.firstCursorPosition().block().text() for c in cells)
                found.append(f"row {row} ({text}) runs from page {int(top // page_height) + 1}")
    return found


@pytest.mark.parametrize("target", [("morphine", "oral", "q4h"), ("fentanyl", "transdermal", None)])
def test_no_plan_table_row_runs_onto_the_next_page(make_window, tables, tmp_path, target) -> None:
    """The plan laid out on pages of many heights (so page feet fall across every row): each
    row of every table starts and ends on the same page, as the review asked ("(given: 12.5 |
    mcg/h)" and a warning row with an empty severity cell on the next page)."""
    from ui.printing.pages import laid_out
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    source = tmp_path / "patch-oxy.yaml"
    source.write_text(PATCH_AND_OXY, encoding="utf-8")
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    drug, route, frequency = target
    window.planner.set_target(drug, route, frequency=frequency, continuous=frequency is None)
    content = plan_content(window)
    assert content is not None and content.plan is not None, window.planner.error
    html = plan_html(content)
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    width = 2000.0
    for height in range(1500, 3300, 83):
        document = laid_out(html, writer, QSizeF(width, float(height)))
        split = _split_rows(document, float(height))
        assert not split, f"page height {height}: {split}"
