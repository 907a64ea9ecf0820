"""Table model of the warnings to show: the engine's, plus one per row left out of the total.

The engine numbers items of the valid document; the editor may hold rows that are still being
typed, so row references are mapped back to the editor's row numbers here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from ui.models.index_check import in_table

if TYPE_CHECKING:
    from mps_pain.tables.schema import Severity
    from ui.session import EditorSession

__all__ = ["ROW_ROLE", "ShownWarning", "WarningsModel", "severity_icon"]

ROW_ROLE = Qt.ItemDataRole.UserRole + 10
_HEADERS = ("Severity", "Message", "Source", "Row")
# the engine's summary of excluded rows is replaced by one warning per editor row
_REPLACED_CODES = frozenset({"rows-excluded"})
# the roles ``data`` answers; a view asks each cell for a dozen on every paint and measurement
_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        ROW_ROLE,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)


@dataclass(frozen=True, slots=True)
class ShownWarning:
    severity: Severity
    message: str
    source: str
    row: int | None
    code: str


_ICONS: dict[str, tuple[QStyle, QIcon]] = {}  # severity -> (the style that drew it, icon)


def severity_icon(severity: str) -> QIcon:
    """The style's message-box icon for ``severity``; asked for each warning's cell on every
    paint and measurement, so kept until the application's style changes."""
    style = QApplication.style()
    kept = _ICONS.get(severity)
    if kept is not None and kept[0] is style:
        return kept[1]
    pixmap = {
        "danger": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "caution": QStyle.StandardPixmap.SP_MessageBoxWarning,
    }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
    icon = style.standardIcon(pixmap)
    _ICONS[severity] = (style, icon)
    return icon


def collect_warnings(session: EditorSession) -> list[ShownWarning]:
    """Warnings sorted danger → caution → info, each with the editor row it is about."""
    state, result = session.state, session.result
    if state is None:
        return []
    # start-up seam: the window is built before the engine loads (ui/app.py); state is None then
    from mps_pain.presentation.wording import plain_source, renumbered

    shown: list[ShownWarning] = []
    if session.result_error:
        shown.append(ShownWarning("danger", session.result_error, "", None, "no-result"))
    for row, error in state.invalid_rows():
        if error.unconfirmed:  # an amount kept across a change of drug: to confirm, not wrong
            shown.append(
                ShownWarning(
                    "caution",
                    f"Row {row + 1} is not counted: {error.message}",
                    "",
                    row,
                    "row-unconfirmed",
                )
            )
            continue
        shown.append(
            ShownWarning(
                "danger",
                f"Row {row + 1} is left out of the total: {error.message}",
                "",
                row,
                "row-invalid",
            )
        )
    for row in state.incomplete_rows():
        shown.append(
            ShownWarning(
                "info",
                f"Row {row + 1} is new and empty: choose its drug, route and dose, or remove it "
                "(Ctrl+Delete). It is not counted.",
                "",
                row,
                "row-incomplete",
            )
        )
    if result is not None:
        for left in state.left_out(result):
            label = f"Row {left.row + 1}" if left.row is not None else "A row"
            shown.append(
                ShownWarning(
                    "danger",
                    f"{label} is left out of the total: {left.plain.message}",
                    "",
                    left.row,
                    left.code,
                )
            )
        for warning in result.warnings:
            if warning.code in _REPLACED_CODES:
                continue
            shown.append(
                ShownWarning(
                    warning.severity,
                    renumbered(warning, state.row_of_item),
                    plain_source(warning.source) or "",
                    state.row_of_item(warning.item),
                    warning.code,
                )
            )
    for message in state.patient_errors.values():
        shown.append(ShownWarning("caution", f"{message} (ignored)", "", None, "patient-invalid"))
    # start-up seam: the engine's models load after the first paint (ui/app.py)
    from mps_pain.domain.results import SEVERITY_ORDER

    return sorted(shown, key=lambda w: SEVERITY_ORDER[w.severity])


class WarningsModel(QAbstractTableModel):
    def __init__(self, session: EditorSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._warnings: list[ShownWarning] = []
        session.resultChanged.connect(self.refresh)
        session.stateChanged.connect(self._on_state_changed)
        self.refresh()

    # --- Qt overrides -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._warnings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return _HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in _ANSWERED_ROLES:
            return None
        if not in_table(self, index, len(self._warnings), len(_HEADERS)):
            return None
        warning = self._warnings[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return warning.row
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                warning.severity,
                warning.message,
                warning.source,
                "" if warning.row is None else str(warning.row + 1),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return severity_icon(warning.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = (
                "" if warning.row is None else f"\n(double-click to go to row {warning.row + 1})"
            )
            source = f"\nSource: {warning.source}" if warning.source else ""
            return f"{warning.severity.upper()}: {warning.message}{source}{where}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{warning.severity}: {warning.message}"
        return None

    # --- our methods --------------------------------------------------------------------------
    def warnings(self) -> list[ShownWarning]:
        return list(self._warnings)

    @Slot()
    def _on_state_changed(self) -> None:
        # with the tables loaded, a new state is always followed by its result
        # (``EditorSession.apply_state`` → ``recompute`` → ``resultChanged``): the list is made
        # once, from both, not first from the new state and the old result
        if self._session.tables is None:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        warnings = collect_warnings(self._session)
        if warnings == self._warnings:
            return  # the same list: the view keeps its rows (and the selection) as they are
        self.beginResetModel()
        self._warnings = warnings
        self.endResetModel()
