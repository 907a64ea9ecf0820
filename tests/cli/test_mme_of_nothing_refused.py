"""Fuzz review 15, #6: `mme` printed "Total: 0 MME/day" for `{}` or `{"items": []}` (a silent
0), while `rotate` and `check` refuse an empty list. A total of no regimen is refused naming
`items`, in `mme`, `mme --batch` and `mme --batch --summary` alike (the batch line's error)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli


@pytest.mark.parametrize("document", [{}, {"items": []}, {"table": "uk-palliative", "items": []}])
def test_no_items_no_total(document: dict[str, object], tmp_path: Path) -> None:
    done = run_cli("mme", "-", stdin=json.dumps(document))
    assert done.returncode == 2 and "Total" not in done.stdout
    assert "items" in done.stderr and "at least 1 item" in done.stderr
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(document) + "\n", encoding="utf-8")
    for summary in ([], ["--summary"]):
        batch = run_cli("mme", "--batch", str(path), *summary)
        line = json.loads(batch.stdout)
        assert batch.returncode == 1 and line["error"]["location"] == "items", line
