"""QAbstractTableModel adapting the session's regimen rows for the editor view.

It reads the domain state and the MME result, and sends every edit to the session as a new
state. It computes nothing: the MME column shows the engine's line, the error roles show the
domain's messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from mps_pain.sentences import then
from ui.models.amount_cells import AmountAsTyped, as_read, refused_mark
from ui.models.index_check import in_table
from ui.models.regimen_columns import (
    ANSWERED_ROLES,
    COLUMNS,
    ERROR_BRUSH,
    ERROR_ROLE,
    FIELD_ROLE,
    FLAGS,
    MME_COLUMN,
)
from ui.models.rescue_orders import checked_tip, rescue_cell, without_rescues

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeLine
    from ui.session import EditorSession

__all__ = [
    "COLUMNS",
    "ERROR_ROLE",
    "FIELD_ROLE",
    "MME_COLUMN",
    "RegimenTableModel",
]


def _amount(entry: Any) -> str | None:
    """The field of a row's amount when it waits to be confirmed (see ``editing.RowError``)."""
    error = entry.error
    return error.field if error is not None and error.unconfirmed else None


class RegimenTableModel(QAbstractTableModel):
    """Rows of the regimen being edited; columns are the item's fields plus its MME line."""

    def __init__(self, session: EditorSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._row_count = 0
        self._exclusions: tuple[object, object, list[tuple[int, str | None, str]]] | None = None
        self.rescue_rows: dict[int, str] = {}  # the check's rescue orders (its rule), hover words
        self.check_ome: dict[int, float] = {}  # each row's OME as the check's verdict sums it
        self._heading: object = None  # the MME column's heading as last told to the views
        self._readings: list[tuple[object, ...]] = []  # each row's ``_reading`` as last told
        session.stateChanged.connect(self._on_state_changed)
        session.resultChanged.connect(self._on_result_changed)
        self._tell_views()

    # --- Qt overrides -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._row_count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._row_count:
                return str(section + 1)
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        name, header, spoken = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "mme" and self._session.result is not None:
                return f"{self._session.result.output_label}/day"
            return header
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return spoken
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not in_table(self, index, self._row_count, len(COLUMNS)):
            return Qt.ItemFlag.NoItemFlags
        return FLAGS[index.column()]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in ANSWERED_ROLES:
            return None
        if not in_table(self, index, self._row_count, len(COLUMNS)):
            return None
        state = self._session.state
        if state is None or index.row() >= len(state.rows):
            return None
        name = COLUMNS[index.column()][0]
        if role == FIELD_ROLE:
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown_text(index.row(), index.column())
        if name == "mme":
            return self._mme_data(index.row(), role)
        entry = state.rows[index.row()]
        value = entry.raw.get(name, "")
        if role == Qt.ItemDataRole.CheckStateRole and name == "prn":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole:
            if name == "prn":
                return bool(value)
            return "" if value is None else str(value)
        if role == ERROR_ROLE:
            return self.cell_error(index.row(), name)
        if role == Qt.ItemDataRole.ToolTipRole:
            error = self.cell_error(index.row(), name)
            if error is None and name == "note" and value:
                return str(value)  # the note column is elided when narrow: whole on hover
            if error is None and name == "rate" and value:  # cut when long (re-check 21b, D6)
                return self.shown_text(index.row(), index.column())
            return error or COLUMNS[index.column()][2]
        if role == Qt.ItemDataRole.BackgroundRole and self.cell_error(index.row(), name):
            return ERROR_BRUSH
        if role == Qt.ItemDataRole.DecorationRole and self.cell_error(index.row(), name):
            return refused_mark()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            error = self.cell_error(index.row(), name)
            text = f"{COLUMNS[index.column()][2]}: {value or 'empty'}"
            return then(text, f". Error: {error}") if error else text
        return None

    def shown_text(self, row: int, column: int) -> str:
        """What the cell at ``row`` (< ``rowCount()``), ``column`` shows (its DisplayRole); the
        PRN column's text ("yes" or nothing) goes with its tick."""
        name = COLUMNS[column][0]
        if name == "mme":
            return str(self._mme_data(row, Qt.ItemDataRole.DisplayRole))
        state = self._session.state
        value = state.rows[row].raw.get(name, "") if state is not None else ""
        if name == "prn":
            return "yes" if value else ""
        if name == "form" and value:
            # start-up seam: the window module loads no mps_pain.presentation (ui/app.py)
            from mps_pain.presentation.spoken import form_cell

            return form_cell(str(value), self._session.effective_market())
        typed = state.rows[row].typed.get(name) if state is not None else None
        if typed is not None and self.cell_error(row, name):
            return typed  # refused: exactly as typed, never with the list's unit added
        # start-up seam: the window module loads no mps_pain.presentation (ui/app.py)
        from mps_pain.presentation.staged_cell import staged_cell

        read = as_read(state.rows[row].item if state is not None else None, name, value)
        raw = state.rows[row].raw if state is not None else {}
        return staged_cell(
            name, read, raw.get("note"), raw.get("stops_after"), raw.get("first_part")
        )

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_cell

        state = self._session.state
        if state is None or not in_table(self, index, self._row_count, len(COLUMNS)):
            return False
        name = COLUMNS[index.column()][0]
        if name == "mme":
            return False
        if name == "prn":
            if role == Qt.ItemDataRole.CheckStateRole:
                value = Qt.CheckState(value) == Qt.CheckState.Checked
            elif role == Qt.ItemDataRole.EditRole:
                value = bool(value)
            else:
                return False
        elif role != Qt.ItemDataRole.EditRole:
            return False
        typed = None
        if isinstance(value, AmountAsTyped):
            value, typed = value.text, (value.typed if value.typed != value.text else None)
        if name != "prn":
            value = "" if value is None else str(value)
        entry = state.rows[index.row()]
        confirming = bool(value) and name == _amount(entry)  # the kept amount entered again
        if entry.raw.get(name) == value and entry.typed.get(name) == typed and not confirming:
            return True
        header = COLUMNS[index.column()][1]
        self._session.push(
            with_cell(state, index.row(), name, value, drug_id=self._drug_id, typed=typed),
            f"Edit {header} in row {index.row() + 1}",
        )
        return True

    def confirm_amount(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """Enter on a row's kept amount (typed for another drug): it is confirmed as the dose of
        the drug the row now names, and counted again (clinician review 3)."""
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import with_amount_confirmed

        state = self._session.state
        if state is None or not index.isValid() or index.row() >= len(state.rows):
            return False
        entry = state.rows[index.row()]
        if entry.typed_for is None or COLUMNS[index.column()][0] != _amount(entry):
            return False
        header = COLUMNS[index.column()][1]
        self._session.push(
            with_amount_confirmed(state, index.row()),
            f"Confirm {header} in row {index.row() + 1}",
        )
        return True

    def _drug_id(self, name: str) -> str | None:
        tables = self._session.tables
        if tables is None or not name.strip():
            return None
        try:
            return str(tables.resolve_drug(name.strip(), location=None).id)
        except LookupError:
            return None

    # --- our methods --------------------------------------------------------------------------
    def column_of(self, name: str) -> int:
        return next(i for i, column in enumerate(COLUMNS) if column[0] == name)

    def cell_error(self, row: int, name: str) -> str | None:
        """Why this cell is refused (or the row, shown on Drug when no field is named)."""
        state = self._session.state
        if state is None or row >= len(state.rows):
            return None
        error = state.rows[row].error
        said = error.on(name) if error is not None and not error.incomplete else None
        if said is not None:
            return said
        for excluded_row, field, message in self._engine_exclusions():
            if excluded_row == row and (field == name or (field is None and name == "drug")):
                return message
        return None

    def is_incomplete(self, row: int) -> bool:
        """A new row nobody has typed in yet: not counted, not a danger."""
        state = self._session.state
        return state is not None and row in state.incomplete_rows()

    def is_unconfirmed(self, row: int) -> bool:
        """The row's amount was typed for another drug and waits to be confirmed."""
        state = self._session.state
        if state is None or row >= len(state.rows):
            return False
        return _amount(state.rows[row]) is not None

    def row_problem(self, row: int) -> str | None:
        """Why this row is left out of the total, or None when it counts (or is still blank)."""
        state = self._session.state
        if state is None or row >= len(state.rows):
            return None
        error = state.rows[row].error
        if error is not None:
            return None if error.incomplete else error.message
        for excluded_row, _field, message in self._engine_exclusions():
            if excluded_row == row:
                return message
        return None

    def _engine_exclusions(self) -> list[tuple[int, str | None, str]]:
        """(row, field, message) of each row the result leaves out; read for every cell's
        colour and tooltip, so worked out once per state and result (both immutable, replaced
        on every change)."""
        state, result = self._session.state, self._session.result
        if state is None or result is None:
            return []
        cached = self._exclusions
        if cached is not None and cached[0] is state and cached[1] is result:
            return without_rescues(cached[2], self.rescue_rows)
        found = [
            (left.row, left.plain.field, left.plain.message)
            for left in state.left_out(result)
            if left.row is not None
        ]
        self._exclusions = (state, result, found)
        return without_rescues(found, self.rescue_rows)

    def accept_check(self, rescues: dict[int, str], valued: dict[int, float]) -> None:
        """The check's reading of the rows: its breakthrough orders (never drawn refused) and
        each row's OME as its verdict sums it (re-check 17b #4: the rows add up to its total)."""
        if (rescues, valued) != (self.rescue_rows, self.check_ome):
            self.rescue_rows, self.check_ome = rescues, valued
            self._tell_views()

    def line_for_row(self, row: int) -> MmeLine | None:
        state, result = self._session.state, self._session.result
        if state is None or result is None:
            return None
        for line in result.items:
            if state.row_of_item(line.index) == row:
                return line
        return None

    def _mme_data(self, row: int, role: int) -> Any:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.units import format_number

        line = self.line_for_row(row)
        problem = self.row_problem(row)
        if row in self.rescue_rows and problem is None:
            return rescue_cell(role, self.rescue_rows[row])
        if role == Qt.ItemDataRole.DisplayRole:
            if self.is_incomplete(row):
                return "incomplete"
            if self.is_unconfirmed(row):
                return "confirm dose"
            if problem is not None:
                return "excluded"
            if line is None:
                return ""
            if line.mme_per_day is None:
                return "adjuvant"
            shown = format_number(self.check_ome.get(row, line.mme_per_day))
            return shown if line.counted else f"({shown}) not counted"
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_incomplete(row):
                return "New row: not counted until it is filled in."
            if problem is not None and self.is_unconfirmed(row):
                return problem
            if problem is not None:
                return f"Left out of the total: {problem}"
            return checked_tip(line, self.check_ome.get(row)) if line is not None else None
        if role == ERROR_ROLE:
            return problem
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Row contribution: {line.explanation}" if line is not None else problem
        return None

    def _reading(self, row: int) -> tuple[object, ...]:
        """All that the cells of ``row`` are drawn from (see ``data``): the row as typed, its
        line of the result, why the engine left it out, the check's reading of it."""
        state = self._session.state
        entry = state.rows[row] if state is not None else None
        left = tuple(found for found in self._engine_exclusions() if found[0] == row)
        line = self.line_for_row(row)
        return (entry, line, left, self.rescue_rows.get(row), self.check_ome.get(row))

    @Slot()
    def _on_state_changed(self) -> None:
        # with the tables loaded the result follows (``EditorSession.apply_state`` →
        # ``recompute``), and ``_on_result_changed`` tells the views once, from both: a new row
        # count is one reset (not a reset, then every cell changed again with the result)
        if self._session.tables is None:
            self._tell_views()

    @Slot()
    def _on_result_changed(self) -> None:
        self._tell_views()

    def _tell_views(self) -> None:
        """One notice of a change: a reset when the row count changed, else the rows that read
        differently (one range, from the first to the last); the MME heading only when its words
        changed (telling a view that a heading changed lays the table out and repaints all of
        it again, a second time after each edit)."""
        state = self._session.state
        count = len(state.rows) if state is not None else 0
        told, self._readings = self._readings, [self._reading(row) for row in range(count)]
        if count != self._row_count:
            self.beginResetModel()
            self._row_count = count
            self.endResetModel()
        elif changed := [row for row in range(count) if told[row] != self._readings[row]]:
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], last))
        heading = self.headerData(MME_COLUMN, Qt.Orientation.Horizontal)
        if heading != self._heading:
            self._heading = heading
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, MME_COLUMN, MME_COLUMN)
