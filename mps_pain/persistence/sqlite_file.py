"""The SQLite file: created owner-only, probed read-only before anything writes to it, opened
read-only when it cannot be written, and the connection settings (WAL, full sync, foreign keys).

Opening never writes to a damaged file: the probe runs on a read-only connection and, when
opening would write (switching the file to WAL), first runs ``PRAGMA quick_check``.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mps_pain.errors import StorageError
from mps_pain.input_files import special_kind

__all__ = [
    "damaged_message",
    "driver_error",
    "is_read_only",
    "on_sqlite_begin",
    "on_sqlite_connect",
    "on_sqlite_read_only",
    "prepare_sqlite_file",
    "probe_sqlite_file",
    "read_only_connection",
    "read_only_part",
]

_READ_SCHEMA = "SELECT count(*) FROM sqlite_master"  # fails at once on a file that is not SQLite
_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


def damaged_message(where: str, detail: str) -> str:
    return (
        f"the records file {where} is damaged or is not an mps-pain database "
        f"({detail}). It was not changed. Restore it from a backup or move it aside; "
        "calculations still work without records."
    )


def driver_error(err: UnicodeDecodeError) -> sqlite3.DatabaseError:
    """SQLite's own message about a damaged file can quote bytes of the file that are not UTF-8
    ("malformed database schema (saved_plans) - near "\xb1ULL""), and Python's driver then fails
    to decode the message itself, raising ``UnicodeDecodeError`` instead of its error (fuzz
    review 21, D6: every ``patients`` command exited 3). The same failure as the driver's error,
    those bytes shown as "\ufffd", so that it is said as every other damaged file is."""
    return sqlite3.DatabaseError(bytes(err.object).decode("utf-8", errors="replace"))


def is_read_only(path: Path) -> bool:
    """An existing file this process cannot write (or whose folder it cannot write, where
    SQLite keeps its -wal and -shm files)."""
    return path.exists() and read_only_part(path) is not None


def read_only_part(path: Path) -> str | None:
    """Which of the records file and its folder this process cannot write, in words ("the
    file", "its folder …"), or None (fuzz review 18, D6: a locked folder was said as a
    read-only file, the file itself writable)."""
    effective = os.access in os.supports_effective_ids
    if not os.access(path, os.W_OK, effective_ids=effective):
        return "no write permission on the file"
    if not os.access(path.parent, os.W_OK, effective_ids=effective):
        return f"no write permission on its folder {path.parent}, where SQLite keeps its journal"
    return None


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: ``mode=ro``, or ``immutable=1`` when SQLite cannot make
    the WAL index next to a read-only file."""
    uri = f"file:{quote(str(path))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
        conn.execute(_READ_SCHEMA).fetchone()
        return conn
    except UnicodeDecodeError as err:  # SQLite's message on a damaged schema (D6)
        conn.close()
        raise driver_error(err) from None
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def probe_sqlite_file(path: Path, *, create: bool = True) -> None:
    """``StorageError`` (nothing created, the file unchanged) unless ``path`` is an mps-pain
    records database, or may become one (outside fuzz review 5, R2):

    - a missing file is created only when ``create`` (commands that only read never create one);
    - an existing file with no tables (empty) is adopted only by a command that creates, and only
      if it is readable by its owner alone (what an interrupted first open leaves): a file
      another program or a shell made (``: > FILE``, mode 0644) would keep its mode, and the
      records would be readable by others;
    - an SQLite file with tables of its own is not an mps-pain database: refused;
    - a folder is refused as a folder;
    - a file that is not SQLite, or is damaged, is refused (``damaged_message``).
    """
    if not path.exists():
        if not create:
            raise StorageError(_missing_message(path), database=str(path))
        return
    if path.is_dir():  # fuzz re-check 17b, N7: was "damaged … restore it from a backup"
        raise StorageError(
            f"{path} is a folder, not a records database file; nothing was changed. Give the "
            "file's whole path, sqlite:////PATH/FILE (check --database or "
            "$MPS_PAIN_DATABASE_URL)",
            database=str(path),
        )
    kind = special_kind(path)
    if kind is not None:  # fuzz re-check 18c, N9: a FIFO or /dev/full was "an empty file"
        raise StorageError(
            f"{path} is not a regular file (it is {kind}), not a records database file; nothing "
            "was changed. Check --database or $MPS_PAIN_DATABASE_URL",
            database=str(path),
        )
    if path.stat().st_size == 0:
        _check_adoptable(path, create)
        return
    try:
        conn = read_only_connection(path)
        try:
            tables = {name for (name,) in conn.execute(_TABLES)}
            if "alembic_version" not in tables:
                conn.close()
                _check_adoptable(path, create, tables)
                return
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode != "wal":  # opening will switch it to WAL, a write: check it first
                verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if verdict != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
        finally:
            conn.close()
    except UnicodeDecodeError as err:
        detail = str(driver_error(err)).splitlines()[0]
        raise StorageError(damaged_message(str(path), detail), database=str(path)) from None
    except sqlite3.DatabaseError as err:
        detail = str(err).splitlines()[0]
        raise StorageError(damaged_message(str(path), detail), database=str(path)) from None


def _missing_message(path: Path) -> str:
    return (
        f"there is no records database at {path}; nothing was created (a command that only "
        "reads never creates one). Check --database or $MPS_PAIN_DATABASE_URL; "
        "'mps-pain patients import' or a save in the app creates the database"
    )


_INTERRUPTED = (
    ". An empty file readable by you only is what a first import or save leaves when it is "
    "interrupted (the file is made before its tables): no record was ever in it. "
    "'mps-pain patients import' (or a save in the app) sets it up; or remove it"
)  # fuzz review 7, 5: a kill -9 during the first import


def _check_adoptable(path: Path, create: bool, tables: set[str] | None = None) -> None:
    """An existing file that is not (yet) an mps-pain database: refused, unless it is empty,
    owner-only, and the command creates databases."""
    if tables:
        raise StorageError(
            f"{path} is an SQLite database of another program (tables: "
            f"{', '.join(sorted(tables)[:5])}), not an mps-pain records database. It was not "
            "changed; give another path",
            database=str(path),
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if not create:
        raise StorageError(
            f"{path} is an empty file, not an mps-pain records database; nothing was changed "
            "(a command that only reads never creates one)"
            + ("" if mode & 0o077 else _INTERRUPTED),
            database=str(path),
        )
    if mode & 0o077:
        raise StorageError(
            f"{path} exists and is empty, and others may read it (mode {mode:04o}); mps-pain "
            "does not turn a file it did not create into a records database (the records would "
            "be readable by others). Nothing was written to it: remove it or give a new path, "
            "and mps-pain creates the file readable by you only (0600)",
            database=str(path),
        )


def on_sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA busy_timeout = 10000")


def prepare_sqlite_file(path: Path, *, default_folder: bool) -> None:
    """Create the folder 0700 and the file 0600 before SQLite does (SQLite then gives its -wal
    and -shm files the same mode as the database file)."""
    folder = path.parent
    if not folder.exists():
        missing = [folder, *(p for p in folder.parents if not p.exists())]
        for level in reversed(missing):  # every new level 0700, not only the last one
            level.mkdir(mode=0o700, exist_ok=True)
            os.chmod(level, 0o700)
    elif default_folder:
        os.chmod(folder, 0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)


def on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (transactional DDL too)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout = 10000")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"cannot switch the database to WAL mode (got {mode})")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def on_sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("mps_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
