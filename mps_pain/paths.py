"""Where the shipped data lives: the one place that knows (no heavy imports, safe at start-up)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["TABLES_ENV", "cases_dir", "data_dir", "default_tables_path"]

TABLES_ENV = "MPS_PAIN_TABLES"
_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The copy of ``data/`` packaged in the wheel, else ``data/`` of a source checkout."""
    packaged = _PACKAGE / "_data"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "data"


def default_tables_path() -> Path:
    """``$MPS_PAIN_TABLES`` if set (a table file of your own), else the shipped tables."""
    override = os.environ.get(TABLES_ENV)
    return Path(override) if override else data_dir() / "conversion_tables.yaml"


def cases_dir() -> Path:
    """The published example cases (``data/cases``): regimen steps and timelines."""
    return data_dir() / "cases"
