"""The workstation's file actions: New, Open, Save, Save As and the question before unsaved
changes are dropped (moved out of ``main_window.py``; ``MainWindow`` inherits them).

Only Qt is imported at module level; the engine loads on first use, after the first paint.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.document_file import ask_unsaved
from ui.error_words import plain_error
from ui.unsaved_work import unsaved_parts
from ui.workstation import Workstation

__all__ = ["FILE_FILTER", "FileActions"]

FILE_FILTER = "Regimen documents (*.yaml *.yml *.json);;All files (*)"


class FileActions(Workstation):
    """The File menu's actions on the open regimen document."""

    # --- files -------------------------------------------------------------------------------
    def confirm_discard(self, *, quitting: bool = False) -> bool:
        """Ask before unsaved work is dropped: the regimen's changes, a typed proposed order and,
        on quitting, the converter's question (``ui.unsaved_work``; clinician review 15, #13).
        Enter or Esc cancels: one keystroke never overwrites a file (review 4 D5); a read-only
        file offers Save As… instead of Save. After Save, what the file does not keep is asked
        about next."""
        parts = unsaved_parts(self, quitting=quitting)
        if not parts or not self.ask_before_discard:
            return True
        writes_in_place = self.session.path is not None and not self.session.read_only
        answer = ask_unsaved(self, parts, writes_in_place=writes_in_place)
        if answer == QMessageBox.StandardButton.Save:
            return self.save() and self.confirm_discard(quitting=quitting)
        return answer == QMessageBox.StandardButton.Discard

    @Slot()
    def new_document(self) -> None:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.domain.regimen import RegimenDocument

        if not self.confirm_discard():
            return
        self.session.replace_document(
            RegimenDocument.model_validate(
                {
                    "table": self.settings.default_set,
                    "prn": self.settings.prn_default,
                    "market": self.settings.market,
                }
            )
        )

    @Slot()
    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Open regimen", "", FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, *, example: bool = False) -> bool:
        """Open a regimen file; a bad file is reported calmly and the current regimen stays."""
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.errors import MpsPainError
        from ui.files import opens_read_only, read_document

        try:
            document = read_document(path)
        except MpsPainError as exc:
            QMessageBox.warning(
                self, "Cannot open this file", f"{path.name} was not opened:\n\n{plain_error(exc)}"
            )
            return False
        read_only = opens_read_only(path, self.settings.written_files)
        self.session.replace_document(document, path=None if example else path, read_only=read_only)
        if not example:
            self.settings.add_recent(str(path))
            self.menu_actions.refresh_recent()
        # an example by its title, never its file name (review M4); a user's file by its name
        shown = document.title if example and document.title else path.name
        kept = " (read-only: Save asks for a new name)" if read_only and not example else ""
        self.report_opened(f"Opened {shown}{kept}", 6000)
        self.editor.select_row(0)
        return True

    @Slot()
    def save(self) -> bool:
        """Write the open file; a new, example or read-only one asks for a name (Save As…)."""
        if self.session.path is None or self.session.read_only:
            return self.save_as()
        return self._write(self.session.path)

    @Slot()
    def save_as(self) -> bool:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.files import suggested_save_path

        suggested = suggested_save_path(self.session.path, self.session.read_only)
        name, _ = QFileDialog.getSaveFileName(self, "Save regimen", suggested, FILE_FILTER)
        return bool(name) and self._write(Path(name))

    def _write(self, path: Path) -> bool:
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.errors import MpsPainError
        from ui.files import write_document

        state = self.session.state
        if state is None:
            return False
        invalid = state.invalid_rows()
        if invalid:
            rows = ", ".join(str(row + 1) for row, _ in invalid)
            answer = QMessageBox.question(
                self,
                "Rows not valid",
                f"Row(s) {rows} are not valid and will not be saved. Save the other rows?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            write_document(state.document, path)
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"Could not write {path}:\n{exc.strerror}")
            return False
        except MpsPainError as exc:  # the records database itself (fuzz review 17, D2)
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self.session.set_path(path)
        self.settings.add_written(str(path.resolve()))
        self.settings.add_recent(str(path))
        self.menu_actions.refresh_recent()
        self.statusBar().showMessage(f"Saved {path.name}", 6000)
        return True
