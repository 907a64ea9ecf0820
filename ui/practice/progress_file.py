"""Writing a learner's practice progress as CSV: never over the records database or its working
files (``ui.output_guard``, fuzz review 17, D2), a refusal said in a message box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from mps_pain.errors import MpsPainError

__all__ = ["write_progress_csv"]


def write_progress_csv(parent: QWidget, store: Any, learner: str, path: str) -> bool:
    """Write ``learner``'s progress from ``store`` (None: no records, nothing written)."""
    if store is None:
        return False
    # start-up seam: the records' modules load when a file is written
    from ui.output_guard import refuse_records_target

    try:
        refuse_records_target(Path(path))
    except MpsPainError as exc:
        QMessageBox.warning(parent, "Progress not written", str(exc))
        return False
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(store.export_csv(learner))
    return True
