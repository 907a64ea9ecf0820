"""What the menus and the actions may use of the workstation window.

The menus, the print, FHIR, records, converter and practice actions take the window; the window
(``ui.main_window.MainWindow``) builds the menus and the panels. So that the actions do not import
the window that imports them (an import cycle; import-linter's acyclic contract over ``ui``),
they name this base class instead, which ``MainWindow`` extends and fills in. It declares only;
it has no behaviour of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

if TYPE_CHECKING:
    from ui.check.check_panel import CheckPanel
    from ui.planner.planner_panel import PlannerPanel
    from ui.session import EditorSession
    from ui.settings import AppSettings
    from ui.widgets.regimen_editor import RegimenEditor
    from ui.widgets.results_panel import ResultsPanel
    from ui.widgets.view_tabs import ViewTabs

__all__ = ["NamedActions", "Workstation"]


class NamedActions(Protocol):
    """The window's menu actions by name (``ui.menus.MenuActions``)."""

    by_name: dict[str, QAction]

    def refresh_recent(self) -> None: ...


class Workstation(QMainWindow):
    """The workstation window as its menus and actions see it (``MainWindow`` fills it in)."""

    settings: AppSettings
    session: EditorSession
    editor: RegimenEditor
    results_panel: ResultsPanel
    tabs: ViewTabs
    planner: PlannerPanel | None
    check: CheckPanel | None
    converter: QWidget | None
    user_guide: QWidget | None
    practice_window: QWidget | None
    records_window: QWidget | None
    menu_actions: NamedActions
    ask_before_discard: bool
    confirm_discard: Callable[[], bool]
    new_document: Callable[[], None]
    open_dialog: Callable[[], None]
    open_path: Callable[..., bool]
    save: Callable[[], bool]
    save_as: Callable[[], bool]
    show_tab: Callable[[int], None]
    report_opened: Callable[[str, int], None]
    save_to_record: Callable[[], bool]
    saved_to_record: Callable[..., None]
    recovery_snapshot: Callable[[], str | None]
