"""Fixtures of the rotation planner tests: the made-up table, and request builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import load_tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROTATION_FIXTURE = FIXTURES / "rotation_tables.yaml"


@pytest.fixture(scope="session")
def rot() -> TableIndex:
    """Made-up rotation rules and factors (tests/fixtures/rotation_tables.yaml)."""
    return load_tables(ROTATION_FIXTURE)


@pytest.fixture(scope="session")
def rot_text() -> str:
    return ROTATION_FIXTURE.read_text(encoding="utf-8")


def scheduled(
    drug: str, dose: str, frequency: str, *, route: str = "oral", form: str | None = None
) -> dict[str, Any]:
    item: dict[str, Any] = {"drug": drug, "route": route, "dose": dose, "frequency": frequency}
    if form is not None:
        item["form"] = form
    return item


def request(items: list[dict[str, Any]], to: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"from": {"items": items}, "to": to, **extra}
