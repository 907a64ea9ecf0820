"""Editor for a field chosen from a list (drug, route, form, frequency).

The list depends on the row (a drug's routes and forms come from the catalogue). Editable
lists still accept free text, so a misspelt drug reaches the domain and comes back with its
"did you mean" message on the cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QStyleOptionViewItem,
    QWidget,
)
from shiboken6 import isValid

from ui.delegates.validating_delegate import ValidatingDelegate, typing_in
from ui.table_keys import is_tab, tab_in_table

__all__ = ["ChoiceDelegate", "OptionsFor"]

OptionsFor = Callable[[int], list[str]]
ReadTyped = Callable[[int, str], str | None]


class ChoiceDelegate(ValidatingDelegate):
    def __init__(
        self,
        options_for: OptionsFor,
        *,
        editable: bool,
        parent: QObject | None = None,
        read_typed: ReadTyped | None = None,
    ) -> None:
        super().__init__(parent)
        self._options_for = options_for
        self._editable = editable
        # a word typed for a choice, read as the choice it names ("patch" → transdermal)
        self._read_typed = read_typed

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
            _complete_prefix_first(combo, options, self)
        header = index.model().headerData(
            index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
        combo.setAccessibleName(str(header))
        if not self._editable:
            combo.activated.connect(self._commit_from_list)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        if typing_in(editor):
            return  # what is being typed stays until Enter or Esc
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        found = editor.findText(text, Qt.MatchFlag.MatchFixedString)
        if found >= 0:
            editor.setCurrentIndex(found)
        elif self._editable:
            editor.setCurrentText(text)
        else:
            editor.setCurrentIndex(-1)
        line = editor.lineEdit()
        if line is not None:
            line.selectAll()  # typing replaces the text, as in every cell; F2 then End edits

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter commits the cell even while the suggestions are open (the highlighted one, if
        any, is taken first); the editor then closes, so the next arrow key moves between cells.
        Tab and Shift+Tab do the same and then open the next or previous cell (Ctrl+Tab leaves
        the table: ui/table_keys.py), also from the open suggestions (clinician review 12, #2)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            combo = _combo_of(watched)
            key = event.key()
            if combo is not None and (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or is_tab(key)):
                self._commit_and_close(combo)
                view = _view_of(combo)
                if is_tab(key) and view is not None:
                    tab_in_table(view, key, event.modifiers())
                return True
        if not isinstance(watched, QComboBox):
            return False  # the suggestion list is not an editor of this view
        return super().eventFilter(watched, event)

    def _commit_and_close(self, combo: QComboBox) -> None:
        completer = combo.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            current = popup.currentIndex()
            line = combo.lineEdit()
            if current.isValid() and line is not None:
                line.setText(str(current.data()))
            popup.hide()
        if not combo.property("closing"):
            combo.setProperty("closing", True)
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        if not self._editable and editor.currentIndex() < 0:
            return
        text = editor.currentText().strip()
        if self._read_typed is not None and editor.findText(text) < 0:
            text = self._read_typed(index.row(), text) or text
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    @Slot()
    def _commit_from_list(self) -> None:
        editor = self.sender()
        if isinstance(editor, QWidget):
            self.commitData.emit(editor)


def _combo_of(watched: QObject) -> QComboBox | None:
    """The cell's combo box for the combo itself, its line edit or its suggestion list."""
    widget: QObject | None = watched
    while widget is not None:
        if isinstance(widget, QComboBox):
            return widget
        if isinstance(widget, QAbstractItemView):
            owner = widget.property("choiceCombo")
            return owner if isinstance(owner, QComboBox) else None
        widget = widget.parent()
    return None


def _view_of(combo: QComboBox) -> QAbstractItemView | None:
    """The table the cell's editor sits in (the editor's parent is the view's viewport)."""
    viewport = combo.parentWidget()
    view = viewport.parentWidget() if viewport is not None else None
    return view if isinstance(view, QAbstractItemView) else None


def _complete_prefix_first(combo: QComboBox, options: list[str], delegate: QObject) -> None:
    """Suggestions as typed: names that start with the text first, then names that contain it.

    A different drug is never listed ahead of an exact or prefix match ("morph" → morphine first,
    not hydromorphone).
    """
    model = QStringListModel(options, combo)
    completer = QCompleter(model, combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    popup = completer.popup()
    assert popup is not None  # QCompleter makes its list on first use
    popup.setProperty("choiceCombo", combo)

    def refine(text: str) -> None:
        needle = text.strip().lower()
        starts = [o for o in options if o.lower().startswith(needle)]
        contains = [o for o in options if needle in o.lower() and o not in starts]
        model.setStringList(starts + contains)
        if needle and model.rowCount():
            completer.complete()
        elif isValid(popup):  # the cell's editor may have closed before this late signal
            popup.hide()

    if line is not None:
        line.textEdited.connect(refine)
    popup.installEventFilter(delegate)  # after the completer's own filter, so it runs first
