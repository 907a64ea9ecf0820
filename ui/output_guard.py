"""No file the app writes replaces the records database or its working files (fuzz review 17,
D2: the command line's `patients export -o <the database> --force` replaced every record; the
app's save dialogs reach the same files). Every writer of the app asks ``refuse_records_file``,
the one guard the command line asks too, about the records the app opens."""

from __future__ import annotations

from pathlib import Path

from mps_pain.persistence.database import records_file_of
from mps_pain.persistence.own_files import refuse_records_file

__all__ = ["refuse_records_target"]


def refuse_records_target(path: Path) -> None:
    """``InputError`` when ``path`` is the app's records database or one of its working files."""
    refuse_records_file(path, records_file_of(), location=path.name)
