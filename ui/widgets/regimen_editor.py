"""The regimen table with its delegates and row actions (add, duplicate, remove, move).

Everything is reachable from the keyboard: arrows and Tab move between cells, F2/typing edits,
Space toggles PRN, and the row actions have shortcuts (see ``RegimenEditor.actions``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.delegates.choice_delegate import ChoiceDelegate
from ui.delegates.quantity_delegate import QuantityDelegate
from ui.delegates.validating_delegate import ValidatingDelegate
from ui.models.regimen_table_model import COLUMNS, RegimenTableModel
from ui.plain_language import default_unit
from ui.table_keys import TableKeys
from ui.widgets.regimen_view import RegimenView

if TYPE_CHECKING:
    from ui.session import EditorSession

__all__ = ["RegimenEditor"]

# the unit kind of each amount column: its list of units is the core's (mps_pain.unit_kinds)
_UNIT_KINDS = {
    "dose": "dose",
    "rate": "rate",
    "daily_dose": "daily total",
    "concentration": "concentration",
}
# what an empty column must still have room for (its header is measured too): widths come
# from the font's metrics, so they follow the font size and the scale factor (issue 10 §3)
_ROOM_FOR = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "IR",
    "dose": "10 mg",
    "frequency": "q12h",
    "rate": "25 mcg/h",
    "daily_dose": "60 mg/day",
    "doses_per_day": "0",
    "mme": "90",
    "concentration": "1 mg/mL",
    "note": "note",
}
# what a column is never wider than: a staged or kept infusion's Rate ("40 mg/day for the first
# 12 h after the patch goes on, then stop it") is cut with "…", whole on hover, so the OME/day
# column stays in view at 1280×720 (clinician re-check 21b, D6)
_AT_MOST = {"rate": "80 mg/24 h for 17 h, then 40 mg/24 h"}
_LISTS = ("drug", "route", "form", "frequency")  # cells edited in a list: room for its arrow
# (column, what its width was measured from) -> the measured width, shared by every regimen
# table of the process (the workstation's, the check's proposal, a reopened window's): the same
# heading and cells in the same font and style measure the same in each (see fit_columns)
_MEASURED: dict[tuple[int, object], int] = {}
_MEASURED_KEPT = 4096  # forgotten all at once beyond this many (a long session's edits)


def _units_of(kind: str, route: str) -> tuple[str, ...]:
    """The units a cell of this kind offers on a row given by ``route``: a daily total's come
    from the core's rule ``daily_total_kind(route)`` (no mcg/h for an oral row; review 3), and
    each list is of its column's own dimension (``listed_units``: no mcg/h in a patch's Daily
    total either; clinician review 15, #10)."""
    # start-up seam: the core's unit lists (pint) load when the first amount editor opens
    from mps_pain.unit_kinds import UnitKind, daily_total_kind, listed_units

    unit_kind = UnitKind(kind)
    if unit_kind is UnitKind.DAILY_TOTAL:
        unit_kind = daily_total_kind(route)
    return listed_units(unit_kind)


