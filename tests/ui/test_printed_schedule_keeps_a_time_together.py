"""Clinician review 20, N7 (``pdf/patch-1.png``, ``patch-2.png``): the patch plan's PDF split its
two "0 h" steps across pages 1 and 2, so page 1 showed a complete-looking 0-h instruction
("Remove the current patch(es) … apply fentanyl transdermal patch 50 mcg/h") without the last
modified-release dose, which was on page 2. Every step of one time is kept on one page: laid out
on pages of many heights (so page feet fall everywhere), the steps of each time start and end
on the same page."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

# the reviewed regimen's shape: a patch and oral modified-release oxycodone, to one patch
PATCH_AND_OXY_MR = (
    "patient: {identifier: N7, age: 72}\ntable: uk-palliative\nitems:\n"
    "  - {drug: fentanyl, route: transdermal, rate: 25 mcg/h}\n"
    "  - {drug: oxycodone, route: oral, form: ER, dose: 20 mg, frequency: q12h}\n"
    "  - {drug: ketamine, route: oral, dose: 10 mg, frequency: tid}\n"
)
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _pages_of(document: QTextDocument, text: str, page_height: float) -> tuple[int, int]:
    """The pages where ``text`` (a schedule step, found in the document) starts and ends."""
    layout = document.documentLayout()
    start = document.find(text[:60])
    assert not start.isNull(), text
    end = document.find(text[-40:], start.selectionStart())
    assert not end.isNull(), text
    top = layout.blockBoundingRect(start.block()).top()
    bottom = layout.blockBoundingRect(end.block()).bottom()
    return int(top // page_height), int((bottom - 1) // page_height)


def test_the_steps_of_one_time_are_printed_on_one_page(make_window, tables, tmp_path) -> None:
    from mps_pain.presentation.rotation import plan_view
    from ui.printing.pages import laid_out
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    source = tmp_path / "patch-oxy.yaml"
    source.write_text(PATCH_AND_OXY_MR, encoding="utf-8")
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    content = plan_content(window)
    assert content is not None and content.plan is not None, window.planner.error
    by_time: dict[str, list[str]] = defaultdict(list)
    for step in plan_view(content.plan).schedule:
        by_time[step.label].append(step.value)
    assert len(by_time["0 h"]) >= 2, by_time  # the reviewed case: patch on, last MR dose
    html = plan_html(content)
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    split = []
    for height in range(1500, 3300, 37):
        document = laid_out(html, writer, QSizeF(2000.0, float(height)))
        for label, steps in by_time.items():
            pages = [_pages_of(document, step, float(height)) for step in steps]
            if pages[0][0] != pages[-1][1]:
                split.append((height, label, pages))
    assert not split, split
