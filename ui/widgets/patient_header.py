"""Patient header: every field optional; each one feeds the warnings.

Values are sent to the session as typed; the domain ``Patient`` model decides what is valid and
a refused value keeps a red border and the domain's message as its tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from mps_pain.tables.vocabulary import NOT_STATED, HepaticImpairment
from mps_pain.tables.vocabulary import PATIENT_FACTOR_LABELS as _LABELS
from ui.theme import ERROR_BORDER_STYLE
from ui.unchanged import restyle

if TYPE_CHECKING:
    from ui.editing import EditorState
    from ui.session import EditorSession

__all__ = ["PATIENT_FIELDS", "PatientHeader"]

# field, label, placeholder (the unit the field expects)
_TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("identifier", "Patient", "name or ID"),
    ("age", f"{_LABELS['age']} (years)", "e.g. 67"),
    ("weight", _LABELS["weight"], "e.g. 60 kg"),
    ("egfr", _LABELS["egfr"], "e.g. 45 mL/min"),
    ("creatinine_clearance", _LABELS["creatinine_clearance"], "e.g. 40 mL/min"),
    ("qtc", _LABELS["qtc"], "e.g. 440 ms"),
)
_CHOICES: tuple[tuple[str, str, tuple[tuple[str, Any], ...]], ...] = (
    (
        "hepatic_impairment",
        _LABELS["hepatic_impairment"],
        ((NOT_STATED, None), *((level, level) for level in get_args(HepaticImpairment))),
    ),
    (
        "opioid_tolerant",
        _LABELS["opioid_tolerant"],
        ((NOT_STATED, None), ("yes", True), ("no", False)),
    ),
    ("frail", _LABELS["frail"], ((NOT_STATED, None), ("yes", True), ("no", False))),
    (
        "cancer_or_palliative",
        _LABELS["cancer_or_palliative"],
        ((NOT_STATED, None), ("yes", True), ("no", False)),
    ),
)


_NAME_WIDE = "Takamatsu 2018 case 1"
_NAME_NARROW = "Takamatsu 20"
_MORE_NAME = "More patient details"
#: every field of the strip, in order (tests sweep every field's undo words)
PATIENT_FIELDS = tuple(f[0] for f in (*_TEXT_FIELDS, *_CHOICES))
#: a field whose caption is the strip's own word is named in an undo step by what it holds
#: (clinician review 18 #9: "Undo Edit patient Patient")
_STEP_NAMES = {name: hint for name, _label, hint in _TEXT_FIELDS if name == "identifier"}


class PatientHeader(QFrame):
    """The patient fields in one strip: each caption over its field when the window is wide
    enough for all of them; on a narrower one (scale 2) the name and age beside their captions
    and the rest behind "More", which says what it hides (ui-fix3 #1: the strip scrolled
    sideways)."""

    # the fields were moved (wide or folded): a field put back in the strip goes to the end of
    # the window's Tab order, so the window sets the order again (clinician review 18, #3)
    arranged = Signal()

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # no title line: at 1280×720 that line is worth more to the worked arithmetic; the
        # sentence is the strip's tooltip and is read out by screen readers (issue 10 §3)
        explained = "Patient — every field optional; each one feeds the warnings"
        self.setToolTip(explained)
        self.setAccessibleName("Patient")
        self.setAccessibleDescription(explained)
        self._session = session
        self._had_state = False  # no regimen before the tables load
        self._edits: dict[str, QLineEdit] = {}
        self._combos: dict[str, QComboBox] = {}
        self._captions: dict[str, QLabel] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        # the fields behind More on a narrow window: a panel that opens under the strip (a
        # strip grown by four rows pushed the window past a 1280×720 screen at scale 2)
        self.details = QFrame(self, Qt.WindowType.Popup)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setAccessibleName(_MORE_NAME)
        self._folded = QGridLayout(self.details)
        self._folded.setContentsMargins(8, 6, 8, 6)
        self._folded.setHorizontalSpacing(8)
        self._folded.setVerticalSpacing(4)
        for name, label, placeholder in _TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label)
            edit.setObjectName(f"patient_{name}")
            edit.editingFinished.connect(self._on_text_edited)
            metrics = edit.fontMetrics()
            if name != "identifier":  # short values: leave the width to the patient's name
                hint = metrics.horizontalAdvance(placeholder or "e.g. 45 mL/min")
                edit.setMaximumWidth(hint + 24)
                edit.setMinimumWidth(hint + 12)  # the example is never cut ("e…")
            else:  # a name of about 20 letters shows whole (_arrange: 12 when narrow)
                edit.setMinimumWidth(metrics.horizontalAdvance(_NAME_WIDE) + 14)
            self._edits[name] = edit
            self._captions[name] = _caption(label, edit, self)
        for name, label, options in _CHOICES:
            combo = QComboBox(self)
            for text, value in options:
                combo.addItem(text, value)
            combo.setAccessibleName(label)
            combo.setObjectName(f"patient_{name}")
            combo.activated.connect(self._on_choice)
            self._combos[name] = combo
            self._captions[name] = _caption(label, combo, self)
        self.more = QToolButton(self)
        self.more.setObjectName("patient_more")
        self.more.clicked.connect(self._open_details)
        self.details.installEventFilter(self)  # closed (Esc, a click outside): More again
        self._compact: bool | None = None
        self._arrange(False)
        session.stateChanged.connect(self.refresh)

    # --- layout -------------------------------------------------------------------------------
    def _wide_width(self) -> int:
        """The width every caption over its field needs, side by side."""
        grid = self._grid
        widths = [
            max(self._captions[name].sizeHint().width(), self._field_width(name))
            for name in self._captions
        ]
        margins = grid.contentsMargins()
        spacing = grid.horizontalSpacing() * (len(widths) - 1)
        return sum(widths) + spacing + margins.left() + margins.right()

    def _field_width(self, name: str) -> int:
        """What a field needs: a line edit its example (or the name of about 20 letters), a
        list its longest choice."""
        if name == "identifier":
            return self._edits[name].fontMetrics().horizontalAdvance(_NAME_WIDE) + 14
        if name in self._edits:
            return self._edits[name].minimumWidth()
        return self._combos[name].sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the compact strip (the name, the age and More)."""
        hint = super().minimumSizeHint()
        if not self._compact:
            first = ("identifier", "age")
            needed = sum(
                self._captions[n].sizeHint().width() + self.field_widget(n).minimumWidth()
                for n in first
            )
            return QSize(needed + self.more.sizeHint().width() + 5 * 8 + 12, hint.height())
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < self._wide_width()
        if compact != self._compact:
            QTimer.singleShot(0, lambda: self._arrange(self.width() < self._wide_width()))

    def _arrange(self, compact: bool | None) -> None:
        compact = bool(compact)
        self._compact = compact
        grid, folded = self._grid, self._folded
        self.details.hide()
        for widget in (*self._captions.values(), *self.focus_widgets(), self.more):
            grid.removeWidget(widget)
            folded.removeWidget(widget)
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 0)
        names = list(self._captions)
        name_box = self._edits["identifier"]
        # the name box takes the strip's free width; narrow, it asks for 12 letters (its
        # whole text is its tooltip), so the strip never scrolls sideways
        least = _NAME_NARROW if compact else _NAME_WIDE
        name_box.setMinimumWidth(name_box.fontMetrics().horizontalAdvance(least) + 14)
        if not compact:
            for column, name in enumerate(names):
                for row, widget in enumerate((self._captions[name], self.field_widget(name))):
                    widget.setParent(self)  # back from the details panel
                    grid.addWidget(widget, row, column)
            grid.setColumnStretch(0, 2)
            self.more.hide()
            self._show(names, True)
        else:
            first, rest = names[:2], names[2:]
            for column, name in enumerate(first):
                grid.addWidget(self._captions[name], 0, 2 * column)
                grid.addWidget(self.field_widget(name), 0, 2 * column + 1)
            grid.addWidget(self.more, 0, 4)
            grid.setColumnStretch(1, 1)
            for name, (row, column) in zip(rest, self._rows_of_pairs(rest), strict=True):
                folded.addWidget(self._captions[name], row, column)
                folded.addWidget(self.field_widget(name), row, column + 1)
            self.more.show()
            self._show(names, True)
            self._say_what_more_hides()
        self.updateGeometry()
        self.arranged.emit()

    def _rows_of_pairs(self, names: list[str]) -> list[tuple[int, int]]:
        """Grid places of the folded fields under the first row: as many caption–field pairs
        a row as the strip's width takes (two at scale 2 on 1280×720), never wider."""
        margins = self._grid.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        spacing = self._grid.horizontalSpacing()
        pair = max(
            self._captions[n].sizeHint().width() + self.field_widget(n).sizeHint().width()
            for n in names
        )
        per_row = max(1, min(3, (room + spacing) // (pair + 2 * spacing)))
        return [(at // per_row, 2 * (at % per_row)) for at in range(len(names))]

    @Slot()
    def _open_details(self) -> None:
        """The folded fields in a panel under the strip, the cursor in the first (Esc or a
        click outside closes it; what was typed is kept, as on leaving any field)."""
        self.details.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - self.details.width())
        self.details.move(x, min(below.y(), screen.bottom() - self.details.height()))
        self.details.show()
        self.field_widget(list(self._captions)[2]).setFocus(Qt.FocusReason.PopupFocusReason)
        self._say_what_more_hides()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.details and event.type() == QEvent.Type.Hide:
            self._say_what_more_hides()
            if self._compact:
                self.more.setFocus(Qt.FocusReason.PopupFocusReason)
        return super().eventFilter(watched, event)

    def _show(self, names: list[str], shown: bool) -> None:
        for name in names:
            self._captions[name].setVisible(shown)
            self.field_widget(name).setVisible(shown)

    def _say_what_more_hides(self) -> None:
        """The folded fields in words on the button: a refused or filled value is never out of
        sight (colour is never the only sign)."""
        state = self._session.state
        errors = state.patient_errors if state is not None else {}
        names = list(self._captions)[2:]
        refused = [self._captions[n].text().replace("&", "") for n in names if errors.get(n)]
        filled = [
            f"{self._captions[n].text().replace('&', '')}: {self._value_text(n)}"
            for n in names
            if self._value_text(n)
        ]
        if refused:
            text = f"More (⚠ {len(refused)} refused)"
        elif filled:
            text = f"More ({len(filled)} given)"
        else:
            text = "More"
        self.more.setText(text)
        hidden = "; ".join(filled) or "none given"
        tip = f"Weight, eGFR, CrCl, QTc, liver, tolerance, frailty, cancer. Given: {hidden}"
        if refused:
            tip += f". Refused: {', '.join(refused)}"
        self.more.setToolTip(tip)
        self.more.setAccessibleName(_MORE_NAME)
        self.more.setAccessibleDescription(tip)

    def _value_text(self, name: str) -> str:
        if name in self._edits:
            return self._edits[name].text().strip()
        combo = self._combos[name]
        return combo.currentText() if combo.currentIndex() > 0 else ""

    def field_widget(self, name: str) -> QWidget:
        return self._edits.get(name) or self._combos[name]

    def focus_widgets(self) -> list[QWidget]:
        return [*self._edits.values(), *self._combos.values()]

    def focus_chain(self) -> list[QWidget]:
        """In Tab order: the name, the age, More, then the rest."""
        widgets = self.focus_widgets()
        return [*widgets[:2], self.more, *widgets[2:]]

    @Slot()
    def refresh(self) -> None:
        state = self._session.state
        if state is None:
            return
        if not self._had_state:
            self._had_state = True
            if self._keep_typed_before_load():
                return  # the push refreshed the fields
            state = self._session.state
            assert state is not None
        raw = state.patient_raw
        for name, edit in self._edits.items():
            value = raw.get(name)
            text = (
                "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            )
            if edit.text() != text:
                # also when the field has the focus: an opened file's name must show, and the
                # next focus-out must not push the stale text back (issue 10 §3)
                edit.setText(text)
                edit.setCursorPosition(0)  # a long name shows from its start
            error = state.patient_errors.get(name)
            restyle(edit, ERROR_BORDER_STYLE if error else "")
            edit.setToolTip(error or edit.placeholderText())
        for name, combo in self._combos.items():
            found = combo.findData(raw.get(name))
            combo.setCurrentIndex(found if found >= 0 else 0)
        self._say_what_more_hides()

    def _keep_typed_before_load(self) -> bool:
        """The fields work before the tables have loaded (the window is shown first, ui/app.py):
        what was typed or chosen then goes into the first regimen instead of being wiped by
        it (review L1: one start in nine lost the first keystrokes). True if anything was."""
        # start-up seam: the editing model (pydantic) loads after the first paint (ui/app.py)
        from ui.patient_editing import with_patient_field

        state = self._session.state
        assert state is not None
        typed: dict[str, Any] = {
            name: edit.text().strip() for name, edit in self._edits.items() if edit.text().strip()
        }
        typed |= {
            name: combo.currentData()
            for name, combo in self._combos.items()
            if combo.currentIndex() > 0
        }
        typed = {k: v for k, v in typed.items() if state.patient_raw.get(k) is None}
        if not typed:
            return False
        after = state
        for name, value in typed.items():
            after = with_patient_field(after, name, value)
        self._session.push(after, "Edit patient")
        return True

    def _push(self, name: str, value: Any) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.patient_editing import with_patient_field

        state = self._session.state
        if state is None or state.patient_raw.get(name) == value:
            return
        if value in (None, "") and name not in state.patient_raw:
            return
        after = with_patient_field(state, name, value)
        if _same_reading(after, state):  # "78" for a record's 78.0: no undo step (review 19 L2)
            return
        label = _STEP_NAMES.get(name) or self.field_widget(name).accessibleName()
        self._session.push(after, f"Edit patient {label}")

    @Slot()
    def _on_text_edited(self) -> None:
        for name, edit in self._edits.items():
            if edit is self.sender():
                self._push(name, edit.text().strip())

    @Slot(int)
    def _on_choice(self, _index: int) -> None:
        for name, combo in self._combos.items():
            if combo is self.sender():
                self._push(name, combo.currentData())


def _caption(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    caption = QLabel(text, parent)
    caption.setBuddy(buddy)
    return caption


def _same_reading(after: EditorState, state: EditorState) -> bool:
    """An edit that changes nothing the regimen or its messages read (the same patient, the
    same refusals): it pushes no undo step, which Ctrl+Z would "undo" with nothing changed."""
    return after.document == state.document and after.patient_errors == state.patient_errors
