"""The index check of our flat table models, as ``checkIndex(IndexIsValid)`` answers it.

Qt's ``QAbstractItemModel.checkIndex`` crosses into C++ and back into Python twice (our
``rowCount`` and ``columnCount``) and converts its option to a Python enum on each call:
~6.5 µs, against ~1.6 µs for the same questions asked here. The views ask it of every cell for
every role they paint and measure (342,000 calls in one run of tests/ui, issue 11).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

__all__ = ["in_table"]


def in_table(
    model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex, rows: int, columns: int
) -> bool:
    """True if ``index`` is a valid index of ``model``, a flat table of ``rows`` × ``columns``
    (what ``model.checkIndex(index, IndexIsValid)`` answers for it)."""
    return (
        index.isValid()
        and index.model() is model
        and 0 <= index.row() < rows
        and 0 <= index.column() < columns
    )
