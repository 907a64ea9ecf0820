"""Review of issue #3, defect 5: a plan names only equianalgesic sets as alternatives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PATCH = {"drug": "fentanyl", "route": "transdermal"}


def _run(command: str, document: dict[str, Any], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mps_pain_cli", command, "-", *flags],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def _json(command: str, document: dict[str, Any]) -> dict[str, Any]:
    done = _run(command, document, "--json")
    assert done.returncode == 0, done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def _to_patch(item: dict[str, Any]) -> list[dict[str, str]]:
    payload = _json("rotate", {"from": {"items": [item]}, "to": PATCH, "table": "uk-palliative"})
    assert payload["regimen"]["patches"], payload["regimen"]
    schedule: list[dict[str, str]] = payload["schedule"]
    return schedule


# --- 5. alternatives name only equianalgesic sets ---------------------------------------------


def test_not_covered_lists_only_equianalgesic_sets() -> None:
    document = {
        "from": {
            "items": [{"drug": "tramadol", "route": "oral", "dose": "50 mg", "frequency": "qid"}]
        },
        "to": {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "fpm-2021",
    }
    payload = _json("rotate", document)
    jspm = next(row for row in payload["spread"] if row["table"] == "jspm-2010")
    assert "cdc-" not in jspm["missing"]
    assert "Equianalgesic sets that cover it: fpm-2021, uk-palliative" in jspm["missing"]
    done = _run("rotate", {**document, "table": "jspm-2010"})
    assert done.returncode == 2 and "cdc-" not in done.stderr and "fpm-2021" in done.stderr
