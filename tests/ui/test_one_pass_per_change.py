"""One change costs one pass: an edit is computed once, tells the table once and repaints each
cell once; the heading is told only when its words change; a regimen of another length resets
the table once; the check checks once per change; a warnings list out of
sight is measured when it is shown, not after every change (session 17: the app repainted the
whole table twice after each keystroke, and measured hidden warnings lists)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIcon, QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import CASE_1_RAISED, shown
from tests.ui.test_planner_and_check_panels import CURRENT
from ui.editing import with_document_fields
from ui.main_window import MainWindow
from ui.models.regimen_columns import ANSWERED_ROLES
from ui.models.regimen_table_model import COLUMNS, MME_COLUMN

DAILY = next(i for i, c in enumerate(COLUMNS) if c[0] == "daily_dose")


def _counting(signal: Any, counts: Counter[str], name: str) -> None:
    signal.connect(lambda *_args: counts.update([name]))


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_one_edit_is_computed_once_and_told_once(case_window: MainWindow) -> None:
    window = case_window
    window.ensure_panels()  # the planner and the check follow every change too
    assert window.planner is not None and window.check is not None
    table = window.editor.model
    counts: Counter[str] = Counter()
    _counting(window.session.stateChanged, counts, "state")
    _counting(window.session.resultChanged, counts, "result")
    _counting(table.dataChanged, counts, "cells")
    _counting(table.modelReset, counts, "reset")
    _counting(table.headerDataChanged, counts, "heading")
    _counting(window.planner.planChanged, counts, "plan")
    _counting(window.check.checked, counts, "check")
    _settle()
    counts.clear()
    assert table.setData(table.index(0, DAILY), "80 mg/day")
    _settle()
    assert counts == {"state": 1, "result": 1, "cells": 1, "plan": 1, "check": 1}
    assert table.index(0, MME_COLUMN).data() == "120"


def test_the_heading_is_told_when_its_words_change(case_window: MainWindow) -> None:
    table, session = case_window.editor.model, case_window.session
    told: list[tuple[Any, ...]] = []
    table.headerDataChanged.connect(lambda *args: told.append(args))
    assert table.setData(table.index(0, DAILY), "80 mg/day")
    assert told == []
    assert session.state is not None
    session.push(with_document_fields(session.state, table="uk-palliative"), "Use set")
    assert len(told) == 1 and told[0][1:] == (MME_COLUMN, MME_COLUMN)
    assert table.headerData(MME_COLUMN, told[0][0]) == "OME/day"


def test_a_regimen_of_another_length_resets_the_table_once(make_window, tables) -> None:
    window = make_window(tables)
    table = window.editor.model
    counts: Counter[str] = Counter()
    _counting(table.dataChanged, counts, "cells")
    _counting(table.modelReset, counts, "reset")
    rows = table.rowCount()
    assert window.open_path(CASE_1_RAISED, example=True)
    assert table.rowCount() != rows
    assert counts == {"reset": 1}
    # what the table shows after the one reset is the new regimen's result
    result = window.session.result
    assert result is not None
    assert table.index(0, MME_COLUMN).data() != ""
    assert any(table.index(r, MME_COLUMN).data() == "90" for r in range(table.rowCount()))


class _PaintLog(QObject):
    """Each paint of a widget: the region it painted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.regions: list[QRegion] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.regions.append(QRegion(event.region()))
        return False


def test_an_edit_repaints_the_table_once(case_window: MainWindow) -> None:
    """No part of the regimen's cells is painted twice for one edit (the MME heading told
    after every result laid the table out and painted all of it a second time)."""
    window = shown(case_window)
    _settle()
    log = _PaintLog(window.editor.view.viewport())
    table = window.editor.model
    assert table.setData(table.index(0, DAILY), "80 mg/day")
    _settle()
    assert log.regions, "the edited table was not repainted"
    seen = QRegion()
    for region in log.regions:
        assert seen.intersected(region).isEmpty(), "a part of the table was painted twice"
        seen = seen.united(region)
    edited = window.editor.view.visualRect(table.index(0, MME_COLUMN))
    assert seen.contains(edited)


def test_a_check_asked_for_at_once_is_not_made_again(make_window, rotation_tables) -> None:
    window = make_window(rotation_tables)
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(CURRENT))
    _settle()
    check = window.check
    checks: list[None] = []
    check.checked.connect(lambda: checks.append(None))
    table = window.editor.model
    assert table.setData(
        table.index(0, next(i for i, c in enumerate(COLUMNS) if c[0] == "note")), "taken at night"
    )  # a check is waiting for the next event
    check.run_check()
    _settle()
    assert len(checks) == 1


def _measures(view: Any, monkeypatch: pytest.MonkeyPatch) -> list[None]:
    made: list[None] = []
    fit: Callable[[], None] = view.resizeRowsToContents

    def counting() -> None:
        made.append(None)
        fit()

    monkeypatch.setattr(view, "resizeRowsToContents", counting)
    return made


