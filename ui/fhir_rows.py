"""The rows that stand, in the regimen editor, for what a FHIR import could not read and that may
hold a medication (``mps_pain.fhir.coverage``; fuzz review 18, D1): each is a row that could not
be read, so the total reads INCOMPLETE and names it, and the planner and the check refuse to go
on, until the pharmacist enters what it holds in that row or deletes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

from ui.editing import EditorState, RowEntry, RowError

__all__ = ["with_waiting_rows"]


def with_waiting_rows(state: EditorState, rows: Sequence[tuple[str, str]]) -> EditorState:
    """``state`` with one row per (note, why) appended, counted by no total."""
    waiting = tuple(
        RowEntry(MappingProxyType({"note": note}), None, RowError(None, why)) for note, why in rows
    )
    return replace(state, rows=state.rows + waiting)
