"""Reading the records database URL (``--database`` or ``$MPS_PAIN_DATABASE_URL``): every URL
that cannot be used is refused in one plain line before any file, folder or connection is made.

Fuzz review 17, D5: an SQLite URL one slash short (``sqlite://$PWD/typo.sqlite3``) made a new
database, or an empty file under a folder tree, below the current folder, or printed
SQLAlchemy's text with a literal "\\n"; ``mysql://…`` said "No module named 'MySQLdb'".
Fuzz re-check 17b, N4: a trailing space (a copy-paste slip) was kept in the file name, and an
import made a second database ``db.sqlite3␠`` beside the real one: white space around the URL is
refused, whatever the backend (a space inside a path stays part of it)."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import exc
from sqlalchemy.engine import URL, make_url

from mps_pain.errors import StorageError

__all__ = ["OPTION", "USABLE_FORMS", "driver_missing", "mask_passwords", "parse_database_url"]

OPTION = "the records database URL (--database or $MPS_PAIN_DATABASE_URL)"
USABLE_FORMS = (
    "sqlite:////PATH/FILE (four slashes before a whole path) or "
    "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE"
)
_BACKENDS = ("sqlite", "postgresql")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def mask_passwords(text: str) -> str:
    """``scheme://user:***@host``: no message ever shows a database password."""
    return _URL_PASSWORD.sub(r"\1***@", text)


def parse_database_url(text: str) -> URL:
    """The URL of ``text``, refused naming the option when mps-pain cannot use it."""
    _no_surrounding_space(text)
    try:
        url = make_url(text)
    except exc.ArgumentError:
        raise StorageError(  # not echoed: an unparsable URL may hold a password anywhere
            f"{OPTION} cannot be read; write it as {USABLE_FORMS}"
        ) from None
    except ValueError as err:  # e.g. a port that is not a number
        raise StorageError(
            f"'{mask_passwords(text)}' is not a usable database URL ({err}); the port must "
            "be a number"
        ) from None
    backend = url.get_backend_name()
    if backend not in _BACKENDS:
        raise StorageError(
            f"{OPTION} names a '{backend}' database; mps-pain keeps its records in SQLite or "
            f"PostgreSQL: write {USABLE_FORMS}"
        )
    if backend == "sqlite":
        _no_sqlite_options(text)
        _whole_sqlite_path(url)
    return url


def driver_missing(url: URL) -> StorageError:
    """A URL whose driver is not installed here, in plain words (not Python's import error)."""
    return StorageError(
        f"{OPTION} asks for the database driver '{url.get_driver_name()}', which is not "
        f"installed with mps-pain; write {USABLE_FORMS}"
    )


def _no_surrounding_space(text: str) -> None:
    """White space before or after the URL is a slip, never part of a file or server name."""
    for where, trimmed in (("start", text.lstrip()), ("end", text.rstrip())):
        if trimmed != text:
            raise StorageError(  # not echoed: it may hold a password
                f"{OPTION} has white space at its {where} (a space, tab or line break), which "
                "would name another file or server; remove it. Nothing was created."
            )


def _no_sqlite_options(text: str) -> None:
    """An SQLite URL takes no options after '?': the driver ignores them (``?mode=ro`` still
    wrote, with a library warning; outside fuzz review 6, item 4), and SQLAlchemy drops a bare
    ``?x`` silently, so any '?' in the text is refused (a file name with '?' was misread too)."""
    if "?" in text:
        options = text.partition("?")[2][:40]
        raise StorageError(
            f"{OPTION} has options after '?' ({options}) that an SQLite database does not "
            "honour; give the file only, sqlite:////PATH/FILE"
        )


def _whole_sqlite_path(url: URL) -> None:
    """An SQLite URL names a whole path and no server: ``sqlite:///`` and a path without its
    leading '/' is a file below the current folder, wherever the command happens to run."""
    path = url.database or ""
    if url.host:
        raise StorageError(
            f"{OPTION} names a server ('{url.host}') for an SQLite file, which has none (a "
            f"slash missing?); write sqlite:////PATH/FILE. Nothing was created."
        )
    if path and path != ":memory:" and not Path(path).expanduser().is_absolute():
        raise StorageError(
            f"{OPTION} names '{path}', a path below whatever folder the command runs in (one "
            f"slash short?); write the whole path, sqlite:////{path.lstrip('/')} if that is "
            "where it is meant to be. Nothing was created."
        )
