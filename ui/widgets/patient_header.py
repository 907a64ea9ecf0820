"""Patient header: every field optional; each one feeds the warnings.

Values are sent to the session as typed; the domain ``Patient`` model decides what is valid and
a refused value keeps a red border and the domain's message as its tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from mps_pain.tables.vocabulary import HepaticImpairment
from ui.theme import ERROR_BORDER_STYLE

if TYPE_CHECKING:
    from ui.session import EditorSession

__all__ = ["PatientHeader"]

# field, label, placeholder (the unit the field expects)
_TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("identifier", "Patient", "name or ID"),
    ("age", "Age (years)", "e.g. 67"),
    ("weight", "Weight", "e.g. 60 kg"),
    ("egfr", "eGFR", "e.g. 45 mL/min"),
    ("creatinine_clearance", "CrCl", "e.g. 40 mL/min"),
    ("qtc", "QTc", "e.g. 440 ms"),
)
_CHOICES: tuple[tuple[str, str, tuple[tuple[str, Any], ...]], ...] = (
    (
        "hepatic_impairment",
        "Hepatic impairment",
        (("not stated", None), *((level, level) for level in get_args(HepaticImpairment))),
    ),
    ("opioid_tolerant", "Opioid tolerant", (("not stated", None), ("yes", True), ("no", False))),
    ("frail", "Frail", (("not stated", None), ("yes", True), ("no", False))),
    (
        "cancer_or_palliative",
        "Cancer / palliative care",
        (("not stated", None), ("yes", True), ("no", False)),
    ),
)


class PatientHeader(QFrame):
    """A compact two-row grid of the patient fields."""

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
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        column = 0
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
            else:  # a name of about 20 letters shows whole; the strip scrolls if needed
                edit.setMinimumWidth(metrics.horizontalAdvance("Takamatsu 2018 case 1") + 14)
            caption = QLabel(label, self)
            caption.setBuddy(edit)
            grid.addWidget(caption, 0, column)
            grid.addWidget(edit, 1, column)
            self._edits[name] = edit
            column += 1
        for name, label, options in _CHOICES:
            combo = QComboBox(self)
            for text, value in options:
                combo.addItem(text, value)
            combo.setAccessibleName(label)
            combo.setObjectName(f"patient_{name}")
            combo.activated.connect(self._on_choice)
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            grid.addWidget(caption, 0, column)
            grid.addWidget(combo, 1, column)
            self._combos[name] = combo
            column += 1
        grid.setColumnStretch(0, 2)
        session.stateChanged.connect(self.refresh)

    def field_widget(self, name: str) -> QWidget:
        return self._edits.get(name) or self._combos[name]

    def focus_chain(self) -> list[QWidget]:
        return [*self._edits.values(), *self._combos.values()]

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
            edit.setStyleSheet(ERROR_BORDER_STYLE if error else "")
            edit.setToolTip(error or edit.placeholderText())
        for name, combo in self._combos.items():
            found = combo.findData(raw.get(name))
            combo.setCurrentIndex(found if found >= 0 else 0)

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
        label = self.field_widget(name).accessibleName()
        self._session.push(with_patient_field(state, name, value), f"Edit patient {label}")

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
