"""Opening the records database: URL choice, SQLite hardening, migrations, transactions, backup.

- Default: an SQLite file in the user data folder (``platformdirs``), created 0600 in a 0700
  folder, WAL mode, ``synchronous=FULL``, foreign keys on. No set-up, no network.
- ``MPS_PAIN_DATABASE_URL`` (or an explicit URL) selects another database, e.g. a team's
  PostgreSQL server (``postgresql+psycopg://user:pass@host/db``). That server is the only network
  peer the program ever talks to.
- Opening migrates the schema in place to the newest version (Alembic, run programmatically).
- Every write is one transaction (``BEGIN IMMEDIATE`` on SQLite): it commits whole or not at all.
- Driver errors become ``StorageError`` with a sentence saying what to do.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from mps_pain.errors import MpsPainError, StorageError

__all__ = ["DATABASE_URL_ENV", "Database", "default_database_path", "resolve_database_url"]

DATABASE_URL_ENV = "MPS_PAIN_DATABASE_URL"
APP_DIR_NAME = "mps-pain"
DB_FILE_NAME = "records.sqlite3"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME


def resolve_database_url(url: str | None = None) -> str:
    """The URL to use: ``url``, else ``$MPS_PAIN_DATABASE_URL``, else the default SQLite file."""
    chosen = url or os.environ.get(DATABASE_URL_ENV)
    if chosen:
        return chosen
    return f"sqlite:///{default_database_path()}"


def _prepare_sqlite_file(path: Path, *, default_folder: bool) -> None:
    """Create the folder 0700 and the file 0600 before SQLite does (SQLite then gives its -wal
    and -shm files the same mode as the database file)."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)
    elif default_folder:
        os.chmod(folder, 0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
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


def _on_sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("mps_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One records database. Use ``Database.open()``; then ``reading()``/``writing()`` sessions."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(mps_write=True), expire_on_commit=False
        )

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Database:
        """Open (creating if needed) and migrate the database; ``StorageError`` if it cannot."""
        text = resolve_database_url(url)
        try:
            parsed = make_url(text)
        except exc.ArgumentError:
            raise StorageError(f"'{text}' is not a database URL") from None
        kwargs: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database
            if not path or path == ":memory:":
                raise StorageError("an in-memory database would lose every record; give a file")
            file = Path(path).expanduser().resolve()
            try:
                _prepare_sqlite_file(file, default_folder=file == default_database_path())
            except OSError as err:
                raise StorageError(
                    f"cannot create the records database at {file}: {err.strerror}",
                    database=str(file),
                ) from None
            parsed = parsed.set(database=str(file))
        elif parsed.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": 5}
            kwargs["pool_pre_ping"] = True
        try:
            engine = create_engine(parsed, **kwargs)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as err:
            raise StorageError(f"cannot use database URL {_safe(parsed)}: {err}") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _on_sqlite_begin)
        database = cls(engine, parsed)
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
        self.engine.dispose()

    # --- migrations ----------------------------------------------------------------------------
    def _alembic_config(self) -> Any:
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        return config

    def schema_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self._guard("read the schema version of"), self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str:
        """The newest schema revision this program knows."""
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self._alembic_config()).get_current_head()
        assert head is not None
        return head

    def migrate(self, target: str = "head") -> None:
        """Upgrade the schema in place to ``target`` (the newest revision), in one transaction."""
        from alembic import command
        from alembic.script import ScriptDirectory

        config = self._alembic_config()
        script = ScriptDirectory.from_config(config)
        known = {rev.revision for rev in script.walk_revisions()}
        current = self.schema_revision()
        if current is not None and current not in known:
            raise StorageError(
                f"the records database {self.describe()} has schema version '{current}', made by "
                "a newer mps-pain; update the program. The database was not changed.",
                database=self.describe(),
            )
        if current == (script.get_current_head() if target == "head" else target):
            return
        with self._guard("upgrade"), self.engine.execution_options(mps_write=True).begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, target)

    # --- sessions ------------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any error."""
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
        except exc.OperationalError as err:
            raise StorageError(self._explain(doing, err), database=self.describe()) from err
        except (exc.DBAPIError, sqlite3.Error) as err:
            raise StorageError(self._explain(doing, err), database=self.describe()) from err

    def _explain(self, doing: str, err: Exception) -> str:
        detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        where = self.describe()
        if self.is_sqlite:
            if "not a database" in detail or "malformed" in detail:
                return (
                    f"the records file {where} is damaged or is not an mps-pain database "
                    f"({detail}). It was not changed. Restore it from a backup or move it aside; "
                    "calculations still work without records."
                )
            if "locked" in detail or "busy" in detail:
                return (
                    f"the records file {where} is busy (another program holds a write lock); "
                    "your change was not saved, try again"
                )
            return f"cannot {doing} the records file {where}: {detail}. Nothing was changed."
        if (isinstance(err, exc.OperationalError) and "connect" in detail.lower()) or (
            "connection" in detail.lower()
        ):
            return (
                f"cannot reach the records server {where} ({detail}). Records are unavailable; "
                "calculations still work, and nothing stored was changed."
            )
        return f"cannot {doing} the records database {where}: {detail}. Nothing was changed."

    # --- backup --------------------------------------------------------------------------------
    def backup(self, destination: Path) -> Path:
        """A consistent copy of an SQLite database (the SQLite online backup API), safe while
        other connections read and write. The copy is created 0600."""
        if not self.is_sqlite:
            raise StorageError(
                "backup PATH copies the SQLite file; back up a PostgreSQL server with pg_dump"
            )
        source_path = self.url.database
        assert source_path is not None
        target = Path(destination).expanduser().resolve()
        if target.exists():
            raise StorageError(f"{target} already exists; choose a new file name")
        if not target.parent.is_dir():
            raise StorageError(f"the folder {target.parent} does not exist")
        partial = target.with_name(target.name + ".partial")
        try:
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
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
            partial.unlink(missing_ok=True)
            raise StorageError(f"backup to {target} failed: {err}") from None
        return target


def _safe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)
