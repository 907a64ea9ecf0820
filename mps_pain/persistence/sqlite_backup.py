"""``mps-pain backup``: a consistent copy of the SQLite records file (the SQLite online backup
API), safe while other connections read and write; moved out of ``database`` whole."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from mps_pain.errors import StorageError
from mps_pain.input_files import refuse_special_file
from mps_pain.os_words import os_error_words
from mps_pain.persistence.backup_leftovers import hold, remove_stale_partials
from mps_pain.persistence.own_files import refuse_records_file
from mps_pain.persistence.sqlite_file import driver_error
from mps_pain.sentences import then

__all__ = ["backup_sqlite"]


def backup_sqlite(source_path: Path, destination: Path) -> Path:
    """Copy ``source_path`` to the new file ``destination`` (created 0600); never over the
    records database or its working files (``own_files``), never over an existing file. Every
    refusal names PATH in plain words (``os_words``): never an errno or the temporary file's
    name (fuzz review 18, D4: a 300-character name exited 3; D6: "[Errno 1] … .partial")."""
    refuse_special_file(destination, location="PATH", output=True)  # a FIFO waited forever
    refuse_records_file(destination, source_path, location="PATH")
    target = Path(destination).expanduser().resolve()
    partial: Path | None = None
    try:
        if target.exists():
            raise StorageError(f"{target} already exists; choose a new file name", location="PATH")
        if not target.parent.is_dir():
            raise StorageError(f"the folder {target.parent} does not exist", location="PATH")
        # a fresh name each time: what a killed backup left behind is never in the way, and
        # is removed here unless a running backup holds it (fuzz review 19, D7)
        remove_stale_partials(target.parent)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
        partial = Path(name)
        try:
            hold(fd)
            _copy(source_path, partial)
            os.replace(partial, target)
        finally:
            os.close(fd)
    except (OSError, sqlite3.Error, UnicodeDecodeError) as err:
        if partial is not None:
            partial.unlink(missing_ok=True)
        if isinstance(err, UnicodeDecodeError):  # SQLite's message quoting a damaged file (D6)
            err = driver_error(err)
        why = os_error_words(err) if isinstance(err, OSError) else f"the copy failed ({err})"
        raise StorageError(
            then(f"cannot back up to '{target}': {why}", "; nothing was written"), location="PATH"
        ) from None
    return target


def _copy(source_path: Path, partial: Path) -> None:
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
