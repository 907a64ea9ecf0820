"""Pharmacist check: the current regimen beside a proposed one, with the verdict and reasons.

The proposal is edited in its own regimen table (with its own undo). The verdict comes from
``mps_pain.services.rotation_service.check_proposal`` on every change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mps_pain.domain.rotation.requests import CheckRequest, CurrentRegimen
from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.presentation.mme import mme_view
from mps_pain.presentation.orders import (
    COPY_CURRENT_STEP,
    PROPOSED_ORDERS,
    proposed_order_lines,
)
from mps_pain.presentation.patient_factors import patient_factors_line
from mps_pain.presentation.set_names import table_names
from mps_pain.presentation.wording import cited
from mps_pain.services.rotation_service import check_proposal
from ui.check.check_keys import TabBackIntoOrder, check_or_first_row, enter_order_words
from ui.check.replace_question import replace_asked, typed_rows
from ui.check.restored_order import marked_verdict
from ui.check.verdict_area import VerdictLabel
from ui.error_words import plain_error
from ui.focus_follow import seen_with
from ui.models.rescue_orders import check_rows
from ui.patient_editing import refuse_unread
from ui.screen_fit import elide_combo, scrolling
from ui.session import EditorSession
from ui.theme import ERROR_TEXT_STYLE
from ui.unchanged import restyle
from ui.widgets.regimen_editor import RegimenEditor
from ui.widgets.wrapped_label import WrappedLabel, wrapped_heading

if TYPE_CHECKING:
    from mps_pain.domain.rotation.check_result import CheckResult

__all__ = ["CheckPanel"]

# the verdict's words are the presentation layer's (CheckView.verdict_sentence); its panel style:
VERDICT_STYLE = {
    "within": "background: rgb(210, 240, 215); color: rgb(20, 90, 30);",
    "below": "background: rgb(255, 236, 200); color: rgb(130, 70, 0);",
    "above": "background: rgb(250, 215, 215); color: rgb(150, 20, 20);",
    "dose_change": "background: rgb(215, 228, 245); color: rgb(20, 50, 110);",
}
VERDICT_STYLE["avoid"] = VERDICT_STYLE["above"]  # a patient-factor danger: the danger style
VERDICT_STYLE["above_maximum"] = VERDICT_STYLE["above"]  # above a cited maximum: the same
VERDICT_STYLE["not_reduced"] = VERDICT_STYLE["below"]  # a caution: no reduction (review 8, N5)
VERDICT_STYLE["not_signable"] = VERDICT_STYLE["above"]  # an order not signable as written
VERDICT_STYLE["dose_step"] = VERDICT_STYLE["above"]  # a same-drug step above twice the current
VERDICT_STYLE["danger"] = VERDICT_STYLE["above"]  # any other danger of the order (review 18, D1)
VERDICT_STYLE["rescue_above"] = VERDICT_STYLE["below"]  # a rescue above its rule (review 20, N1)


LEFT_MIN_PX = 240  # the current regimen keeps at least this much beside the proposal
CHECK_KEYS = ("Ctrl+Return", "Ctrl+Enter")  # check now (the check also follows every edit)
ADD_PROPOSED_ROW_KEYS = "Ctrl+Shift+Return"


class CheckPanel(QWidget):
    checked = Signal()

    def __init__(self, session: EditorSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.result: CheckResult | None = None
        self.error: str | None = None
        self.proposal = EditorSession(self, orders=True)  # read as a proposed order (review 16)
        self.proposal.load_core(session.tables)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.run_check)

        self.current_summary = QListWidget(self)
        self.current_summary.setAccessibleName("Current regimen")
        self.current_summary.setWordWrap(True)  # long lines wrap in a narrow pane
        self.current_total = WrappedLabel("", self)
        self.current_total.setWordWrap(True)  # "(incomplete: rows are left out)" wraps
        self.proposed_editor = RegimenEditor(self.proposal, self)
        self.proposed_editor.view.setAccessibleName("Proposed regimen")
        # Alt+U is the main window's action (View menu), from any tab (clinician review 9 #3):
        # a mnemonic here too would make the key ambiguous on this tab
        self.copy_button = QPushButton(COPY_CURRENT_STEP, self)
        self.copy_button.setToolTip("Alt+U, from any tab of the main window")
        self.copy_button.clicked.connect(self.copy_current)
        # Ctrl+Return checks here, as it does in practice; a proposed row is added with
        # Ctrl+Shift+Return (ui-fix3 #3: the keys of a check without the mouse)
        add_row = self.proposed_editor.actions_by_name["add"]
        add_row.setShortcut(QKeySequence(ADD_PROPOSED_ROW_KEYS))
        add_row.setToolTip(f"Add row ({QKeySequence(ADD_PROPOSED_ROW_KEYS).toString()})")
        self.addAction(add_row)  # from anywhere on the tab, the current list too (re-check 18d D4)
        check_now = QAction("Check the proposed order", self)
        check_now.setShortcuts([QKeySequence(k) for k in CHECK_KEYS])
        check_now.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        order = self.proposed_editor  # an empty order: the key adds its first row (``check_keys``)
        check_now.triggered.connect(lambda: check_or_first_row(order) or self.check_now())
        self.addAction(check_now)
        self.table = QComboBox(self)
        self.table.setAccessibleName("Equianalgesic reference set for the check")
        sets = session.tables.tables.reference_sets if session.tables else []
        rotation = session.tables.tables.rotation if session.tables else None
        default = next((s.name for s in sets if rotation and s.id == rotation.default_table), "")
        # the default set by its name (review M4: it read "table default")
        self.table.addItem(f"{default} (the default)" if default else "the default set", None)
        for set_ in sets:
            if set_.purpose == "equianalgesic":
                self.table.addItem(set_.name, set_.id)
        self.table.activated.connect(self._schedule)

        # its place is reserved and holds still (clinician review 14, #10)
        self.verdict = VerdictLabel(enter_order_words(ADD_PROPOSED_ROW_KEYS), self)
        self.verdict.setObjectName("verdict")
        self._normal_font, self._big_font = self.verdict.normal_font, self.verdict.big_font
        self.numbers = WrappedLabel("", self)
        self.numbers.setWordWrap(True)
        self.numbers.setObjectName("check_numbers")
        # the order checked, worded as the PDF and `mps-pain check` word it (review 5)
        self.orders = WrappedLabel("", self)
        self.orders.setObjectName("check_orders")
        self.orders.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons = QListWidget(self)
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName("Reasons and warnings")
        TabBackIntoOrder(self.reasons, self.proposed_editor.view)  # keys never reach the header

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(wrapped_heading("Current regimen (from the Regimen tab)", left))
        left_layout.addWidget(self.current_total)
        left_layout.addWidget(self.current_summary, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(wrapped_heading("Proposed regimen (the order being checked)", right))
        right_layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.proposed_editor, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([500, 800])
        self._split = split
        seen_with(split, self.current_total)  # the total stays in view (review 18 #7)
        # the columns widen as the proposal is typed: the panes are shared again
        header = self.proposed_editor.view.horizontalHeader()
        self._share_timer = QTimer(self)
        self._share_timer.setSingleShot(True)
        self._share_timer.setInterval(0)
        self._share_timer.timeout.connect(self._share_width)
        header.sectionResized.connect(lambda *_sizes: self._share_timer.start())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Reference &set", self.table)
        elide_combo(self.table, 16)
        content = QWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # the set and the verdict on top, never scrolled away: at scale 2 they were below the
        # fold (review 5; issue 10 §3); the regimens, numbers and reasons scroll beneath them
        outer.addLayout(form)
        outer.addWidget(self.verdict)
        self._page = scrolling(content, self)  # scrolls on a small screen
        outer.addWidget(self._page, 1)
        view = self.proposed_editor.view  # never a sliver: three rows, the page scrolls instead
        rows = view.verticalHeader().defaultSectionSize()
        header_h = view.horizontalHeader().sizeHint().height()
        scroll_h = view.horizontalScrollBar().sizeHint().height()
        view.setMinimumHeight(header_h + 3 * rows + scroll_h + 2 * view.frameWidth())
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        # the reasons fill the page, never lengthen it (Ignored drops the minimum: set it)
        self.reasons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.reasons.setMinimumHeight(self.reasons.fontMetrics().lineSpacing() * 3)
        # the numbers and the orders in words below the tables: as they appear or wrap, the
        # order being typed in stays where it was clicked (clinician review 14, #10)
        layout.addWidget(split, 3)
        layout.addWidget(self.numbers)
        layout.addWidget(self.orders)
        layout.addWidget(self.reasons, 2)
        # Tab from the button reaches the proposed order's table (review D14)
        for first, second in (
            (self.current_summary, self.copy_button),
            (self.copy_button, self.proposed_editor.view),
            (self.proposed_editor.view, self.table),
            (self.table, self.reasons),
        ):
            QWidget.setTabOrder(first, second)
        session.resultChanged.connect(self._schedule)
        self.proposal.resultChanged.connect(self._schedule)
        self.checked.connect(self._show_rescues)
        # the check's words above the order grow after each check: the order being typed in
        # stays on screen (at scale 2 it was pushed down to a 36 px sliver)
        self._page.verticalScrollBar().rangeChanged.connect(self._keep_order_in_view)
        self._schedule()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_timer.start()  # once the splitter inside has its new width

    def _share_width(self) -> None:
        """The proposed order gets the width its columns need (1280×720: its Note column was
        behind a sideways scroll bar; review L1); the current regimen, which wraps, the rest."""
        needed = self.proposed_editor.table_width() + 24  # the pane's margins
        total = sum(self._split.sizes())
        right = min(needed, total - LEFT_MIN_PX)
        if total > 0 and right > 0 and self._split.sizes()[1] != right:
            self._split.setSizes([total - right, right])

    @Slot()
    def _schedule(self) -> None:
        self._timer.start()

    @Slot()
    def check_now(self) -> None:
        """Check at once and put the focus on the reasons, read next (Ctrl+Return; with no
        proposed row the key adds the first one instead, ``check_keys``: nothing to check)."""
        self._timer.stop()
        self.reasons.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.run_check()
        if self.reasons.count():
            self.reasons.setCurrentRow(0)
        self._page.ensureWidgetVisible(self.reasons)  # on a small screen, scrolled to

    @Slot()
    def copy_current(self) -> None:
        """The current regimen becomes the proposed order: one step of the proposed order's undo
        history, asked first when the order holds typed rows (clinician re-check 12b, #4)."""
        # start-up seam: the editing model (pydantic) loads after the first paint
        from ui.editing import state_from_document

        state = self._session.state
        if state is None or self.proposal.state is None:
            return
        try:
            refuse_unread(state, "from", patient=False)  # copying decides nothing
        except MpsPainError as exc:
            self.verdict.setFont(self._normal_font)
            self.verdict.setText(f"Not copied: {plain_error(exc)}")
            return
        copy = state_from_document(state.document, orders=True)
        rows = self.proposal.state.rows
        if [r.raw for r in rows] != [r.raw for r in copy.rows]:  # else nothing is lost
            typed = typed_rows(rows)
            if typed and not replace_asked(self, typed):
                return
        self.proposal.push(copy, COPY_CURRENT_STEP)
        view = self.proposed_editor.view  # the cursor in the order to change, on screen
        view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self._show_proposed_order)  # after the check it starts

    @Slot()
    def _keep_order_in_view(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.proposed_editor.isAncestorOf(focus):
            self._show_proposed_order()

    def _show_proposed_order(self) -> None:
        """Scroll the page so the proposed order starts at its top (at scale 2 only its header
        row showed), laid out with the check's words above it."""
        content = self._page.widget()
        layout = content.layout() if content is not None else None
        if content is None or layout is None:
            return
        layout.activate()
        bar = self._page.verticalScrollBar()
        order, total = self.proposed_editor, self.current_total  # both seen (review 18 #7)
        bottom = order.mapTo(content, QPoint(0, 0)).y() + order.height()
        top = total.mapTo(content, QPoint(0, 0)).y()  # the total beside the order's top
        if bottom > bar.value() + self._page.viewport().height() or top < bar.value():
            bar.setValue(min(top, bar.maximum()))

    def build_request(self) -> CheckRequest | None:
        """The check, typed: both documents' validated items go in as they are (``None`` until
        both sides have an item)."""
        current, proposed = self._session.state, self.proposal.state
        if current is None or proposed is None:
            return None
        if not current.document.items or not proposed.document.items:
            return None
        prn = self._session.effective_prn()
        return CheckRequest(
            from_=CurrentRegimen(items=current.document.items, prn=prn),
            proposed=CurrentRegimen(items=proposed.document.items, prn=prn),
            table=self.table.currentData() or None,
            patient=current.document.patient,
            market=self._session.effective_market(),  # its words and labels (re-check 20b N14)
        )

    @Slot()
    def run_check(self) -> None:
        self._timer.stop()  # a change waiting to be checked is checked now: one check, not two
        self._show_current()
        self.result, self.error = None, None
        request = self.build_request()
        self.reasons.clear()
        self.orders.setText(_orders_text(request, None))
        try:  # an excluded row is named even before both sides have an item (re-check 12b, #3)
            _refuse_invalid_rows(self._session.state, self.proposal.state)
            if request is not None:
                self.result = check_proposal(request, tables=self._session.tables)
                self.orders.setText(_orders_text(request, self.result))
        except MpsPainError as exc:
            self.error = plain_error(exc)
            self._show_without_verdict(f"No verdict: {self.error}")
            return
        if self.result is None:
            self._show_without_verdict(enter_order_words(ADD_PROPOSED_ROW_KEYS))
            return
        view = check_view(self.result, table_names(self._session.tables))
        self.verdict.setFont(self._big_font)
        self.verdict.setText(marked_verdict(self.proposal.undo_stack, view.verdict_sentence))
        restyle(self.verdict, VERDICT_STYLE[view.verdict])
        self.numbers.setText(view.numbers)
        for reason in view.reasons:
            self.reasons.addItem(reason)
        for warning in view.warnings:
            self.reasons.addItem(
                f"{warning.severity.label}: {cited(warning.message, warning.citation)}"
            )
        self.checked.emit()

    def _show_without_verdict(self, text: str) -> None:
        self.verdict.setFont(self._normal_font)
        self.verdict.setText(marked_verdict(self.proposal.undo_stack, text))
        restyle(self.verdict, "")
        self.numbers.setText("")
        self.checked.emit()

    def _show_rescues(self) -> None:
        """The proposed rows this check took as breakthrough orders are drawn as such, never as
        refused (the check's rule, ``CheckResult.proposed_rescues``; lead's screenshot, s15),
        and each counted row shows its OME as the verdict sums it (re-check 17b #4)."""
        self.proposed_editor.model.accept_check(*check_rows(self.proposal.state, self.result))

    def _show_current(self) -> None:
        self.current_summary.clear()
        result = self._session.result
        if result is None:
            self.current_total.setText("No total.")
            return
        state = self._session.state
        view = mme_view(result, state.unreadable_rows(result) if state is not None else ())
        if not view.has_total:  # why there is none, never "0 OME/day" (clinician review 16 #9)
            self.current_total.setText(view.total_text)
            restyle(self.current_total, ERROR_TEXT_STYLE)
        elif self._session.total_is_incomplete():
            # as on the main window: a partial total never reads as a calm number
            self.current_total.setText(
                f"{view.total_text} (incomplete: rows are left out) under {view.set_name}"
            )
            restyle(self.current_total, ERROR_TEXT_STYLE)
        else:
            self.current_total.setText(f"{view.total_text} under {view.set_name}")
            restyle(self.current_total, "")
        # every row in its place, one left out of the total said so (as the printed plan)
        left_out = [
            (e.index + 1, f"Not counted: {t}")
            for e, t in zip(result.excluded, view.excluded, strict=True)
        ]
        for _, text in sorted([*((r.number, r.explanation) for r in view.rows), *left_out]):
            self.current_summary.addItem(text)


def _orders_text(request: CheckRequest | None, result: CheckResult | None) -> str:
    """The proposed order in words (the current regimen is listed beside it, with its MME)."""
    if request is None:
        return ""
    orders = f"{PROPOSED_ORDERS}: {'; '.join(proposed_order_lines(request.proposed.items, result))}"
    return f"{orders}\n{patient_factors_line(request.patient)}"  # as printed (12b #6)


def _refuse_invalid_rows(current: Any, proposed: Any) -> None:
    """Never check without a row (issue #8 class 10) or a patient field (review 10 #1) that
    could not be read."""
    refuse_unread(current, "from")
    if proposed is not None:
        refuse_unread(proposed, "proposed", patient=False)
