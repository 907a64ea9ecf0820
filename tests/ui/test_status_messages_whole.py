"""Clinician review 16 #7: at 1280×720 the status bar cut its longest messages at the window's
edge ("…were not copied from Takamatsu 2018 case 1: enter them for th"); the note was the only
place that explained what an example's new record had not taken. Every message is shown whole:
wrapped onto more lines when it is longer than the window is wide."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import shown

LONG = (
    "Saved to a new patient record, MRN-0042. Age, weight, eGFR, QTc and the hepatic grade "
    "were not copied from Takamatsu 2018 case 1: enter them for this patient, or the plan is "
    "worked out without them and says so in its cautions"
)


def _label_of(window) -> QLabel:
    label = window.statusBar().findChild(QLabel, "statusMessage")
    assert label is not None
    return label


def test_a_message_longer_than_the_window_is_shown_whole(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.resize(1280, 720)
    window.statusBar().showMessage(LONG, 10000)
    QApplication.processEvents()
    label = _label_of(window)
    assert label.isVisible()
    assert window.statusBar().currentMessage() == LONG
    needed = label.fontMetrics().boundingRect(
        QRect(0, 0, label.contentsRect().width(), 10_000), Qt.TextFlag.TextWordWrap, LONG
    )
    assert needed.height() <= label.contentsRect().height(), (needed, label.contentsRect())
    assert label.geometry().right() <= window.statusBar().width()
    assert window.statusBar().geometry().bottom() <= window.height()


def test_a_message_with_a_timeout_goes_and_a_new_one_replaces_it(make_window, qtbot, tables):
    window = make_window(tables)
    seen: list[str] = []
    window.statusBar().messageChanged.connect(seen.append)
    window.statusBar().showMessage("first", 50)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=2000)
    window.statusBar().showMessage("second")
    assert _label_of(window).text() == "second"
    assert seen == ["first", "", "second"]


def test_at_most_two_lines_the_rest_cut_at_a_word_and_whole_in_the_tooltip(make_window, tables):
    window = shown(make_window(tables))
    window.resize(640, 360)
    longer = f"{LONG}. {LONG}. {LONG}"
    window.statusBar().showMessage(longer)
    QApplication.processEvents()
    label = _label_of(window)
    assert label.height() <= 2 * label.fontMetrics().height()
    assert label.text().endswith(" …") and longer.startswith(label.text()[:-2])
    assert label.toolTip() == longer == window.statusBar().currentMessage()
