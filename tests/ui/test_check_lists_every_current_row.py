"""Lead's look at the check tab (session 13): with methadone the UK set cannot count, the
"Current regimen" list beside the proposed order showed only the oxycodone line under a red
"incomplete" total, as the printed plan once did (clinician review 14, #1). Every row of the
current regimen is listed; one left out of the total says so, with the view's reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press
from tests.ui.test_printed_plan_is_the_one_on_screen import METHADONE_AND_PRN

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_row_left_out_of_the_total_is_listed_as_not_counted(make_window, tables, tmp_path):
    source = tmp_path / "methadone.yaml"
    source.write_text(METHADONE_AND_PRN, encoding="utf-8")
    window = shown(make_window(tables, source))
    press((Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier))
    QApplication.processEvents()
    listed = window.check.current_summary
    texts = [listed.item(i).text() for i in range(listed.count())]
    assert len(texts) == 2, texts
    assert texts[0].startswith("Not counted: item 1") and "methadone" in texts[0], texts
    assert texts[1].startswith("oxycodone oral IR"), texts
