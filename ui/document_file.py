"""How the window speaks about the open regimen's file and record: its title, and the question
asked before unsaved changes are dropped (clinician review 4, D5 and D14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.unsaved_work import REGIMEN_PART

if TYPE_CHECKING:
    from ui.session import EditorSession

__all__ = ["ask_unsaved", "window_title"]


def window_title(session: EditorSession, app_title: str) -> str:
    """ "[MODIFIED TABLES: path — ]name[ (read-only)][ •][ — patient record ID] — app"."""
    state = session.state
    dirty = "" if session.undo_stack.isClean() else " •"
    if session.path:
        name = session.path.name
    elif state is None or not state.document.title:
        name = "Untitled regimen"
    elif dirty:  # the opened title no longer describes it (clinician review 6, #3)
        # start-up seam: an edit comes after the first paint (ui/app.py)
        from mps_pain.presentation.headings import edited_name

        name = edited_name(state.document.patient.identifier)
    else:
        name = state.document.title
    if session.path is not None and session.read_only:
        name += " (read-only)"
    record = session.record_identifier
    saved_to = f" — patient record {record}" if record else ""
    return f"{_modified_tables(session)}{name}{dirty}{saved_to} — {app_title}"


def ask_unsaved(
    parent: QWidget, parts: tuple[str, ...], *, writes_in_place: bool
) -> QMessageBox.StandardButton:
    """Save (or Save As… when the regimen has no file it may overwrite), Discard or Cancel, naming
    every unsaved part (``ui.unsaved_work``); Save is offered only for the regimen's changes, the
    one part a file keeps. Cancel is the default: Enter or Esc never overwrites a file nor drops
    the changes."""
    buttons = QMessageBox.StandardButton
    regimen = parts[0] == REGIMEN_PART
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        _unsaved_text(parts),
        (buttons.Save if regimen else buttons.NoButton) | buttons.Discard | buttons.Cancel,
        parent,
    )
    save_text = "&Save" if writes_in_place else "&Save As…"
    named = ((buttons.Save, save_text), (buttons.Discard, "&Discard"), (buttons.Cancel, "&Cancel"))
    for button, text in named:
        if box.button(button) is not None:
            box.button(button).setText(text)  # each with its own Alt key
    box.setDefaultButton(buttons.Cancel)
    box.setEscapeButton(buttons.Cancel)
    return QMessageBox.StandardButton(box.exec())


def _unsaved_text(parts: tuple[str, ...]) -> str:
    if parts == (REGIMEN_PART,):
        return "The regimen has changes that are not saved. Save them first?"
    rest = len(parts) - (parts[0] == REGIMEN_PART)
    if parts[0] != REGIMEN_PART:
        ask = f"Discard {'it' if rest == 1 else 'them'}?"
    else:
        kept_by_save = "it is" if rest == 1 else "they are"
        ask = (
            "Save the regimen first? (Saving the regimen does not keep the rest: "
            f"{kept_by_save} asked about next.)"
        )
    return f"Not saved, and lost if you go on: {'; '.join(parts)}. {ask}"


def _modified_tables(session: EditorSession) -> str:
    """ "MODIFIED TABLES: path — " when the result (or the loaded tables) are not the shipped,
    reviewed tables (docs/reliability.md); "" otherwise."""
    result = session.result
    modified = result.table.modified_path if result is not None else None
    if modified is None and session.tables is not None:
        modified = session.tables.modified_path
    return f"MODIFIED TABLES: {modified} — " if modified else ""
