"""Saved switching plans and checks: listed, and re-opened with everything they were made with."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mps_pain.persistence.records import SavedPlan
from mps_pain.presentation.records import account_text
from ui.plain_language import set_name
from ui.records.local_time import local_text
from ui.records.record_words import NO_SAVED_PLANS
from ui.records.saved_words import saved_heading, saved_html, saved_line
from ui.screen_fit import resize_to_fit

__all__ = ["PlanDialog", "PlansView"]


class PlanDialog(QDialog):
    """A saved plan or check as it was stored: inputs, outputs, table and app version."""

    def __init__(self, plan: SavedPlan, current_sha256: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Saved {plan.kind}: {saved_heading(plan)}")
        resize_to_fit(self, 640, 520, name="saved_plan")
        same = plan.table_sha256 == current_sha256
        provenance = QLabel(
            f"<b>{saved_heading(plan)}</b> — saved {local_text(plan.created_at)}, "
            f"{html.escape(account_text(plan.created_by))}<br>"
            f"Table {set_name(plan.table_id)} v{plan.table_version} "
            f"(SHA-256 {plan.table_sha256[:12]}…), mps-pain {plan.app_version}<br>"
            + (
                "The tables loaded now are the same file."
                if same
                else "<span style='color:#b22'>The tables loaded now differ from the ones this "
                "was made with: re-running it today may give other numbers.</span>"
            )
        )
        provenance.setWordWrap(True)
        text = QTextBrowser()
        text.setAccessibleName(f"The saved {plan.kind}, as it was made")
        text.setHtml(saved_html(plan))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(provenance)
        layout.addWidget(text)
        layout.addWidget(buttons)
        # a record is read, then closed: Enter or Space closes it (review 3: the focus was in
        # the text, so a key press did nothing visible); Tab reaches the text to scroll it
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)


class PlansView(QWidget):
    """The list of saved plans; *Open* (or double-click) emits ``planOpened`` with the plan."""

    planOpened = Signal(object)  # SavedPlan

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plans: list[SavedPlan] = []
        self.list = QListWidget()
        self.list.setObjectName("saved_plans")
        self.list.setWordWrap(True)  # a long line wraps, never cut at the right (review L1)
        self.open_button = QPushButton("Open")
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.open_button)
        # a double-click or Enter (the legend says "click or Enter opens"; review M6)
        self.list.itemActivated.connect(lambda _item: self._open())
        self.list.currentRowChanged.connect(lambda row: self.open_button.setEnabled(row >= 0))
        self.open_button.clicked.connect(self._open)

    def set_plans(self, plans: list[SavedPlan]) -> None:
        self._plans = plans
        self.list.clear()
        for plan in plans:
            item = QListWidgetItem(saved_line(plan))  # when, what was asked, the verdict
            self.list.addItem(item)
        if not plans:
            self.list.addItem(NO_SAVED_PLANS)
            self.list.item(0).setFlags(self.list.item(0).flags() & ~self.list.item(0).flags())

    @Slot()
    def _open(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._plans):
            self.planOpened.emit(self._plans[row])
