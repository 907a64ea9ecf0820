"""Opening the records database: URL choice, SQLite hardening, migrations, transactions, backup.

- Default: an SQLite file in the user data folder (``platformdirs``), created 0600 in a 0700
  folder, WAL mode, ``synchronous=FULL``, foreign keys on. No set-up, no network.
- ``MPS_PAIN_DATABASE_URL`` (or an explicit URL) selects another database, e.g. a team's
  PostgreSQL server (``postgresql+psycopg://user:pass@host/db``). That server is the only network
  peer the program ever talks to.
- Opening migrates the schema in place to the newest version (Alembic, run programmatically).
  An up-to-date database is told by its ``alembic_version`` row equal to ``SCHEMA_HEAD``,
  without importing Alembic (and mako, pygments): it loads only to migrate.
- Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite): it commits whole or not at all.
- Driver errors become ``StorageError`` with a sentence saying what to do.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import create_engine, event, exc, inspect, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from mps_pain.errors import MpsPainError, StorageError
from mps_pain.os_words import os_error_words
from mps_pain.persistence.database_url import (
    driver_missing,
    mask_passwords,
    parse_database_url,
)
from mps_pain.persistence.idle_engines import IdleEngines
from mps_pain.persistence.sqlite_backup import backup_sqlite
from mps_pain.persistence.sqlite_file import (
    damaged_message,
    driver_error,
    is_read_only,
    on_sqlite_begin,
    on_sqlite_connect,
    on_sqlite_read_only,
    prepare_sqlite_file,
    probe_sqlite_file,
    read_only_connection,
    read_only_part,
)
from mps_pain.sentences import then

__all__ = [
    "DATABASE_URL_ENV",
    "PG_LOCK_TIMEOUT_S",
    "PG_STATEMENT_TIMEOUT_S",
    "SCHEMA_HEAD",
    "Database",
    "default_database_path",
    "mask_passwords",
    "records_file_of",
    "resolve_database_url",
]

DATABASE_URL_ENV = "MPS_PAIN_DATABASE_URL"
APP_DIR_NAME = "mps-pain"
DB_FILE_NAME = "records.sqlite3"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SCHEMA_HEAD = "0008"  # the newest migration's revision (tests/persistence check it is the head)
_VERSION_TABLE = "alembic_version"
PG_LOCK_TIMEOUT_S = 10  # as long as SQLite's busy_timeout: then "busy", never a hang
PG_STATEMENT_TIMEOUT_S = 60
_PG_BUSY = {"55P03", "57014", "40P01"}  # lock_not_available, query_canceled, deadlock
_UNCHANGED = ". Nothing was changed."  # after a refusal, joined by sentences.then


def default_database_path() -> Path:

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME


def resolve_database_url(url: str | None = None) -> str:
    """The URL to use: ``url``, else ``$MPS_PAIN_DATABASE_URL``, else the default SQLite file."""
    chosen = url or os.environ.get(DATABASE_URL_ENV)
    if chosen:
        return chosen
    return f"sqlite:///{default_database_path()}"


def records_file_of(url: str | None = None) -> Path | None:
    """The SQLite file the records of ``url`` (default: the configured records) live in, which
    no file the program writes may replace (``own_files``); None for a server or an unusable
    URL (opening it says why)."""
    try:
        parsed = parse_database_url(resolve_database_url(url))
    except StorageError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database).expanduser().resolve()


def _on_postgres_connect(lock_timeout_s: float) -> Any:
    def configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"SET lock_timeout = '{int(lock_timeout_s * 1000)}ms'")
            cursor.execute(f"SET statement_timeout = '{PG_STATEMENT_TIMEOUT_S}s'")
        finally:
            cursor.close()
        dbapi_connection.commit()  # session settings, kept after the commit

    return configure


def _new_engine(
    parsed: URL, kwargs: dict[str, Any], read_only: bool, lock_timeout_s: float
) -> Engine:
    try:
        engine = create_engine(parsed, **kwargs)
    except (exc.NoSuchModuleError, ImportError):
        raise driver_missing(parsed) from None
    except exc.ArgumentError as err:
        raise StorageError(
            mask_passwords(f"cannot use database URL {_safe(parsed)}: {err}")
        ) from None
    if engine.dialect.name == "sqlite":
        on_connect = on_sqlite_read_only if read_only else on_sqlite_connect
        event.listen(engine, "connect", on_connect)
        event.listen(engine, "begin", on_sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _on_postgres_connect(lock_timeout_s))
    return engine


_IDLE = IdleEngines()  # engines of closed SQLite databases (idle_engines)


class Database:
    """One records database. Use ``Database.open()``; then ``reading()``/``writing()`` sessions."""

    def __init__(self, engine: Engine, url: URL, *, read_only: bool = False) -> None:
        self.engine = engine
        self.url = url
        self.read_only = read_only
        self._closed = False
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(mps_write=True), expire_on_commit=False
        )

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        migrate: bool = True,
        create: bool = True,
        lock_timeout_s: float = PG_LOCK_TIMEOUT_S,
    ) -> Database:
        """Open and migrate the database; ``StorageError`` if it cannot. A missing SQLite file is
        created (0600, new folders 0700) only with ``create`` (commands that only read pass
        False); an existing file that is not an mps-pain database is never adopted
        (``sqlite_file.probe_sqlite_file``)."""
        text = resolve_database_url(url)
        parsed = parse_database_url(text)
        kwargs: dict[str, Any] = {}
        read_only = False
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database
            if not path or path == ":memory:":
                raise StorageError("an in-memory database would lose every record; give a file")
            file = Path(path).expanduser().resolve()
            try:  # a name the system refuses (too long) is said, not an error (fuzz 18, D4)
                read_only = is_read_only(file)
                probe_sqlite_file(file, create=create)
                if not read_only:
                    prepare_sqlite_file(file, default_folder=file == default_database_path())
            except OSError as err:
                raise StorageError(
                    f"cannot open the records database at '{file}': {os_error_words(err)}",
                    database=str(file),
                ) from None
            parsed = parsed.set(database=str(file))
            if read_only:
                kwargs["creator"] = lambda: read_only_connection(file)
        elif parsed.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": 5}
            kwargs["pool_pre_ping"] = True
        engine = _IDLE.take(parsed, read_only) or _new_engine(
            parsed, kwargs, read_only, lock_timeout_s
        )
        database = cls(engine, parsed, read_only=read_only)
        if migrate:
            try:
                database.migrate()
            except BaseException:
                engine.dispose()
                raise
        return database

    def describe(self) -> str:
        """Where the records live, without any password."""
        return _safe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        """Close every connection; the engine is kept for the next opening of this file (closing
        twice does nothing more: the engine may be another opening's by then)."""
        if self._closed:
            return
        self._closed = True
        self.engine.dispose()
        _IDLE.keep(self.engine, self.url, self.read_only)

    # --- migrations ----------------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        """The schema revision the database records (None: no schema yet), read as Alembic
        stores it (one row of ``alembic_version``) without importing Alembic."""
        with self._guard("read the schema version of"), self.engine.connect() as conn:
            if not inspect(conn).has_table(_VERSION_TABLE):
                return None
            rows = conn.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}"))
            revisions = [str(row) for row in rows.scalars()]
        if len(revisions) > 1:
            raise StorageError(
                f"the records database {self.describe()} records {len(revisions)} schema "
                f"versions ({', '.join(sorted(revisions))}) where there is one; it was not "
                "changed. Restore a backup, or ask whoever set the database up.",
                database=self.describe(),
            )
        return revisions[0] if revisions else None

    def head_revision(self) -> str:
        """The newest schema revision this program knows."""
        return SCHEMA_HEAD

    def migrate(self, target: str = "head") -> None:
        """Upgrade the schema in place to ``target`` (the newest revision), in one transaction."""
        current = self.schema_revision()
        if current == SCHEMA_HEAD and target in ("head", SCHEMA_HEAD):
            return  # the everyday case: up to date, told without Alembic
        # start-up seam: alembic loads only when the schema is migrated (see above)
        from alembic import command

        config = _alembic_config()
        known, head = _revisions()
        if current is not None and current not in known:
            raise StorageError(
                f"the records database {self.describe()} has schema version '{current}', made by "
                "a newer mps-pain; update the program. The database was not changed.",
                database=self.describe(),
            )
        if current == (head if target == "head" else target):
            return
        if self.read_only:
            raise StorageError(
                f"the records file {self.describe()} is read-only and has an older schema "
                f"('{current}'); open it once with write access to upgrade it",
                database=self.describe(),
            )
        with self._guard("upgrade"), self.engine.execution_options(mps_write=True).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)

    # --- sessions ------------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
        if self.read_only:
            file = self.records_file
            why = (read_only_part(file) if file else None) or "no write permission"
            raise StorageError(
                f"the records file {self.describe()} is read-only ({why}): it "
                "can be listed and exported, not changed. Nothing was saved.",
                database=self.describe(),
            )
        with self._guard("write to"), self._write.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._guard("read"), self._read.begin() as session:
            yield session

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except MpsPainError:
            raise
        except (exc.DBAPIError, sqlite3.Error) as err:
            message = mask_passwords(self._explain(doing, err))
            raise StorageError(message, database=self.describe()) from err
        except UnicodeDecodeError as err:  # SQLite's message quoting a damaged file (D6)
            if not self.is_sqlite:
                raise
            message = self._explain(doing, driver_error(err))
            raise StorageError(message, database=self.describe()) from None

    def _explain(self, doing: str, err: Exception) -> str:
        detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        where = self.describe()
        if self.is_sqlite:
            if "not a database" in detail or "malformed" in detail:
                return damaged_message(where, detail)
            if "locked" in detail or "busy" in detail:
                return (
                    f"the records file {where} is busy (another program holds a write lock); "
                    "your change was not saved, try again"
                )
            return then(f"cannot {doing} the records file {where}: {detail}", _UNCHANGED)
        if getattr(getattr(err, "orig", None), "sqlstate", None) in _PG_BUSY:
            return (
                f"the records server {where} is busy (another session holds a lock on this "
                f"record, or the request took longer than {PG_STATEMENT_TIMEOUT_S} s); your "
                "change was not saved, try again"
            )
        if (isinstance(err, exc.OperationalError) and "connect" in detail.lower()) or (
            "connection" in detail.lower()
        ):
            return (
                f"cannot reach the records server {where} ({detail}). Records are unavailable; "
                "calculations still work, and nothing stored was changed."
            )
        return then(f"cannot {doing} the records database {where}: {detail}", _UNCHANGED)

    # --- backup --------------------------------------------------------------------------------
    @property
    def records_file(self) -> Path | None:
        """The SQLite file (None: a server database), which no command writes over
        (``own_files``)."""
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def backup(self, destination: Path) -> Path:
        """A consistent copy of an SQLite database, made 0600 (``sqlite_backup``)."""
        if self.records_file is None:
            raise StorageError(
                "backup PATH copies the SQLite file; back up a PostgreSQL server with pg_dump"
            )
        return backup_sqlite(self.records_file, destination)


def _safe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _alembic_config() -> Any:
    # start-up seam: alembic loads only when the schema is checked or migrated
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def _revisions() -> tuple[frozenset[str], str]:
    """The revisions of the migration scripts and their head. Reading the scripts costs more than
    opening a database, and they do not change while the program runs: read once per process."""
    # start-up seam: alembic loads only when the schema is checked or migrated
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    head = script.get_current_head()
    assert head is not None
    return frozenset(rev.revision for rev in script.walk_revisions()), head
