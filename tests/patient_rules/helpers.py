"""In-process CLI calls and the patient-factor subset of a command's warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main

SWITCH_ONLY: set[str] = set()  # rotate/check lines mme cannot have (none since the review)
# the same rule in the two roles: the regimen the patient is on, and the regimen proposed
# morphine 60 mg/day as ER tablets, the current regimen of most patient-factor tests
MORPHINE_60 = {
    "drug": "morphine",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
CURRENT_OF = {"renal-target": "renal-current", "hepatic-impairment": "hepatic-current"}


def factor_codes() -> set[str]:
    """Codes the patient-factor engine produces (class-rule codes come from the tables)."""
    fixed = {
        "renal-target",
        "renal-current",
        "hepatic-impairment",
        "hepatic-current",
        "qtc-unknown",
        "qtc-borderline",
        "qtc-prolonged",
        "patch-not-opioid-tolerant",
        "patch-tolerance-duration",
        "patch-tolerance-unconfirmed",
    }
    return fixed | {rule.code for rule in get_tables().tables.class_rules}


def factor_warnings(warnings: list[Any]) -> set[tuple[str, str, str]]:
    codes = factor_codes()
    out = set()
    for w in warnings:
        code, severity, message = (
            (w["code"], w["severity"], w["message"])
            if isinstance(w, dict)
            else (w.code, w.severity, w.message)
        )
        if code in codes:
            out.add((code, severity, message))
    return out


def cli_payload(
    command: str,
    document: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *flags: str,
) -> dict[str, Any]:
    path = tmp_path / f"{command}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    code = main([command, str(path), "--json", *flags])
    out = capsys.readouterr().out
    assert code == 0, out
    payload: dict[str, Any] = json.loads(out)
    return payload
