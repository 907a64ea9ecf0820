"""Editor for a number with its unit (dose, rate, daily total, concentration).

The number box takes any text: the domain decides what is valid, and a refused value stays in
the cell with a red border and the domain's message. Tab moves from the number to the unit (or,
when the unit was typed in the number box and the list is greyed, straight on), and from the
unit to the next cell (ui/table_keys.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStyleOptionViewItem,
    QWidget,
)

from ui.delegates.validating_delegate import ValidatingDelegate, typing_in
from ui.models.amount_cells import AmountAsTyped
from ui.models.regimen_table_model import ERROR_ROLE
from ui.table_keys import is_tab, tab_in_table

__all__ = ["QuantityDelegate", "QuantityEditor", "split_quantity"]

_SPLIT = re.compile(r"^\s*(?P<number>[-+]?[0-9.,eE+-]*)\s*(?P<unit>.*?)\s*$")


def split_quantity(text: str) -> tuple[str, str]:
    """``"10 mg"`` → ``("10", "mg")``; text that is not a number stays in the number part."""
    match = _SPLIT.match(text or "")
    if match is None or (not match.group("number") and match.group("unit")):
        return text.strip(), ""
    return match.group("number"), match.group("unit")


def _is_number(text: str) -> bool:
    try:
        value = float(text)
    except ValueError:
        return False
    return value == value  # not NaN


class QuantityEditor(QWidget):
    """A number box and a list of units, side by side.

    Typing a unit into the number box ("25 mcg/h") is taken exactly as typed: the unit list then
    shows that unit, greyed (taken from the text), and returns to the chosen unit when the typed
    one is removed (clinician review 5, #6: "30 mg" beside "mg/day"). A refused value comes back
    into the number box as it was typed, and no unit is ever appended to text that is not a
    plain number.

    ``changed`` is emitted once per change of the amount shown, after both boxes have settled
    (a key that also changes the unit list is one change, not two or three).
    """

    changed = Signal()

    def __init__(
        self, units: tuple[str, ...], default_unit: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.number = QLineEdit(self)
        self.number.setAccessibleName("Amount (a number, or a number and its unit)")
        self.number.setPlaceholderText("amount")
        self.unit = QComboBox(self)
        if not default_unit:  # no unit until one is chosen: a bare number is sent bare
            self.unit.addItem("")
        self.unit.addItems(list(units))
        self.unit.setAccessibleName("Unit")
        self._default_unit = default_unit
        self._chosen: str | None = None  # the list's unit while a typed unit replaces it
        self._added: str | None = None  # a typed unit the list does not offer, shown for now
        self._select_unit(default_unit)
        self._settling = False  # the number box's change is moving the unit list along
        self.number.textChanged.connect(self._number_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.number, 3)
        layout.addWidget(self.unit, 2)
        self.setFocusProxy(self.number)
        self.setAutoFillBackground(True)

    def _select_unit(self, unit: str) -> None:
        if not unit and self.unit.findText("") < 0:
            return
        found = self.unit.findText(unit)
        if found < 0:
            self.unit.addItem(unit)
            found = self.unit.count() - 1
        self.unit.setCurrentIndex(found)

    def set_default_unit(self, unit: str) -> None:
        """A new default (the route changed): the list shows it, unless the unit shown was
        chosen by hand (it is not the old default); a unit taken from the typed amount stays,
        and removing it returns to the new default."""
        old, self._default_unit = self._default_unit, unit
        if self._chosen is not None:
            if self._chosen == old:
                self._chosen = unit
        elif self.unit.currentText() == old:
            self._select_unit(unit)

    def _number_changed(self, text: str) -> None:
        self._settling = True
        try:
            self._follow_typed_unit(text)
        finally:
            self._settling = False
        self.changed.emit()

    def _unit_changed(self, _index: int) -> None:
        if not self._settling:
            self.changed.emit()

    def _follow_typed_unit(self, text: str) -> None:
        number, unit = split_quantity(text)
        if unit and number and _is_number(number):
            if self._chosen is None:
                self._chosen = self.unit.currentText()
            if self.unit.currentText() != unit:
                before, self._added = self._added, None
                if self.unit.findText(unit) < 0:
                    self._added = unit
                self._select_unit(unit)
                if before is not None and before != unit:
                    self.unit.removeItem(self.unit.findText(before))
            self.unit.setEnabled(False)
            self.unit.setToolTip(f"Unit taken from the amount as typed: {unit}")
            return
        if self._chosen is not None:
            chosen, self._chosen = self._chosen, None
            self._select_unit(chosen)
            self._drop_added()
        # text read as typed ("ten mg") does not use the list either: greyed, so Tab goes on
        # as it does after "30 mg" (clinician review 13, #6: Tab stopped on it and "bd" was lost)
        as_typed = bool(text.strip()) and not _is_number(text.strip())
        self.unit.setEnabled(not as_typed)
        self.unit.setToolTip(
            "The amount is read as typed: the unit list is not used" if as_typed else ""
        )

    def take_typed(self, text: str) -> bool:
        """Text typed on the unit list that starts none of its units goes into the number box,
        never lost ("5", Tab, "q4h" vanished: review 13, #6); the domain then reads or refuses
        it, marked red, as typed."""
        if not text or not text.isprintable() or text.isspace():
            return False
        units = (self.unit.itemText(i).lower() for i in range(self.unit.count()))
        if any(unit.startswith(text.lower()) for unit in units):
            return False  # the list's own search ("m" for mg)
        current = self.number.text()
        space = " " if current[-1:].isdigit() and not text[0].isdigit() else ""
        self.number.setFocus(Qt.FocusReason.OtherFocusReason)  # before the list is greyed
        self.number.setText(f"{current}{space}{text}")
        return True

    def _drop_added(self) -> None:
        if self._added is not None:
            found = self.unit.findText(self._added)
            if found >= 0 and found != self.unit.currentIndex():
                self.unit.removeItem(found)
            self._added = None

    def text(self) -> str:
        number = self.number.text().strip()
        if not number or not _is_number(number):
            return number  # as typed: "25 mcg/h" is read by the domain, "abc" is refused
        return f"{number} {self.unit.currentText().strip()}".strip()

    def set_text(self, text: str, *, refused: bool = False) -> None:
        """Show ``text``: a number in the field's default unit goes in the two boxes.

        Any other amount (another unit, refused or not) is shown whole in the number box, exactly
        as typed, its unit greyed in the list, with the field's default unit behind it: a bare
        number typed over it means what it means in an empty cell (the default unit; an
        infusion's Rate, which has none, refused naming its units), never the earlier unit kept
        without a word (clinician review 21, N4: "30" over "40 mg/day" read 30 mg/day, "45" over
        "30 mg/h" 45 mg/h, while a new row refused a bare rate). ``refused`` is kept for the
        callers: a refused value is shown by the same rule.
        """
        del refused  # one rule for every amount shown: see above
        number, unit = split_quantity(text)
        # a number in the default unit ("-5" typed, stored "-5 mcg/h") reopens in the two boxes,
        # as typed (review 4, D13)
        if unit and unit == self._default_unit and number and _is_number(number):
            self.number.setText(number)
            self._select_unit(unit)
        else:
            self.number.setText(text.strip())
            if self._chosen is not None:  # the unit taken from the text, the default behind it
                self._chosen = self._default_unit
            else:
                self._select_unit(self._default_unit)


class QuantityDelegate(ValidatingDelegate):
    """Number-and-unit cells; the default unit follows the row's drug and route."""

    def __init__(
        self,
        units: Callable[[int], tuple[str, ...]],
        default_unit: Callable[[int], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # asked when an editor opens, for its row (the units follow the route): the core loads
        # after the first paint
        self._units = units
        self._default_unit = default_unit

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QuantityEditor(self._units(index.row()), self._default_unit(index.row()), parent)
        editor.number.installEventFilter(self)
        editor.unit.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QuantityEditor)
        if typing_in(editor):
            return  # what is being typed stays until Enter or Esc
        refused = bool(index.data(ERROR_ROLE))
        editor.set_text(str(index.data(Qt.ItemDataRole.EditRole) or ""), refused=refused)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QuantityEditor)
        typed = AmountAsTyped(editor.text(), editor.number.text().strip())
        model.setData(index, typed, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 160), rect.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = watched.parent() if isinstance(watched, QWidget) else None
        if not isinstance(parent, QuantityEditor):
            return super().eventFilter(watched, event)
        # a child of the editor (number box, unit list): never treated as the editor itself
        if event.type() == QEvent.Type.FocusOut:
            self._leave_if_focus_went_away(parent)
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        plain_text = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if watched is parent.unit and plain_text and parent.take_typed(event.text()):
            return True
        return self._key(parent, watched, event.key(), event.modifiers())

    def _key(
        self, parent: QuantityEditor, watched: QObject, key: int, modifiers: Qt.KeyboardModifier
    ) -> bool:
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish(parent, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        if key == Qt.Key.Key_Escape:
            self._finish(parent, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            return True
        inside = not modifiers & Qt.KeyboardModifier.ControlModifier
        plain = inside and not modifiers & Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Tab and watched is parent.number and plain and parent.unit.isEnabled():
            parent.unit.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if key == Qt.Key.Key_Backtab and watched is parent.unit and inside:
            parent.number.setFocus(Qt.FocusReason.BacktabFocusReason)
            return True
        if is_tab(key):
            # the next (previous) cell, or out of the table with Ctrl (ui/table_keys.py)
            viewport = parent.parentWidget()
            view = viewport.parentWidget() if viewport is not None else None
            self._finish(parent, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            if isinstance(view, QAbstractItemView):
                tab_in_table(view, key, modifiers)
            return True
        return False

    def _finish(self, editor: QuantityEditor, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if editor.property("closing"):
            return
        editor.setProperty("closing", True)
        if hint != QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _leave_if_focus_went_away(self, editor: QuantityEditor) -> None:
        focus = QApplication.focusWidget()
        if focus is None or editor.isAncestorOf(focus) or focus is editor:
            return
        if QApplication.activePopupWidget() is not None:
            return  # the unit list's popup is open
        self._finish(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
