"""Rotation rules called through the service, as the JSON contract shows them.

Domain rules are tested here without the command line: ``planned`` is
``plan_rotation(document)`` dumped as ``mps-pain rotate --json`` prints it (the command adds
only the key order). The CLI's own tests are in test_rotate_and_check_commands.py.
"""

from __future__ import annotations

from typing import Any

from mps_pain.services.rotation_service import check_proposal, plan_rotation

PATCH = {"drug": "fentanyl", "route": "transdermal"}


def planned(document: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = plan_rotation(document).model_dump(mode="json")
    return payload


def checked(document: dict[str, Any]) -> dict[str, Any]:
    payload: dict[str, Any] = check_proposal(document).model_dump(mode="json")
    return payload


def schedule_to_patch(item: dict[str, Any]) -> list[dict[str, str]]:
    """The transition schedule of a switch from one item to a fentanyl patch (uk-palliative)."""
    payload = planned({"from": {"items": [item]}, "to": PATCH, "table": "uk-palliative"})
    assert payload["regimen_detail"]["patches"], payload["regimen"]
    schedule: list[dict[str, str]] = payload["schedule"]
    return schedule
