"""Clinician review 19, H1 (HIGH): the quick converter read "20", with the amount's default
unit mg/day left as it was, beside the Frequency "bd" as 20 mg a day and dropped the "bd":
"Give morphine oral MR 10 mg bid" for oxycodone 20 mg bd (40 mg a day), and "10" with q4h gave
"2 mg q6h", about an 8-fold underdose, the q4h asked for changed without a word. The command
line refuses the same fields (repro/daily-freq.yaml).

Now a bare number's unit follows the other fields (with a Frequency, an amount per dose), an
amount per day chosen beside a Frequency is refused as the command line refuses it, and an
interval other than the one asked for is said in the answer. Real keys (QTest), as the review
typed them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import press

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _converter(make_window, tables):  # type: ignore[no-untyped-def]
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    panel = window.converter
    assert panel.isVisible() and panel.from_drug.hasFocus()
    return panel


def _ask(panel, amount: str, frequency: str, to_frequency: str) -> None:  # type: ignore[no-untyped-def]
    """From Oxycodone oral, the amount with the unit list as it stands, the From frequency;
    To Morphine oral and its frequency: each typed in its box, as the review did."""
    press("Oxyc", Qt.Key.Key_Tab, "oral", Qt.Key.Key_Tab, amount)
    panel.from_frequency.setFocus()
    press(frequency, Qt.Key.Key_Tab)
    panel.to_drug.setFocus()
    press("Morph", Qt.Key.Key_Tab, "oral")
    panel.to_frequency.setFocus()
    press(to_frequency, Qt.Key.Key_Tab)


def _oxycodone_per_day(panel) -> float:  # type: ignore[no-untyped-def]
    (line,) = panel.plan.current
    return float(line.daily_dose.value)


@pytest.mark.parametrize(
    ("amount", "frequency", "per_day"),
    [("20", "bd", 40.0), ("10", "q4h", 60.0), ("30", "q12h", 60.0), ("5", "qid", 20.0)],
)
def test_a_bare_number_beside_a_frequency_is_a_dose(  # type: ignore[no-untyped-def]
    make_window, tables, amount: str, frequency: str, per_day: float
) -> None:
    panel = _converter(make_window, tables)
    _ask(panel, amount, frequency, "bd")
    assert panel.amount.unit.currentText() == "mg"  # the unit followed the Frequency
    assert panel.plan is not None, panel.result.text()
    assert _oxycodone_per_day(panel) == per_day
    assert "mg/day" not in panel.result.text().split("Working")[0]


def test_the_reviews_twenty_bd_gives_twenty_mg_bid(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    panel = _converter(make_window, tables)
    _ask(panel, "20", "bd", "bd")
    assert panel.plan is not None
    assert panel.plan.ome_per_day == 60  # 20 mg bd oxycodone = 40 mg/day x 1.5
    assert "20 mg bid" in panel.answer.text()


def test_mg_per_day_chosen_beside_a_frequency_is_refused_as_the_cli_refuses_it(  # type: ignore[no-untyped-def]
    make_window, tables
) -> None:
    panel = _converter(make_window, tables)
    _ask(panel, "20", "bd", "bd")
    panel.amount.unit.setFocus()
    chosen = panel.amount.unit.findText("mg/day")
    panel.amount.unit.setCurrentIndex(chosen)
    panel.amount.unit.activated.emit(chosen)  # the clinician's own choice of the list
    QApplication.processEvents()
    assert panel.amount.text() == "20 mg/day"
    assert panel.plan is None
    line = panel.result.text()
    assert "per dose or per day" in line and "Frequency" in line, line
    assert "daily_dose" not in line and "dosing shape" not in line  # a clinician's words
    assert not panel.save_button.isEnabled()


def test_a_typed_per_day_amount_beside_a_frequency_is_refused(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    panel = _converter(make_window, tables)
    _ask(panel, "10 mg/day", "q4h", "q4h")
    assert panel.plan is None
    assert "“10 mg/day” is an amount per day" in panel.result.text()


def test_clearing_the_frequency_reads_a_daily_total_again(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    panel = _converter(make_window, tables)
    _ask(panel, "60", "bd", "bd")
    panel.from_frequency.setFocus()
    press((Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), Qt.Key.Key_Delete, Qt.Key.Key_Tab)
    assert panel.amount.unit.currentText() == "mg/day"
    assert panel.plan is not None
    assert _oxycodone_per_day(panel) == 60.0


def test_another_interval_than_the_one_asked_for_is_said_in_the_answer(  # type: ignore[no-untyped-def]
    make_window, tables
) -> None:
    """The review's second example with its daily total written out: oxycodone 10 mg/day to
    morphine q4h; the plan proposes q6h (no strength within the sourced range at q4h)."""
    panel = _converter(make_window, tables)
    _ask(panel, "10 mg/day", "", "q4h")
    assert panel.plan is not None
    assert panel.plan.regimen.frequency == "q6h"
    answer = panel.answer.text()
    assert "q6h, not the q4h asked for" in answer, answer
    assert "At q4h as asked" in panel.notes.text()


def test_the_interval_asked_for_kept_is_not_flagged(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    panel = _converter(make_window, tables)
    _ask(panel, "20", "bd", "q12h")  # q12h and bid: one interval
    assert panel.plan is not None
    assert "asked for" not in panel.answer.text()


def test_a_patch_amount_stays_a_rate_whatever_the_frequency(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    """A patch is dosed by its rate: a Frequency typed beside it never makes "25" 25 mcg a dose;
    the rate and the Frequency together are refused, as the command line refuses them."""
    panel = _converter(make_window, tables)
    press("Fent", Qt.Key.Key_Tab, "trans", Qt.Key.Key_Tab, "25")
    panel.from_frequency.setFocus()
    press("q72h", Qt.Key.Key_Tab)
    assert panel.amount.unit.currentText() == "mcg/h"
    assert panel.plan is None
    assert "“25 mcg/h” is a rate" in panel.result.text()
    panel.from_frequency.setFocus()
    press((Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), Qt.Key.Key_Delete, Qt.Key.Key_Tab)
    panel.to_frequency.setFocus()
    press("bd", Qt.Key.Key_Tab)  # morphine oral MR
    assert panel.plan is not None, panel.result.text()
    assert panel.plan.current[0].as_entered.startswith("25 mcg/h"), panel.plan.current[0]
