"""In-process CLI calls for the clinical tests (``main([...])``, JSON out)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain_cli.main import main


def run_json(
    command: str, document: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    path = tmp_path / f"{command}-{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main([command, str(path), "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    result: dict[str, Any] = json.loads(out)
    return result


def codes(payload: dict[str, Any]) -> dict[str, str]:
    return {w["code"]: w["severity"] for w in payload["warnings"]}


def twice_daily_er(drug: str, mg_per_day: float) -> dict[str, Any]:
    """An extended-release oral item: half of ``mg_per_day`` every 12 h."""
    return {
        "drug": drug,
        "route": "oral",
        "form": "er",
        "dose": f"{mg_per_day / 2} mg",
        "frequency": "q12h",
    }


def morphine_oral(mg_per_day: float) -> dict[str, Any]:
    return twice_daily_er("morphine", mg_per_day)


def oxycodone_oral(mg_per_day: float) -> dict[str, Any]:
    return twice_daily_er("oxycodone", mg_per_day)