def _rows_fit_their_words(view: Any) -> bool:
    rows = range(view.model().rowCount())
    return all(view.rowHeight(row) == view.sizeHintForRow(row) for row in rows)


def test_a_warnings_list_out_of_sight_is_measured_when_shown(
    case_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = case_window.warnings_panel.view
    made = _measures(view, monkeypatch)
    table = case_window.editor.model
    before = case_window.warnings_panel.model.warnings()
    assert table.setData(table.index(0, DAILY), "sixty mg")  # a refused cell: a new warning
    assert case_window.warnings_panel.model.warnings() != before
    assert made == []  # the window is not shown: nothing to measure yet
    shown(case_window)
    _settle()
    assert made and view.model().rowCount() >= 1
    assert _rows_fit_their_words(view)
    made.clear()
    assert table.setData(table.index(0, DAILY), "60 mg/day")  # seen: measured at once
    assert made and _rows_fit_their_words(view)


def test_warnings_changed_on_another_tab_fit_when_the_tab_is_back(
    make_window, rotation_tables, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shown(make_window(rotation_tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(CURRENT))
    window.show_tab(1)
    _settle()
    view = window.warnings_panel.view
    made = _measures(view, monkeypatch)
    table = window.editor.model
    assert table.setData(table.index(0, DAILY), "sixty mg")
    assert made == []  # the regimen tab is not shown
    window.show_tab(0)
    _settle()
    assert len(made) >= 1 and _rows_fit_their_words(view)


def _reading(table: Any) -> list[tuple[object, ...]]:
    """Every cell of every row, in every role the table answers (an icon by its picture)."""
    rows = []
    for row in range(table.rowCount()):
        cells: list[object] = []
        for column in range(table.columnCount()):
            for role in sorted(ANSWERED_ROLES):
                value = table.index(row, column).data(role)
                cells.append(value.pixmap(16).toImage() if isinstance(value, QIcon) else value)
        rows.append(tuple(cells))
    return rows


def test_every_row_that_reads_differently_is_told(
    case_window: MainWindow,
) -> None:
    """An edit tells the views the rows whose cells may have changed (a note: its row alone,
    not the whole table to repaint), and never leaves out a row that reads differently after
    it (a row whose line of the result moved along may be told without a visible change)."""
    session, table = case_window.session, case_window.editor.model
    told: list[tuple[int, int]] = []
    table.dataChanged.connect(lambda first, last, *_: told.append((first.row(), last.row())))
    note = next(i for i, c in enumerate(COLUMNS) if c[0] == "note")
    prn = next(i for i, c in enumerate(COLUMNS) if c[0] == "prn")
    changes: list[Callable[[], object]] = [
        lambda: table.setData(table.index(1, note), "after meals"),
        lambda: table.setData(table.index(0, DAILY), "80 mg/day"),
        lambda: table.setData(table.index(0, DAILY), "sixty mg"),
        lambda: table.setData(table.index(2, prn), True),
        lambda: session.push(with_document_fields(session.state, table="uk-palliative"), "Set"),
        session.undo_stack.undo,
        session.undo_stack.undo,
        lambda: table.setData(table.index(0, DAILY), "60 mg/day"),
    ]
    for change in changes:
        before = _reading(table)
        told.clear()
        change()
        after = _reading(table)
        assert len(after) == len(before)
        changed = {
            row for row, (old, new) in enumerate(zip(before, after, strict=True)) if old != new
        }
        assert len(told) <= 1
        told_rows = set(range(told[0][0], told[0][1] + 1)) if told else set()
        assert changed <= told_rows
    told.clear()
    assert table.setData(table.index(1, note), "before meals")
    assert told == [(1, 1)]  # a note: its row alone


def test_the_worked_lines_and_the_bars_stay_when_they_read_the_same(
    case_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change that leaves the result's lines and the spread as they were (a note) keeps the
    worked lines and the bars as they are: no new list, no new layout of the page."""
    panel, table = case_window.results_panel, case_window.editor.model
    laid_out: list[None] = []
    monkeypatch.setattr(panel.chart, "updateGeometry", lambda: laid_out.append(None))
    items = [panel.lines.item(i) for i in range(panel.lines.count())]
    note = next(i for i, c in enumerate(COLUMNS) if c[0] == "note")
    assert table.setData(table.index(0, note), "with food")
    assert [panel.lines.item(i) for i in range(panel.lines.count())] == items
    assert all(panel.lines.item(i) is item for i, item in enumerate(items))
    assert laid_out == []
    assert table.setData(table.index(0, DAILY), "80 mg/day")  # the lines and the bars change
    result = case_window.session.result
    assert result is not None
    shown = [panel.lines.item(i).text() for i in range(panel.lines.count())]
    assert shown == [line.explanation for line in result.items]
    assert laid_out == [None]
