"""Menus and shortcuts of the main window (standard keys: Ctrl+N/O/S/P/Z, Ctrl+Shift+Z)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from ui.examples import list_examples
from ui.undo_actions import undo_redo_actions

if TYPE_CHECKING:
    from ui.workstation import Workstation

__all__ = ["RECENT_TITLE", "MenuActions", "build_menus"]

RECENT_TITLE = "Open &recent"
FILE_MENU, RECENT_MENU, EXAMPLES_MENU = "file_menu", "recent_menu", "examples_menu"  # names


class MenuActions:
    """The window's actions by name, plus the menus that change at run time."""

    def __init__(self, window: Workstation) -> None:
        self.window = window
        self.by_name: dict[str, QAction] = {}
        self.recent_menu: QMenu | None = None
        self.examples_menu: QMenu | None = None
        self.file_menu: QMenu | None = None

    def add(
        self,
        menu: QMenu,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.by_name[name] = action
        return action

    def refresh_recent(self) -> None:
        menu = self._recent_menu()
        if menu is None:
            return
        menu.clear()
        files = self.window.settings.recent_files
        for number, name in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(partial(self._open_recent, name))
        menu.setEnabled(bool(files))

    def _standing(self, name: str) -> QMenu | None:
        """The window's menu ``name`` as Qt holds it now, found where it stands each time: PySide6
        can invalidate a kept Python handle on the menu bar and its menus while the menus live on
        (clinician reviews 19 M1 and 20 N3: every save after the first total said "An unexpected
        problem occurred"; traced in the test of a save with stale menu handles)."""
        menu = self.window.menuBar().findChild(QMenu, name)
        return menu if isinstance(menu, QMenu) else None

    def _recent_menu(self) -> QMenu | None:
        """The Open recent menu where it stands, or made again in its place if Qt has deleted it
        (the list is the settings', the menu only shows it)."""
        file_menu, menu = self._standing(FILE_MENU), self._standing(RECENT_MENU)
        if menu is None and file_menu is not None:
            menu = QMenu(RECENT_TITLE, file_menu)
            menu.setObjectName(RECENT_MENU)
            examples = self._standing(EXAMPLES_MENU)
            if examples is not None:
                file_menu.insertMenu(examples.menuAction(), menu)
            else:
                file_menu.addMenu(menu)
        self.file_menu, self.recent_menu = file_menu, menu
        return menu

    def _open_recent(self, name: str) -> None:
        if self.window.confirm_discard():
            self.window.open_path(Path(name))

    def open_example(self, path: Path) -> None:
        if self.window.session.tables is None or not self.window.confirm_discard():
            return
        self.window.open_path(path, example=True)
        self.window.tabs.setCurrentIndex(0)


def _fhir(window: Workstation, direction: str) -> None:
    # start-up seam: the FHIR actions import the engine, which loads after the first paint
    from ui import fhir_actions

    if direction == "import":
        fhir_actions.import_from_fhir(window, None)
    else:
        fhir_actions.export_plan_as_fhir(window, None)


def _print_plan(window: Workstation, page_size: str | None) -> None:
    # start-up seam: printing imports the engine and the PDF layout, after the first paint
    from ui import printing_actions

    if page_size is None:
        printing_actions.print_plan(window)
    else:
        printing_actions.export_pdf(window, page_size)


def build_menus(window: Workstation) -> MenuActions:
    actions = MenuActions(window)
    bar = window.menuBar()

    file_menu = bar.addMenu("&File")
    file_menu.setObjectName(FILE_MENU)
    actions.add(file_menu, "new", "&New regimen", window.new_document, QKeySequence.StandardKey.New)
    actions.add(file_menu, "open", "&Open…", window.open_dialog, QKeySequence.StandardKey.Open)
    actions.file_menu = file_menu
    actions.recent_menu = file_menu.addMenu(RECENT_TITLE)
    actions.recent_menu.setObjectName(RECENT_MENU)
    actions.refresh_recent()
    examples = file_menu.addMenu("&Examples (published cases)")
    examples.setObjectName(EXAMPLES_MENU)
    actions.examples_menu = examples
    by_case: dict[str, QMenu] = {}
    for example in list_examples():
        sub = by_case.get(example.case)
        if sub is None:
            sub = examples.addMenu(example.case_title)
            by_case[example.case] = sub
        action = sub.addAction(example.step_title)
        action.setToolTip(str(example.path))
        action.triggered.connect(partial(actions.open_example, example.path))
    file_menu.addSeparator()
    actions.add(
        file_menu,
        "import_fhir",
        "Import from &FHIR…",
        partial(_fhir, window, "import"),
    )
    actions.add(file_menu, "save", "&Save", window.save, QKeySequence.StandardKey.Save)
    actions.add(file_menu, "save_as", "Save &as…", window.save_as, QKeySequence.StandardKey.SaveAs)
    file_menu.addSeparator()
    actions.add(
        file_menu,
        "print",
        "&Print plan…",
        partial(_print_plan, window, None),
        QKeySequence.StandardKey.Print,
    )
    actions.add(
        file_menu,
        "pdf_a4",
        "Export plan as PDF (A&4)…",
        partial(_print_plan, window, "A4"),
    )
    actions.add(
        file_menu,
        "pdf_letter",
        "Export plan as PDF (&Letter)…",
        partial(_print_plan, window, "Letter"),
    )
    _check_print_actions(actions, file_menu, window)
    file_menu.addSeparator()
    actions.add(file_menu, "quit", "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit_menu = bar.addMenu("&Edit")
    undo, redo = undo_redo_actions(window)  # they show the rows they change (review 12b #1)
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    actions.by_name["undo"] = undo
    actions.by_name["redo"] = redo
    edit_menu.addSeparator()
    for name in ("add", "duplicate", "remove", "up", "down"):
        edit_menu.addAction(window.editor.actions_by_name[name])

    view_menu = bar.addMenu("&View")
    titles = ("Regimen and MME", "Switching planner", "Pharmacist check", "Quick converter")
    for number, title in enumerate(titles):
        actions.add(
            view_menu,
            f"tab{number}",
            title,
            partial(window.show_tab, number),
            f"Ctrl+{number + 1}",
        )
    # the converter is the most frequent question: a second, mnemonic shortcut
    actions.by_name["tab3"].setShortcuts([QKeySequence("Ctrl+4"), QKeySequence("Ctrl+K")])
    actions.add(
        view_menu,
        "check_current",
        "Check the c&urrent regimen",
        partial(_check_current, window),
        "Alt+U",
    )
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    for theme in ("system", "light", "dark"):
        action = actions.add(
            theme_menu, f"theme_{theme}", theme.capitalize(), partial(_set_theme, window, theme)
        )
        action.setCheckable(True)
        action.setChecked(window.settings.theme == theme)

    planner_menu = bar.addMenu("P&lanner")
    actions.add(
        planner_menu,
        "export_fhir",
        "Export plan as &FHIR…",
        partial(_fhir, window, "export"),
    )

    patient_menu = bar.addMenu("&Patient")
    actions.add(patient_menu, "records", "&Records…", partial(_open_records, window))
    actions.add(
        patient_menu,
        "open_patient",
        "&Open patient…",
        partial(_open_patient, window),
        "Ctrl+Shift+O",
    )
    actions.add(
        patient_menu,
        "save_to_record",
        "&Save to patient record…",
        partial(_save_to_record, window),
        "Ctrl+Shift+R",
    )

    tools_menu = bar.addMenu("&Tools")
    actions.add(tools_menu, "preferences", "&Preferences…", partial(_preferences, window))
    actions.add(tools_menu, "practice", "P&ractice…", partial(_practice, window), "Ctrl+Shift+P")

    help_menu = bar.addMenu("&Help")
    actions.add(help_menu, "guide", "&User guide", partial(_user_guide, window), "F1")
    actions.add(help_menu, "about", "&About", partial(_about, window))
    return actions


def _set_theme(window: Workstation, theme: str) -> None:
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from ui.theme import apply_theme

    window.settings.theme = theme
    for name in ("system", "light", "dark"):
        window.menu_actions.by_name[f"theme_{name}"].setChecked(name == theme)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)


def _open_records(window: Workstation) -> None:
    """Open the records window on the configured database (or say why it cannot open)."""
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.errors import MpsPainError
    from mps_pain.services.patient_service import default_service
    from ui.records import RecordsWindow
    from ui.records.opening import records_unavailable

    records = window.records_window
    if not isinstance(records, RecordsWindow):
        try:
            records = RecordsWindow(default_service(), window)
        except MpsPainError as exc:  # e.g. an unreachable server or a damaged file
            records_unavailable(window, exc)
            return
        window.records_window = records  # one records window, refreshed after every save
    state = window.session.state
    current = state.document.patient.identifier if state is not None else None
    records.reload_patients(select=current or records.current_identifier)
    records.show()
    records.raise_()
    records.activateWindow()


def _check_print_actions(actions: MenuActions, menu: QMenu, window: Workstation) -> None:
    def run(name: str, page_size: str = "A4") -> None:
        # start-up seam: printing (QtPrintSupport) loads on first use, after the first paint
        from ui import check_print_actions

        if name == "print":
            check_print_actions.print_check(window)
        else:
            check_print_actions.export_check_pdf(window, page_size)

    actions.add(menu, "print_check", "Print &check…", partial(run, "print"), "Ctrl+Alt+P")
    actions.add(menu, "check_pdf_a4", "Export chec&k as PDF (A4)…", partial(run, "pdf", "A4"))
    actions.add(
        menu, "check_pdf_letter", "Export check as PDF (Le&tter)…", partial(run, "pdf", "Letter")
    )


def _check_current(window: Workstation) -> None:
    """The pharmacist check, started from the current regimen, with the cursor in the proposed
    order: from any tab (the guide's Alt+U; clinician review 9 #3)."""
    window.show_tab(2)
    if window.check is not None:
        window.check.copy_current()


def _open_patient(window: Workstation) -> None:
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from ui.records.save_to_record import open_patient

    open_patient(window)


def _save_to_record(window: Workstation) -> None:
    window.save_to_record()


def _preferences(window: Workstation) -> None:
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window.session.tables, window)
    if dialog.exec():
        window.session.default_table = window.settings.default_set
        window.session.default_market = window.settings.market
        window.session.default_prn = window.settings.prn_default
        window.session.recompute()


def _user_guide(window: Workstation) -> None:
    # start-up seam: the guide's browser and the shipped docs load when it is first opened
    from ui.help.guide_window import UserGuide

    guide = UserGuide(window)
    guide.show()
    window.user_guide = guide


def _practice(window: Workstation) -> None:
    """One Practice window per workstation: closing it (Esc, Ctrl+W) hides it, and opening it
    again gives back the same exercise, answers and feedback (clinician re-check 13b, #7)."""
    kept = window.practice_window
    if kept is not None:
        kept.show()
        kept.raise_()
        kept.activateWindow()
        return
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from ui.practice.launch import open_practice

    window.practice_window = open_practice(window)


def _about(window: Workstation) -> None:
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from ui.about import show_about

    show_about(window)
