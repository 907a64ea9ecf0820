"""One regimen being edited: its state, its undo stack and its latest MME result.

The session is the single owner of the domain document. Qt models and widgets read from it and
send changes to it; the numbers come from ``mps_pain.services.mme_service``. Domain modules are
imported on first use so the window can paint before pydantic, pint and the tables load.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from ui.commands import ReplaceStateCommand
from ui.error_words import plain_error

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeResult
    from mps_pain.tables.index import TableIndex
    from ui.editing import EditorState

__all__ = ["EditorSession"]


class EditorSession(QObject):
    """Holds an ``EditorState``; recomputes the MME result after every change."""

    stateChanged = Signal()
    resultChanged = Signal()
    pathChanged = Signal()
    # the document was replaced by another (new, opened, example, a patient's record, imported);
    # what belonged to the previous one is cleared on it (clinician review 13, #1)
    documentReplaced = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        default_table: str | None = None,
        default_prn: str | None = None,
        orders: bool = False,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.state: EditorState | None = None
        self.result: MmeResult | None = None
        self.result_error: str | None = None
        self.tables: TableIndex | None = None
        self.path: Path | None = None
        # Save writes only to a file the app may overwrite; else Save is Save As… (review 4 D5)
        self.read_only = False
        # the patient record this regimen was opened from or last saved to (None: no record);
        # shown in the window title so a second save cannot silently go to another patient
        self.record_identifier: str | None = None
        # the record's regimen version the editor was loaded from or last saved as (None: not
        # known); a save based on an older one must ask, never undo a newer change (review 5)
        self.record_base: int | None = None
        self.default_table = default_table
        self.default_prn = default_prn
        self.default_market: str | None = None
        # a proposed order (the Pharmacist check's): its rows are read as the check reads them
        self.orders = orders
        # the first total is painted before the rescue-size rule loads (``recompute``)
        self._rescues_loaded = False
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # --- start-up ---------------------------------------------------------------------------
    def load_core(self, tables: TableIndex | None = None) -> None:
        """Import the engine and load the tables (deferred until after the first paint)."""
        if self.tables is None:
            if tables is None:
                # start-up seam: the tables (pydantic) load after the first paint (ui/app.py)
                from mps_pain.tables.loader import get_tables

                tables = get_tables()  # strictly validated on every start
            self.tables = tables
        if self.state is None:
            # start-up seam: the editing model (pydantic) loads after the first paint
            from ui.editing import blank_state

            blank = blank_state(table=self.default_table, prn=self.default_prn, orders=self.orders)
            self.apply_state(blank)

    # --- changes ----------------------------------------------------------------------------
    def push(self, after: EditorState, text: str) -> None:
        """Apply ``after`` as one undoable step."""
        if self.state is None:
            raise RuntimeError("load_core() must run before editing")
        self.undo_stack.push(ReplaceStateCommand(self, self.state, after, text))

    def apply_state(self, state: EditorState) -> None:
        """Used by undo commands only."""
        self.state = state
        self.stateChanged.emit()
        self.recompute()

    def replace_document(
        self,
        document: Any,
        *,
        path: Path | None = None,
        read_only: bool = False,
        record: str | None = None,
        base: int | None = None,
        waiting: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Start afresh from a document (open, new, example, a patient's record): clears undo
        history; the document comes from ``path`` (opened read-only or not) or ``record``.
        ``waiting``: (note, why) of rows that stand for what an import could not read
        (``ui/fhir_rows.py``), left out of the total until filled in or deleted."""
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from ui.editing import state_from_document
        from ui.fhir_rows import with_waiting_rows

        self.undo_stack.clear()
        self.path = path
        self.read_only = read_only
        self.record_identifier = record
        self.record_base = base if record is not None else None
        state = state_from_document(document, orders=self.orders)
        self.apply_state(with_waiting_rows(state, waiting) if waiting else state)
        self.undo_stack.setClean()
        self.pathChanged.emit()
        self.documentReplaced.emit()

    def set_path(self, path: Path | None) -> None:
        """The regimen was written to ``path`` (a file the app may overwrite from now on)."""
        self.path = path
        self.read_only = False
        self.undo_stack.setClean()
        self.pathChanged.emit()

    def set_record(self, identifier: str, base: int | None = None) -> None:
        """The regimen was saved to (or belongs to) this patient's record, whose current
        regimen version is now ``base``."""
        self.record_identifier = identifier
        self.record_base = base
        self.pathChanged.emit()

    # --- computation ------------------------------------------------------------------------
    def effective_table(self) -> str | None:
        """The document's set, else the preferred set, else the market's palliative set."""
        if self.state is None:
            return None
        chosen = self.state.document.table or self.default_table
        if chosen is None and self.tables is not None:
            # start-up seam: the market defaults read the tables, loaded after the first paint
            from mps_pain.services.market_defaults import default_set_for_market

            chosen = default_set_for_market(self.tables, self.effective_market())
        return chosen

    def effective_market(self) -> str | None:
        """The document's market, else the preferences' (the words and labels it is read in)."""
        if self.state is None:
            return None
        return self.state.document.market or self.default_market

    def effective_prn(self) -> str | None:
        if self.state is None:
            return None
        return self.state.document.prn or self.default_prn

    def recompute(self) -> None:
        """MME of the valid rows; an invalid row never reaches the engine."""
        # start-up seam: loaded on first use, after the first paint (ui/app.py)
        from mps_pain.errors import MpsPainError
        from mps_pain.services.mme_service import calculate_mme

        if self.state is None or self.tables is None:
            return
        try:
            document = self.state.document
            if document.market is None and self.default_market is not None:
                # the preferences' market: its words and labels, as the check tab's (N14)
                document = document.model_copy(update={"market": self.default_market})
            self.result = calculate_mme(
                document,
                tables=self.tables,
                table_id=document.table or self.default_table,  # as ``effective_table``
                fallback_set=self.effective_table(),  # said where the market has no set
                prn_policy=self.effective_prn(),  # type: ignore[arg-type]
                on_item_error="exclude",
                rescue_sizes=self._rescues_loaded,  # the first: ``_judge_rescues``
            )
            self.result_error = None
        except MpsPainError as exc:
            self.result = None
            self.result_error = plain_error(exc)
        self.resultChanged.emit()
        if self.result is not None and not self._rescues_loaded:
            QTimer.singleShot(0, self, partial(self._judge_rescues, self.result))

    def _judge_rescues(self, shown: MmeResult) -> None:
        """The rescue-size caution ``mme`` gives (clinician review 20, N2) for the first total,
        once it is shown: the planner's rules load after the first paint, not before it (every
        later total has it in its one pass). Only for the result still shown."""
        # start-up seam: the rescue rule, after the first total is on screen
        from mps_pain.services.mme_service import with_rescue_sizes

        self._rescues_loaded = True  # every later change: one pass, the caution in it
        if shown is not self.result or self.state is None or self.tables is None:
            return
        judged = with_rescue_sizes(self.tables, self.state.document, shown)
        if judged is not self.result:
            self.result = judged
            self.resultChanged.emit()

    def total_is_incomplete(self) -> bool:
        """True when a row is left out of the total (refused by the domain, or not covered by
        the set): every view of the total must then say "incomplete", never a calm number."""
        if self.state is None:
            return False
        if self.state.invalid_rows():
            return True
        return self.result is not None and bool(self.result.excluded)

    @Slot(bool)
    def _on_clean_changed(self, _clean: bool) -> None:
        self.pathChanged.emit()
