"""Every screen speaks a clinician's language for bad input (issue 10 §2, clinician review D7).

Each test drives real widgets with QTest keystrokes into a bad state, then collects every text
the window shows (``tests/ui/vocabulary.py``) and fails on developer vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index, type_in_cell
from tests.ui.keyboard import press as _keys
from tests.ui.vocabulary import developer_words, shown_texts

CTRL = Qt.KeyboardModifier.ControlModifier


def _assert_plain(*windows, user_files: tuple[str, ...] = ()) -> list[str]:
    texts = shown_texts(*windows)
    found = developer_words(texts, user_files)
    assert not found, found
    return texts


def test_the_planner_after_ctrl_n_says_the_regimen_is_empty(case_window) -> None:
    window = shown(case_window)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)  # New regimen
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)  # the planner
    window.planner.replan()
    assert window.planner.error is not None
    assert window.planner.error.startswith("The current regimen is empty")
    _assert_plain(window)


def test_the_planner_without_a_target_frequency_asks_for_it_in_words(case_window) -> None:
    window = shown(case_window)
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    planner = window.planner
    planner.set_target("morphine", "oral", form="ir")  # no frequency, not continuous
    error = planner.error_label.text()
    assert error.startswith("Target frequency: choose how often morphine is given")
    assert "'frequency'" not in error and "continuous: true" not in error
    _assert_plain(window)


def test_the_planner_with_a_red_row_names_the_row_in_words(case_window) -> None:
    window = shown(case_window)
    type_in_cell(window, 0, "drug", "oxycodonx")  # no suggestion to take
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    error = window.planner.error_label.text()
    assert error.startswith("Current regimen, row 1: Drug: “oxycodonx” is not a drug")
    assert "Did you mean oxycodone?" in error
    _assert_plain(window)


def test_the_check_start_button_with_a_red_row_says_why_in_words(case_window) -> None:
    window = shown(case_window)
    type_in_cell(window, 0, "daily_dose", "sixty mg")
    assert cell_index(window, 0, "daily_dose").data(Qt.ItemDataRole.ToolTipRole)
    QTest.keyClick(window, Qt.Key.Key_3, CTRL)
    QApplication.processEvents()  # the tab opened (its first check ran) before the next key
    check = window.check
    check.copy_button.setFocus()
    QTest.keyClick(check.copy_button, Qt.Key.Key_Space)
    QApplication.processEvents()
    verdict = check.verdict.text()
    assert verdict.startswith("Not copied: Correct or delete row 1 of the current regimen")
    assert "from.items" not in verdict and "items[" not in verdict
    _assert_plain(window)


def test_an_emptied_route_names_the_route_not_an_empty_quote(case_window) -> None:
    window = shown(case_window)
    window.editor.select_row(0, cell_index(window, 0, "route").column())
    window.editor.view.setFocus()
    QTest.keyClick(window.editor.view, Qt.Key.Key_Delete)  # empties the cell
    QApplication.processEvents()
    message = cell_index(window, 0, "route").data(Qt.ItemDataRole.ToolTipRole)
    assert message.startswith("Route is empty: choose one from the list")
    _assert_plain(window)


def test_as_needed_doses_counted_by_default_is_said_without_document_keys(make_window, tables):
    from tests.ui.conftest import CASE_1_RAISED
    from ui.files import read_document

    window = shown(make_window(tables))
    document = read_document(CASE_1_RAISED).model_copy(update={"prn": None})
    window.session.replace_document(document)
    window.session.default_prn = None
    window.session.recompute()
    messages = [w.message for w in window.warnings_panel.model.warnings()]
    prn = [m for m in messages if "As-needed doses were included" in m]
    assert prn and "state 'include'" not in prn[0]
    _assert_plain(window)


def test_the_quick_converter_refuses_bad_input_in_words(make_window, tables) -> None:
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, CTRL)
    _keys("Morph", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "abc", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    _keys("sometimes", Qt.Key.Key_Tab)
    assert window.converter.plan is None
    _assert_plain(window)


@pytest.fixture
def practice(qtbot, tmp_path: Path, tables) -> Iterator[Any]:
    from mps_pain.persistence.database import Database
    from mps_pain.persistence.practice_store import PracticeStore
    from ui.practice.practice_window import PracticeWindow

    database = Database.open(f"sqlite:///{tmp_path / 'practice.sqlite3'}")
    window = PracticeWindow(tables, PracticeStore(database), learner="Aiko")
    qtbot.addWidget(window)
    window.show()
    yield window
    database.close()


def test_practice_shows_warnings_sets_and_exercises_by_name_never_by_code(practice) -> None:
    practice.source.setCurrentIndex(practice.source.findData(None))
    practice.level.setCurrentIndex(practice.level.findData(5))  # methadone, renal, QTc
    practice.table.setCurrentIndex(practice.table.findData("fpm-2021"))
    QTest.keyClick(practice, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    for _ in range(len(practice.exercises)):
        if "warnings" in practice.form.fields:
            break
        QTest.keyClick(practice, Qt.Key.Key_N, CTRL)
    warnings = practice.form.fields["warnings"].list
    assert warnings is not None and warnings.count() > 0
    shown = {warnings.item(i).text() for i in range(warnings.count())}
    assert "methadone-specialist" not in shown and "qtc-borderline" not in shown
    for key, field in practice.form.fields.items():  # wrong answers everywhere
        if field.quantity is not None:
            field.quantity.number.setFocus()
            QTest.keyClicks(field.quantity.number, "1")
        elif field.line is not None:
            field.line.setFocus()
            QTest.keyClicks(field.line, "99%")
        elif key == "warnings":
            warnings.setFocus()
            warnings.setCurrentRow(0)
            QTest.keyClick(warnings, Qt.Key.Key_Space)
    QTest.keyClick(practice, Qt.Key.Key_Return, CTRL)  # check
    assert practice.report is not None
    QTest.keyClick(practice, Qt.Key.Key_W, CTRL | Qt.KeyboardModifier.ShiftModifier)  # worked
    assert "Expected answers" in practice.worked.toPlainText()
    texts = _assert_plain(practice)
    assert not any(practice.exercise.id in t for t in texts)


def test_practice_refuses_an_unreadable_answer_in_words(practice) -> None:
    field = next(f for f in practice.form.fields.values() if f.quantity is not None)
    for other in practice.form.fields.values():
        if other.quantity is not None:
            other.quantity.number.setFocus()
            QTest.keyClicks(other.quantity.number, "45 h")  # a time, not a dose
        elif other.line is not None:
            other.line.setFocus()
            QTest.keyClicks(other.line, "25%")
    QTest.keyClick(practice, Qt.Key.Key_Return, CTRL)
    assert practice.report is None and field.result.text()
    _assert_plain(practice)


def test_the_fhir_import_report_names_refused_orders_in_words(
    make_window, tables, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog

    from tests.ui.test_fhir_actions import _with_a_refused_order

    window = shown(make_window(tables))
    path = _with_a_refused_order(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.menu_actions.by_name["import_fhir"].trigger()
    dialog = window.findChild(QDialog, "fhir_report")
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert "rx-17" in text and "NOT imported" in text  # the refused order is still named
    _assert_plain(dialog, window, user_files=(path.name,))  # the user's file, by its name


def test_the_planner_with_continuous_on_an_oral_route_says_it_in_words(case_window) -> None:
    """Session 20 (the lead's own look under Xvfb): oxycodone by mouth with Continuous ticked
    read "Target: 'continuous: true' is for an infusion or a patch …", the file's syntax."""
    window = shown(case_window)
    QTest.keyClick(window, Qt.Key.Key_2, CTRL)
    window.planner.set_target("oxycodone", "oral", continuous=True)
    error = window.planner.error_label.text()
    assert "Continuous is for an infusion or a patch" in error, error
    assert "continuous: true" not in error and "'" not in error, error
    _assert_plain(window)
