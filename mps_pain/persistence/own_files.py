"""The records database's own files, which no command writes over, whatever ``--force`` says
(fuzz review 17, D2: ``patients export -o <the database> --force`` replaced every patient,
version, event and the audit trail with one patient's JSON; ``backup`` refused only because the
file existed). Every command that writes a file asks ``refuse_records_file`` first."""

from __future__ import annotations

import os
from pathlib import Path

from mps_pain.errors import InputError

__all__ = ["SQLITE_WORKING_SUFFIXES", "records_files", "refuse_records_file"]

SQLITE_WORKING_SUFFIXES = ("-wal", "-shm", "-journal")
"""SQLite's files beside a database: its write-ahead log, shared memory and rollback journal."""


def records_files(database_file: Path) -> tuple[Path, ...]:
    """The database file and its working files, as absolute paths."""
    base = database_file.expanduser().resolve()
    return (base, *(base.with_name(base.name + s) for s in SQLITE_WORKING_SUFFIXES))


def refuse_records_file(target: Path, database_file: Path | None, *, location: str) -> None:
    """Refuse ``target`` when it is the records database (``database_file``; None: a server
    database, no file) or one of its working files, by any name: a relative path, a symbolic
    link, a hard link."""
    if database_file is None:
        return
    resolved = target.expanduser().resolve()
    own = records_files(database_file)
    if resolved in own or any(_same_file(resolved, file) for file in own):
        raise InputError(
            f"{target} is the records database {own[0]} or one of its working files; nothing "
            "was written (writing there would destroy every record): choose another file name",
            location=location,
        )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # either is missing: not the same file
        return False
