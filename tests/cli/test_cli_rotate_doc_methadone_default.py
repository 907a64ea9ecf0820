"""Fuzz review 8, #5: docs/cli-rotate.md said the default methadone method is ``jp-label``; the
code takes the method practised in the set's market (``default_method``): UK palliative →
Morley-Makin (no dose), ANZCA FPM → CCDHB, JSPM → the label, a set without a market → the tables'
default. The document's ``methadone_method`` row names every set's default as the code does."""

from __future__ import annotations

import json
from pathlib import Path

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.methadone_method import default_method
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli-rotate.md"


def _row() -> str:
    return next(
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `methadone_method`")
    )


def test_the_row_names_each_sets_default_as_the_code_chooses_it() -> None:
    tables = get_tables()
    rules = rotation_rules(tables)
    row = _row()
    assert "`jp-label` (default)" not in row
    for set_ in tables.tables.reference_sets:
        assert f"`{set_.id}` → `{default_method(rules, set_.market).id}`" in row, set_.id


def test_the_uk_default_plan_gives_no_dose(tmp_path, capsys) -> None:
    """The row says so; the CLI does so (md_uk-palliative.json)."""
    request = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "uk-palliative",
    }
    path = tmp_path / "md.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    assert main(["rotate", str(path), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["regimen"]["dose"] is None
    assert "no dose" in _row()
