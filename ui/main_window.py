"""The workstation window: patient header, regimen editor, results, warnings, planner, check.

Only Qt is imported at module level. The engine, pydantic models and tables load in ``start()``,
which the application calls after the first paint.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.document_file import window_title
from ui.file_actions import FileActions
from ui.focus_follow import FocusFollower
from ui.main_layout import RegimenPage, SideScroll, place_first_window, placeholder
from ui.menus import build_menus
from ui.page_keys import TabBarGivesPageKeys, tab_round_the_page
from ui.screen_fit import remember_sizes_in
from ui.session import EditorSession
from ui.wheel_guard import install_wheel_guard
from ui.widgets.patient_header import PatientHeader
from ui.widgets.record_banner import StaleRecordBanner
from ui.widgets.regimen_editor import RegimenEditor
from ui.widgets.results_panel import ResultsPanel
from ui.widgets.status_line import WrappingStatusBar
from ui.widgets.view_tabs import ViewTabs
from ui.widgets.warnings_panel import WarningsPanel

if TYPE_CHECKING:
    from mps_pain.services.patient_service import PatientService
    from mps_pain.tables.index import TableIndex
    from ui.check.check_panel import CheckPanel
    from ui.planner.planner_panel import PlannerPanel
    from ui.settings import AppSettings

__all__ = ["MainWindow"]

APP_TITLE = "Opioid conversion workstation"
"""The window's own title: the platform adds the application's name ("MPS Pain", set in
``ui/app.py``) after it, so the name is not written here too (review 3: it read twice)."""
# each tab's title and its short form on a narrow window (the same Alt key in both)
TAB_TITLES = (
    ("&Regimen and MME", "&Regimen"),
    ("Switching pla&nner", "Pla&nner"),
    ("Pharmacist chec&k", "Chec&k"),
    ("Quick &converter", "&Converter"),
)


class MainWindow(FileActions):
    started = Signal()

    def __init__(
        self, settings: AppSettings, parent: QWidget | None = None, *, guard_wheel: bool = True
    ) -> None:
        super().__init__(parent)
        if guard_wheel:  # the app's start-up installs it after the first MME (ui/app.py)
            install_wheel_guard()  # before any list is polished: the wheel never picks by itself
        self.settings = settings
        self.ask_before_discard = True  # tests and the smoke run turn the question off
        self.session = EditorSession(
            self, default_table=settings.default_set, default_prn=settings.prn_default
        )
        self.session.default_market = settings.market
        self.setWindowTitle(APP_TITLE)
        self.patient_header = PatientHeader(self.session, self)
        self.editor = RegimenEditor(self.session, self)
        self.warnings_panel = WarningsPanel(self.session, self)
        self.results_panel = ResultsPanel(self.session, self)
        self.warnings_panel.rowRequested.connect(self.editor.select_row)

        results = self.results_panel
        self.regimen_split = RegimenPage(
            self.editor, self.warnings_panel, results, results.spread, results.details_end, self
        )

        self.tabs = ViewTabs(self)  # short whole titles when narrow, never "Quick conv…"
        self.tabs.setObjectName("views")
        self.tabs.setDocumentMode(True)  # no frame around the pages: room for the content
        self.tabs.add_view(self.regimen_split, *TAB_TITLES[0])
        self.planner: PlannerPanel | None = None
        self.check: CheckPanel | None = None
        self._panels_built = False
        self.replaced_note = ""  # what replacing the regimen cleared, for the status line
        self._planner_holder = placeholder("The switching planner opens once the tables load.")
        self._check_holder = placeholder("The pharmacist check opens once the tables load.")
        self.tabs.add_view(self._planner_holder, *TAB_TITLES[1])
        self.tabs.add_view(self._check_holder, *TAB_TITLES[2])
        self.converter: QWidget | None = None
        self.user_guide: QWidget | None = None
        self.tabs.add_view(
            placeholder("The quick converter opens once the tables load."), *TAB_TITLES[3]
        )
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(SideScroll(self.patient_header, central))
        self.record_banner = StaleRecordBanner(central)  # the record moved on (review 5)
        layout.addWidget(self.record_banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.menu_actions = build_menus(self)
        # Ctrl+Return adds a row from a patient field (Age…) too, and shows the new row; from
        # anywhere on the Regimen tab, and from the tab bar when it is shown (review 18 #3)
        add_row = self.editor.actions_by_name["add"]
        self.patient_header.addAction(add_row)
        self.regimen_split.addAction(add_row)
        TabBarGivesPageKeys(self.tabs)
        add_row.triggered.connect(self._show_new_row)
        self.practice_window: QWidget | None = None
        self.records_window: QWidget | None = None
        self._banner_service: PatientService | None = None
        toolbar = QToolBar("Tools", self.tabs)  # beside the tabs: no row of its own
        toolbar.setObjectName("toolsToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.menu_actions.by_name["practice"])
        self.tabs.setCornerWidget(toolbar, Qt.Corner.TopRightCorner)
        self.setStatusBar(WrappingStatusBar(self))  # messages wrap, never cut (review 16 #7)
        self.statusBar().showMessage("Loading tables…")
        self.session.pathChanged.connect(self._update_title)
        self.session.pathChanged.connect(self.refresh_record_banner)  # opened, saved, new
        self.session.resultChanged.connect(self._update_title)
        self._set_tab_order()
        self.patient_header.arranged.connect(self._set_tab_order)  # its fields were moved
        self.focus_follower = FocusFollower(self)  # the focus is seen, and scrolled to
        remember_sizes_in(settings.store)  # every other window remembers its size there too
        place_first_window(self, settings.geometry)

    # --- start-up ----------------------------------------------------------------------------
    def start(self, tables: TableIndex | None = None, path: Path | None = None) -> None:
        """Load the engine and tables, then open ``path`` if given (after the first paint)."""
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.errors import MpsPainError

        try:
            self.session.load_core(tables)
        except MpsPainError as exc:
            QMessageBox.critical(
                self,
                "Tables cannot be used",
                f"The conversion tables failed their checks, so nothing can be computed:\n\n{exc}",
            )
            return
        if self.settings.market and self.session.state is not None:
            # start-up seam: the editing model (pydantic) loads after the first paint (ui/app.py)
            from ui.editing import with_document_fields

            self.session.apply_state(
                with_document_fields(self.session.state, market=self.settings.market)
            )
        self._install_planner_and_check()
        index = self.session.tables
        assert index is not None
        self.statusBar().showMessage(
            f"Tables v{index.version} (sha256 {index.sha256[:12]}…) loaded", 8000
        )
        if path is not None:
            self.open_path(path)
        self.started.emit()

    def _install_planner_and_check(self) -> None:
        """Build the planner and check tabs when first shown (keeps start-up light)."""
        self.tabs.currentChanged.connect(self._on_tab_changed)

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        if index in (1, 2, 3):
            self.ensure_panels()
        page = self.tabs.widget(index)
        if index in (1, 3) and page is not None and page.focusProxy() is not None:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)  # the first field to type in

    def ensure_panels(self) -> None:
        if self._panels_built or self.session.tables is None:
            return
        self._panels_built = True
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.check.check_panel import CheckPanel
        from ui.check_print_actions import forget_no_check
        from ui.planner.planner_panel import PlannerPanel
        from ui.planner.shown_plan import ShownPlan

        self.planner = PlannerPanel(self.session, self)
        # the tab's keys start at the target drug, not the set above it (clinician review 9
        # #4: "fen Tab t" after Ctrl+2 went to the set, then chose Tramadol)
        self.planner.setFocusProxy(self.planner.drug)
        self.planner.applied.connect(self._say_applied)
        ShownPlan(self.planner, self.tabs)  # what a save stores (clinician review 18, #4)
        self.tabs.put_view(1, self.planner, *TAB_TITLES[1])
        self.check = CheckPanel(self.session, self)
        self.check.checked.connect(lambda: forget_no_check(self))  # re-check 17b #9
        self.tabs.put_view(2, self.check, *TAB_TITLES[2])
        self.session.documentReplaced.connect(self._document_replaced)
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.converter.wiring import build_converter

        self.converter = build_converter(self)
        self.tabs.put_view(3, self.converter, *TAB_TITLES[3])

    def _say_applied(self, given: str) -> None:
        """Apply plan changes rows out of sight: say so (clinician review 15, #6)."""
        self.statusBar().showMessage(
            f"Plan applied: the regimen's opioid rows now give {given} (Ctrl+Z undoes it).", 15000
        )

    def show_tab(self, number: int) -> None:
        """Show a tab and put the focus inside it (typing must never land in the patient field)."""
        self.tabs.setCurrentIndex(number)
        page = self.tabs.currentWidget()
        if page is None:
            return
        if page is self.regimen_split:
            self.editor.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if page.focusProxy() is not None:  # the planner's target drug, the converter's drug
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget: QWidget | None = page
        for _ in range(500):  # the focus chain is a ring
            widget = widget.nextInFocusChain() if widget is not None else None
            if widget is None or widget is page:
                break
            if (
                page.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
        page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _document_replaced(self) -> None:
        """Another regimen is open: the check's proposed order, written against the previous
        one, is cleared and the status bar says so (clinician review 13, #1)."""
        # start-up seam: the check loads on first use, after the first paint
        from ui.check.previous_order import CLEARED_WORDS, clear_previous_order

        self.replaced_note = ""
        if self.check is not None and clear_previous_order(self.check):
            self.replaced_note = CLEARED_WORDS
            self.statusBar().showMessage(CLEARED_WORDS, 15000)

    def report_opened(self, text: str, timeout: int) -> None:
        """The status line after a regimen was opened, with what was cleared on opening it."""
        note = self.replaced_note
        self.replaced_note = ""
        shown = f"{text}. {note}" if note else text
        self.statusBar().showMessage(shown, 15000 if note else timeout)
        # the keys go to the regimen, on the row it shows selected (clinician review 18, #6:
        # after Open patient they went into Age, unseen, and the age became "8130")
        self.show_tab(0)
        self.editor.select_row(max(self.editor.current_row(), 0))

    @Slot()
    def _show_new_row(self) -> None:
        """After Add row: the Regimen tab, with the focus on the new row."""
        self.show_tab(0)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.patient_header.focus_chain(),
            self.tabs,
            self.editor.view,
            self.warnings_panel.view,
            self.results_panel.set_selector,
            self.results_panel.prn_switch,
            self.results_panel.lines,
        ]
        chain = [widget for widget in chain if widget.window() is self]  # not the folded fields
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab never goes out of the tab shown into the header (clinician review 18, #3)."""
        return (next and tab_round_the_page(self.tabs)) or super().focusNextPrevChild(next)

    # --- window ------------------------------------------------------------------------------
    @Slot()
    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self.session, APP_TITLE))

    @Slot()
    def save_to_record(self) -> bool:
        """Patient → Save to patient record: the conversion when the quick converter is shown,
        else the regimen with the plan or the check shown (ui/records/save_to_record.py)."""
        # start-up seam: the records and the converter load on first use, after the first paint
        from ui.converter.converter_panel import ConverterPanel
        from ui.converter.wiring import save_conversion
        from ui.records.save_current import save_current_work

        shown = self.tabs.currentWidget()
        if isinstance(shown, ConverterPanel) and shown is self.converter:
            return save_conversion(self, shown)
        return save_current_work(self)

    def saved_to_record(
        self, identifier: str, *, editor_regimen: bool, base: int | None = None
    ) -> None:
        """After a save to a patient's record: the records window (if open) shows it, the
        editor's regimen, now stored, is no longer "unsaved", and the title names the record
        (the document itself is not changed)."""
        if editor_regimen:
            self.session.undo_stack.setClean()
        session = self.session
        if not editor_regimen:  # the editor's regimen was not stored: its base is unchanged
            base = session.record_base if session.record_identifier == identifier else None
        session.set_record(identifier, base)  # pathChanged: the banner is refreshed
        records = self.records_window
        reload = getattr(records, "reload_patients", None)
        if records is not None and records.isVisible() and reload is not None:
            reload(select=identifier)

    @Slot()
    def refresh_record_banner(self) -> None:
        """Say over the tabs when the editor's record has a newer regimen than the editor."""
        if self.session.record_identifier is None:
            self.record_banner.say("")
            return
        # start-up seam: the records load on first use, after the first paint
        from ui.records.opening import records_service
        from ui.records.stale_record import stale_text

        service = getattr(self.records_window, "service", None) or self._banner_service
        if service is None:
            service = self._banner_service = records_service(self)
        self.record_banner.say(stale_text(self.session, service))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:  # back from the records or elsewhere
            self.refresh_record_banner()
        return super().event(event)

    def recovery_snapshot(self) -> str | None:
        """The regimen as YAML, for the crash log (so nothing typed is lost)."""
        state = self.session.state
        if state is None:
            return None
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        import yaml

        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.files import document_to_data

        data = document_to_data(state.document)
        data["unsaved_rows"] = [dict(entry.raw) for entry in state.rows if entry.item is None]
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard(quitting=True):
            event.ignore()
            return
        self.settings.geometry = self.saveGeometry()
        self.settings.sync()
        event.accept()
