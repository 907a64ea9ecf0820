"""``mps-pain backup``: a consistent copy of the SQLite records file (the SQLite online backup
API), safe while other connections read and write; moved out of ``database`` whole."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from mps_pain.errors import StorageError
from mps_pain.persistence.own_files import refuse_records_file

__all__ = ["backup_sqlite"]


def backup_sqlite(source_path: Path, destination: Path) -> Path:
    """Copy ``source_path`` to the new file ``destination`` (created 0600); never over the
    records database or its working files (``own_files``), never over an existing file."""
    refuse_records_file(destination, source_path, location="PATH")
    target = Path(destination).expanduser().resolve()
    if target.exists():
        raise StorageError(f"{target} already exists; choose a new file name")
    if not target.parent.is_dir():
        raise StorageError(f"the folder {target.parent} does not exist")
    try:
        # a fresh name each time: what a killed backup left behind is never in the way
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
        os.close(fd)
        partial = Path(name)
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=10)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as err:
        if "partial" in locals():
            partial.unlink(missing_ok=True)
        raise StorageError(f"backup to {target} failed: {err}") from None
    return target
