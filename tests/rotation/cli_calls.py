"""Rotation-specific CLI shortcuts on top of the shared runner (tests/cli_runner.py)."""

from __future__ import annotations

from typing import Any

from tests.cli_runner import cli_json

PATCH = {"drug": "fentanyl", "route": "transdermal"}


def schedule_to_patch(item: dict[str, Any]) -> list[dict[str, str]]:
    """The transition schedule of a switch from one item to a fentanyl patch (uk-palliative)."""
    payload = cli_json("rotate", {"from": {"items": [item]}, "to": PATCH, "table": "uk-palliative"})
    assert payload["regimen_detail"]["patches"], payload["regimen"]
    schedule: list[dict[str, str]] = payload["schedule"]
    return schedule
