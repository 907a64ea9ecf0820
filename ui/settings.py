"""Preferences kept between sessions (QSettings).

Default set, PRN default, formulary market, theme, recent files, the files this app wrote
(the only ones Save overwrites) and window geometry.
"""

from __future__ import annotations

from typing import get_args

from PySide6.QtCore import QByteArray, QSettings

from mps_pain.tables.vocabulary import PrnPolicy

__all__ = ["AppSettings"]

MAX_RECENT = 8
MAX_WRITTEN = 200  # the files this app wrote, newest first: the ones Save may overwrite
_THEMES = ("system", "light", "dark")


class AppSettings:
    """Typed access to QSettings; pass a QSettings (e.g. an .ini in a test folder) to isolate."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings("mps-pain", "workstation")

    def _text(self, key: str, default: str | None) -> str | None:
        value = self.store.value(key, default)
        return str(value) if value not in (None, "") else default

    @property
    def default_set(self) -> str | None:
        return self._text("calculation/default_set", None)

    @default_set.setter
    def default_set(self, value: str | None) -> None:
        self.store.setValue("calculation/default_set", value or "")

    @property
    def prn_default(self) -> str | None:
        value = self._text("calculation/prn_default", None)
        return value if value in get_args(PrnPolicy) else None

    @prn_default.setter
    def prn_default(self, value: str | None) -> None:
        self.store.setValue("calculation/prn_default", value or "")

    @property
    def market(self) -> str | None:
        return self._text("formulary/market", None)

    @market.setter
    def market(self, value: str | None) -> None:
        self.store.setValue("formulary/market", value or "")

    @property
    def theme(self) -> str:
        value = self._text("view/theme", "system")
        return value if value in _THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.store.setValue("view/theme", value if value in _THEMES else "system")

    @property
    def recent_files(self) -> list[str]:
        value = self.store.value("files/recent", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def add_recent(self, path: str) -> None:
        files = [path, *(p for p in self.recent_files if p != path)][:MAX_RECENT]
        self.store.setValue("files/recent", files)

    @property
    def written_files(self) -> list[str]:
        """The regimen files this app wrote (resolved paths, newest first)."""
        value = self.store.value("files/written", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def add_written(self, path: str) -> None:
        files = [path, *(p for p in self.written_files if p != path)][:MAX_WRITTEN]
        self.store.setValue("files/written", files)

    @property
    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    def sync(self) -> None:
        self.store.sync()
