"""Shared fixtures. Qt runs offscreen; tables come from files, never from mocks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables, load_tables

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def small_tables() -> TableIndex:
    """A made-up table: tests of arithmetic and validation use it, not clinical values."""
    return load_tables(FIXTURES / "small_tables.yaml")


@pytest.fixture(scope="session")
def small_tables_text() -> str:
    return (FIXTURES / "small_tables.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tables() -> TableIndex:
    """The shipped clinical tables (data/conversion_tables.yaml)."""
    return get_tables()
