"""The real `mps-pain` CLI in a subprocess, shared by the rotation review tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PATCH = {"drug": "fentanyl", "route": "transdermal"}


def run_cli(
    command: str, document: dict[str, Any], *flags: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mps_pain_cli", command, "-", *flags],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def cli_json(command: str, document: dict[str, Any]) -> dict[str, Any]:
    done = run_cli(command, document, "--json")
    assert done.returncode == 0, done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def cli_text(command: str, document: dict[str, Any]) -> str:
    done = run_cli(command, document)
    assert done.returncode == 0, done.stderr
    return done.stdout


def schedule_to_patch(item: dict[str, Any]) -> list[dict[str, str]]:
    """The transition schedule of a switch from one item to a fentanyl patch (uk-palliative)."""
    payload = cli_json("rotate", {"from": {"items": [item]}, "to": PATCH, "table": "uk-palliative"})
    assert payload["regimen_detail"]["patches"], payload["regimen"]
    schedule: list[dict[str, str]] = payload["schedule"]
    return schedule
