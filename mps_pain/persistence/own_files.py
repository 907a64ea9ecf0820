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
    link, a hard link; or any other SQLite database (the app's default records file, a
    backup) or its working files."""
    resolved = target.expanduser().resolve()
    own = records_files(database_file) if database_file is not None else ()
    if resolved in own or any(_same_file(resolved, file) for file in own):
        raise InputError(
            f"{target} is the records database {own[0]} or one of its working files; nothing "
            "was written (writing there would destroy every record): choose another file name",
            location=location,
        )
    if _a_database(resolved):  # another records file (fuzz re-check 17b, N2): the app's own
        raise InputError(
            f"{target} is a database file; nothing was written (writing there would destroy "
            "what it holds): choose another file name",
            location=location,
        )


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _a_database(path: Path) -> bool:
    """``path`` is an SQLite database, or one of the working files beside one: never written
    over, whichever database the command opened."""
    for suffix in SQLITE_WORKING_SUFFIXES:
        if path.name.endswith(suffix) and _a_database(path.with_name(path.name[: -len(suffix)])):
            return True
    try:
        if not path.is_file():  # a pipe's open would wait for a writer (fuzz re-check 18c, N5)
            return False
        with path.open("rb") as file:
            return file.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:  # missing, a folder, unreadable: not a database to protect
        return False


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # either is missing: not the same file
        return False
