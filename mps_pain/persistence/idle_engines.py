"""Engines of closed SQLite databases, kept for the next opening of the same file.

An SQLAlchemy engine compiles each SQL statement once and keeps it (its compiled cache); a new
engine compiles every statement again: a third of the time of a command that opens the database,
reads and closes it. The app and the command line open the records once per process, the tests
hundreds of times (one in-process command after another on the same file).
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import URL, Engine

__all__ = ["IdleEngines"]


class IdleEngines:
    """Closed engines by (file URL, read-only). A closed database's engine is disposed: no
    connection is left open, the next one opens the file anew and runs the connect settings. So
    reusing it for the same file with the same access and its own listeners changes nothing but
    the compiling. Only closed engines are kept, each taken by one opening, the ``_MAX`` most
    recently closed; other back ends are never kept."""

    _MAX = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engines: dict[tuple[str, bool], Engine] = {}

    def take(self, url: URL, read_only: bool) -> Engine | None:
        if url.get_backend_name() != "sqlite":
            return None
        with self._lock:
            return self._engines.pop((str(url), read_only), None)

    def keep(self, engine: Engine, url: URL, read_only: bool) -> None:
        if url.get_backend_name() != "sqlite":
            return
        with self._lock:
            self._engines[(str(url), read_only)] = engine
            while len(self._engines) > self._MAX:
                del self._engines[next(iter(self._engines))]