class RegimenEditor(QWidget):
    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = RegimenTableModel(session, self)
        self.view = RegimenView(self)
        self.view.setObjectName("regimen")
        self.view.setAccessibleName("Regimen: one row per drug and route")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves the table; Alt+Down opens a list; Enter confirms a kept amount
        self.keys = TableKeys(self.view, on_enter=self.model.confirm_amount)
        self.view.setItemDelegate(ValidatingDelegate(self.view))
        self._install_delegates()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultSectionSize(28)
        # the header and one row: on a small screen the table scrolls (issue 10 §3)
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * 2 + 28)
        # (column, what its width was measured from) -> the measured width: see fit_columns
        self._measured = _MEASURED
        for signal in (
            self.model.modelReset,
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.layoutChanged,
        ):
            signal.connect(self.fit_columns)
        self.fit_columns()
        # the note takes what is left (elided, whole on hover); it never stretches below this
        header.resizeSection(
            len(COLUMNS) - 1, self.view.fontMetrics().horizontalAdvance("Note") + 16
        )
        header.setStretchLastSection(True)

        self.actions_by_name: dict[str, QAction] = {}
        toolbar = QToolBar("Rows", self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name, text, shortcut, slot in (
            # the Alt letters serve the Edit menu (Undo and Redo hold U and R there)
            ("add", "&Add row", "Ctrl+Return", self.add_row),
            ("duplicate", "&Duplicate", "Ctrl+D", self.duplicate_row),
            ("remove", "Re&move", "Ctrl+Delete", self.remove_row),
            ("up", "Move u&p", "Ctrl+Shift+Up", self.move_up),
            ("down", "Move do&wn", "Ctrl+Shift+Down", self.move_down),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{action.iconText()} ({QKeySequence(shortcut).toString()})")
            action.triggered.connect(slot)
            toolbar.addAction(action)
            self.addAction(action)
            self.actions_by_name[name] = action
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.view)

    @Slot()
    def fit_columns(self) -> None:
        """Every column as wide as its widest text (header and cells), never less than what
        its typical value needs: no cell reads "trans…" (issue 10 §3). The note, last,
        stretches over what is left."""
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        # an open editor may widen its column's hint (Qt can count it): that column is measured
        # afresh, the others (their cells unchanged) come from what was remembered
        edited = self._edited_columns()
        # what every measurement depends on besides the column's contents
        looks = (
            self.view.font().key(),
            header.font().key(),
            self.view.style().name(),
            self.view.logicalDpiX(),
        )
        for column, (name, _header, _spoken) in enumerate(COLUMNS[:-1]):
            room = metrics.horizontalAdvance(_ROOM_FOR.get(name, "")) + 12
            if name in _LISTS:
                room += 20
            key = (column, (looks, self._column_contents(column)))
            editing = column in edited
            measured = None if editing else self._measured.get(key)
            if measured is None:
                measured = max(
                    self.view.sizeHintForColumn(column),
                    header.sectionSizeFromContents(column).width(),
                )
                if not editing:
                    if len(self._measured) >= _MEASURED_KEPT:
                        self._measured.clear()
                    self._measured[key] = measured
            width = max(room, measured)
            if name in _AT_MOST:
                width = min(width, metrics.horizontalAdvance(_AT_MOST[name]) + 12)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _edited_columns(self) -> frozenset[int]:
        """The columns holding an open editor (none unless a cell is being typed in)."""
        view = self.view
        if view.state() != QAbstractItemView.State.EditingState:
            return frozenset()
        model = self.model
        return frozenset(
            column
            for column in range(len(COLUMNS))
            for row in range(model.rowCount())
            if view.indexWidget(model.index(row, column)) is not None
        )

    def _column_contents(self, column: int) -> tuple[object, ...]:
        """What a column's measured width depends on: its heading and each cell's text (the PRN
        column's text goes with its tick; the delegates draw nothing else that takes room). The
        widths are measured again only when this changes; a refresh after each keystroke
        measured all ten columns (a quarter of building a case window)."""
        model = self.model
        cells = tuple(model.shown_text(row, column) for row in range(model.rowCount()))
        heading = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        return (heading, cells)

    def columns_width(self) -> int:
        """The width the table needs to show every column but the note without scrolling."""
        header = self.view.horizontalHeader()
        return sum(header.sectionSize(c) for c in range(len(COLUMNS) - 1))

    def width_through(self, field: str) -> int:
        """The width the table needs to show its columns up to ``field`` (the row numbers and
        the frame included) without scrolling sideways."""
        header = self.view.horizontalHeader()
        last = next(i for i, column in enumerate(COLUMNS) if column[0] == field)
        columns = sum(header.sectionSize(c) for c in range(last + 1))
        return columns + self.view.verticalHeader().sizeHint().width() + 2 * self.view.frameWidth()

    def table_width(self) -> int:
        """The width the table needs to show every column, the note at least twice as wide as
        its title, with its row numbers, scroll bar and frame (a pane or dialog that holds it
        asks for this much: review L1 and review 5, the Note column behind a scroll bar)."""
        view = self.view
        return (
            self.columns_width()
            + view.verticalHeader().sizeHint().width()
            + view.verticalScrollBar().sizeHint().width()
            + 2 * view.frameWidth()
            + view.fontMetrics().horizontalAdvance("Note") * 2
        )

    def _install_delegates(self) -> None:
        for column, (name, _header, _spoken) in enumerate(COLUMNS):
            delegate: ValidatingDelegate | None = None
            if name in _UNIT_KINDS:
                delegate = QuantityDelegate(
                    self._units_for(name), self._default_unit_for(name), self.view
                )
            elif name == "drug":
                delegate = ChoiceDelegate(self._drug_options, editable=True, parent=self.view)
            elif name == "route":
                delegate = ChoiceDelegate(
                    self._route_options, editable=True, parent=self.view, read_typed=self._route
                )
            elif name == "form":
                delegate = ChoiceDelegate(self._form_options, editable=True, parent=self.view)
            elif name == "frequency":
                delegate = ChoiceDelegate(self._frequency_options, editable=True, parent=self.view)
            if delegate is not None:
                self.view.setItemDelegateForColumn(column, delegate)

    def _route_of(self, row: int) -> str:
        state = self._session.state
        raw = state.rows[row].raw if state is not None and row < len(state.rows) else {}
        return str(raw.get("route") or "").strip().lower()

    def _units_for(self, name: str) -> Callable[[int], tuple[str, ...]]:
        return lambda row: _units_of(_UNIT_KINDS[name], self._route_of(row))

    def _default_unit_for(self, name: str) -> Callable[[int], str]:
        def default(row: int) -> str:

            state = self._session.state
            raw = state.rows[row].raw if state is not None and row < len(state.rows) else {}
            unit = default_unit(name, raw)
            if name == "rate":  # per hour or per 24 h? no unit shown but a patch's (review 19)
                from mps_pain.domain.bare_rate import sole_rate_unit  # start-up seam

                return sole_rate_unit(str(raw.get("route") or "").strip().lower()) or ""
            listed = self._units_for(name)(row) if name in _UNIT_KINDS else (unit,)
            if unit in listed:
                return unit
            # a patch's usual unit (mcg/h) is its Rate's: its Daily total starts per day
            # (clinician review 15, #10), from the list of the column's own dimension
            # start-up seam: the core's units (pint) load when the first amount editor opens
            from mps_pain.unit_kinds import mass_per_day_unit

            per_day = mass_per_day_unit(unit)
            return per_day if per_day in listed else listed[0]

        return default

    # --- options from the catalogue ----------------------------------------------------------
    def _drug_of(self, row: int) -> object | None:
        state, tables = self._session.state, self._session.tables
        if state is None or tables is None or row >= len(state.rows):
            return None
        name = str(state.rows[row].raw.get("drug") or "")
        try:
            return tables.resolve_drug(name, location=None) if name else None
        except LookupError:
            return None

    def _drug_options(self, _row: int) -> list[str]:
        tables = self._session.tables
        return sorted(d.id for d in tables.tables.drugs) if tables else []

    def _route_options(self, row: int) -> list[str]:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.tables.schema import ROUTES

        drug = self._drug_of(row)
        return list(getattr(drug, "routes", None) or ROUTES)

    def _route(self, row: int, typed: str) -> str | None:
        """The route a typed word names ("patch" → transdermal; review 19, M5), or None."""
        from mps_pain.domain.route_words import route_of_word  # start-up seam

        state, tables = self._session.state, self._session.tables
        if tables is None or state is None or row >= len(state.rows):
            return None
        return route_of_word(tables, str(state.rows[row].raw.get("drug") or ""), typed)

    def _form_options(self, row: int) -> list[str]:
        """The drug's forms by the row's route (all of them before a route is chosen): a form
        that does not fit the route is not offered (clinician review 19, M5)."""
        route = self._route_of(row)
        forms = getattr(self._drug_of(row), "forms", [])
        return ["", *(f.id for f in forms if not route or route in f.routes)]

    def _frequency_options(self, _row: int) -> list[str]:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.domain.frequency import FREQUENCY_WORDS

        return list(FREQUENCY_WORDS)

    # --- row actions -------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int = 0) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def add_row(self) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_row_inserted

        state = self._session.state
        if state is None:
            return
        row = self.current_row() + 1 if self.current_row() >= 0 else len(state.rows)
        self._session.push(with_row_inserted(state, row), f"Add row {row + 1}")
        self.select_row(row)

    @Slot()
    def duplicate_row(self) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_row_duplicated

        state, row = self._session.state, self.current_row()
        if state is None or row < 0:
            return
        self._session.push(with_row_duplicated(state, row), f"Duplicate row {row + 1}")
        self.select_row(row + 1)

    @Slot()
    def remove_row(self) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_row_removed

        state, row = self._session.state, self.current_row()
        if state is None or row < 0:
            return
        self._session.push(with_row_removed(state, row), f"Remove row {row + 1}")
        self.select_row(min(row, len(state.rows) - 2))

    def _move(self, delta: int) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_row_moved

        state, row = self._session.state, self.current_row()
        if state is None or row < 0 or not 0 <= row + delta < len(state.rows):
            return
        column = self.view.currentIndex().column()
        self._session.push(with_row_moved(state, row, row + delta), f"Move row {row + 1}")
        self.select_row(row + delta, column)

    @Slot()
    def move_up(self) -> None:
        self._move(-1)

    @Slot()
    def move_down(self) -> None:
        self._move(1)
