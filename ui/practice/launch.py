"""Opening the Practice window from the workstation (Tools → Practice, toolbar)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.errors import MpsPainError
from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from ui.practice.practice_window import PracticeWindow

if TYPE_CHECKING:
    from ui.practice.practice_window import PracticeWindow
    from ui.workstation import Workstation

__all__ = ["open_practice"]


def open_practice(window: Workstation) -> PracticeWindow | None:
    """Open the Practice window on the loaded tables and the records database (progress is
    kept there; without it the window still works and says progress is not saved)."""

    tables = window.session.tables
    if tables is None:
        window.statusBar().showMessage("Practice opens once the tables have loaded.", 8000)
        return None
    store = None
    try:
        store = PracticeStore(Database.open())
    except MpsPainError as exc:
        window.statusBar().showMessage(f"Practice progress cannot be saved: {exc}", 10000)
    practice = PracticeWindow(tables, store, window, market=lambda: window.settings.market)
    practice.show()
    return practice
