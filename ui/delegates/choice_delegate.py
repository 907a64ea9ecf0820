"""Editor for a field chosen from a list (drug, route, form, frequency).

The list depends on the row (a drug's routes and forms come from the catalogue). Editable
lists still accept free text, so a misspelt drug reaches the domain and comes back with its
"did you mean" message on the cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QStyleOptionViewItem,
    QWidget,
)

from ui.delegates.validating_delegate import ValidatingDelegate

__all__ = ["ChoiceDelegate", "OptionsFor"]

OptionsFor = Callable[[int], list[str]]


class ChoiceDelegate(ValidatingDelegate):
    def __init__(
        self, options_for: OptionsFor, *, editable: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._options_for = options_for
        self._editable = editable

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self._editable)
        options = self._options_for(index.row())
        combo.addItems(options)
        if self._editable:
            completer = QCompleter(options, combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            combo.setCompleter(completer)
        header = index.model().headerData(
            index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
        combo.setAccessibleName(str(header))
        if not self._editable:
            combo.activated.connect(self._commit_from_list)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        found = editor.findText(text, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            editor.setCurrentIndex(found)
        elif self._editable:
            editor.setCurrentText(text)
        else:
            editor.setCurrentIndex(-1)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        if not self._editable and editor.currentIndex() < 0:
            return
        model.setData(index, editor.currentText().strip(), Qt.ItemDataRole.EditRole)

    @Slot()
    def _commit_from_list(self) -> None:
        editor = self.sender()
        if isinstance(editor, QWidget):
            self.commitData.emit(editor)
