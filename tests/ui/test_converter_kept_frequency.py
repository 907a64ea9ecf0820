"""Clinician review 12, #1: after the To drug or route changed, a To frequency carried over from
the previous question (q12h, for an oral MR target) was kept silently: "Give morphine sc
injection 16 mg q12h". It is guarded as the carried-over amount is ("Dose kept from Oxycodone:
confirm ... No advice until then"): one guard for carried-over fields. Real keys (QTest)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from ui.converter.describe import ConversionQuestion

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ORAL_MR = ConversionQuestion("fentanyl", "transdermal", "50 mcg/h", "", "morphine", "oral", "q12h")


def _keys(widget, *keys: str | Qt.Key) -> None:
    widget.setFocus()
    QApplication.processEvents()
    for key in keys:
        target = QApplication.focusWidget()
        if isinstance(key, str):
            QTest.keyClicks(target, key)
        else:
            QTest.keyClick(target, key)
        QApplication.processEvents()


def _converter(make_window, tables):
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(ORAL_MR)
    assert panel.plan is not None  # morphine oral MR q12h: a real answer
    return panel


def test_a_frequency_kept_across_a_change_of_route_withholds_the_advice(make_window, tables):
    panel = _converter(make_window, tables)
    _keys(panel.to_route, "s")  # morphine sc: q12h was given for morphine oral
    assert panel.to_route.currentData() == "sc"
    assert panel.to_frequency.currentText() == "q12h"  # kept, not dropped
    assert panel.plan is None
    line = panel.result.text()
    assert "Frequency kept from morphine oral" in line and "No advice until then" in line, line
    assert not panel.save_button.isEnabled() and not panel.open_button.isEnabled()
    # confirmed with Enter in the box: the question is answered (or refused) on its merits
    _keys(panel.to_frequency, Qt.Key.Key_Return)
    assert "kept from" not in panel.result.text()


def test_a_frequency_kept_across_a_change_of_drug_and_retyped_is_used(make_window, tables):
    panel = _converter(make_window, tables)
    _keys(panel.to_drug, "oxyc")
    assert panel.to_drug.currentData() == "oxycodone"
    assert panel.plan is None and "Frequency kept from" in panel.result.text()
    panel.to_frequency.lineEdit().selectAll()
    _keys(panel.to_frequency, "q12h")  # typing a new frequency confirms it
    assert "kept from" not in panel.result.text()
    assert panel.plan is not None


def test_an_empty_frequency_is_never_kept(make_window, tables):
    panel = _converter(make_window, tables)
    panel.to_frequency.setCurrentText("")
    _keys(panel.to_route, "s")  # a syringe driver: nothing was carried
    assert panel.plan is not None, panel.result.text()
