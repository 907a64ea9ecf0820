"""The mouse wheel never changes a list or number box the user did not choose (clinician
review 6, #4): scrolling with the pointer over the converter's unit list turned mg/day into
mg, then mcg/h; over *From drug*, oxycodone into hydromorphone; in Practice, the target unit
changed while "✓ Correct" stayed beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from tests.conftest import records_copy
from tests.ui.conftest import CASE_1_RAISED, ask_oxycodone_to_patch, shown
from tests.ui.test_practice_window import _type_engine_answers as type_engine_answers
from ui.practice.practice_window import PracticeWindow


def _roll(widget: QWidget, notches: int = -1) -> None:
    """One roll of the wheel with the pointer over the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _state(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text()


def _rollable(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEnabled() and widget.count() > 1
    return widget.isEnabled() and not widget.isReadOnly()


def _wheel_changes_nothing_unfocused(window: QWidget) -> int:
    """Rolls the wheel over every enabled list and number box of ``window`` (none focused);
    returns how many there were."""
    boxes = [w for w in window.findChildren(QWidget) if isinstance(w, QComboBox | QAbstractSpinBox)]
    rolled = 0
    for box in boxes:
        if not _rollable(box):
            continue
        # never focused by the wheel itself (a real wheel focuses a WheelFocus widget first)
        assert box.focusPolicy() != Qt.FocusPolicy.WheelFocus, box.objectName()
        window.setFocus()
        assert not box.hasFocus()
        before = _state(box)
        for notches in (-1, 1, 1):
            _roll(box, notches)
            assert _state(box) == before, (box.objectName(), box.accessibleName())
        rolled += 1
    return rolled


def test_no_list_of_the_main_window_follows_the_wheel_without_focus(
    make_window: Any, tables: TableIndex
) -> None:
    window = shown(make_window(tables, CASE_1_RAISED))
    window.ensure_panels()
    ask_oxycodone_to_patch(window)
    rolled = 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        rolled += _wheel_changes_nothing_unfocused(window)
    assert rolled >= 10  # unit lists, drugs, routes, sets, patient header lists


def test_the_converter_unit_list_follows_the_wheel_once_chosen(
    make_window: Any, tables: TableIndex
) -> None:
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window)
    QApplication.processEvents()
    unit = next(
        c for c in panel.findChildren(QComboBox) if c.isEnabled() and c.findText("mg/day") >= 0
    )
    before = unit.currentIndex()
    _roll(unit)  # pointer resting on it while scrolling: nothing changes
    assert unit.currentIndex() == before
    unit.setFocus()  # chosen by click or Tab: the wheel is a way to pick
    QApplication.processEvents()
    assert unit.hasFocus()
    _roll(unit)
    assert unit.currentIndex() != before


def _practice(qtbot: Any, tmp_path: Path, migrated_sqlite: Path) -> PracticeWindow:
    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    window = PracticeWindow(get_tables(), PracticeStore(Database.open(url)), learner="Aiko")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def test_no_list_of_the_practice_window_follows_the_wheel_without_focus(
    qtbot: Any, tmp_path: Path, migrated_sqlite: Path
) -> None:
    practice = _practice(qtbot, tmp_path, migrated_sqlite)
    assert _wheel_changes_nothing_unfocused(practice) >= 5


def test_a_changed_practice_answer_loses_its_old_mark(
    qtbot: Any, tmp_path: Path, migrated_sqlite: Path
) -> None:
    practice = _practice(qtbot, tmp_path, migrated_sqlite)
    type_engine_answers(practice)  # every answer typed, key by key
    practice.check_answer()
    field = next(f for f in practice.form.fields.values() if f.quantity is not None)
    assert field.quantity is not None
    assert field.result.text().startswith("✓ Correct"), practice.message.text()
    number = field.quantity.number
    number.setFocus()
    QTest.keyClick(number, Qt.Key.Key_End)
    QTest.keyClick(number, Qt.Key.Key_Backspace)  # any change to the answer
    assert field.result.text() == ""  # never "✓ Correct" beside a different answer
    assert number.styleSheet() == ""


def test_a_theme_change_keeps_the_guard_on_lists_made_after_it(
    make_window: Any, tables: TableIndex
) -> None:
    """The guard rides on the app's style (ui/wheel_guard.py); View → Theme sets the style
    again, and a list made after that (the planner, built when first shown) is still guarded."""
    from ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = shown(make_window(tables, CASE_1_RAISED))
    palette, style = app.palette(), app.style().name()
    try:
        apply_theme(app, "system")
        window.ensure_panels()  # the planner, check and converter: made after the change
        ask_oxycodone_to_patch(window)
        rolled = 0
        for index in (1, 3):  # the planner's and the converter's lists
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            rolled += _wheel_changes_nothing_unfocused(window)
        assert rolled >= 10
    finally:
        app.setPalette(palette)
    assert app.style().name() == style
