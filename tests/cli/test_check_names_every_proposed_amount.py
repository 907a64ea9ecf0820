"""The check's headline and JSON name every proposed drug's amount where they are not summed
(pharmacist re-check 12b, #3): methadone oral 10 mg tid kept with morphine SC 0.5 mg/h added
printed "Proposed: 30 mg/day methadone", as if nothing was added."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mps_pain_cli.main import main

_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_SC_MOR = {"drug": "morphine", "route": "sc", "rate": "0.5 mg/h"}


def _run(tmp_path: Path, capsys: Any, *extra: str) -> str:
    request = {
        "from": {"items": [_MTD]},
        "proposed": {"items": [_MTD, _SC_MOR]},
        "table": "uk-palliative",
    }
    path = tmp_path / "u05.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    main(["check", str(path), *extra])
    return str(capsys.readouterr().out)


def test_the_headline_names_the_added_line_beside_methadone(tmp_path, capsys) -> None:
    out = _run(tmp_path, capsys)
    proposed = next(line for line in out.splitlines() if line.strip().startswith("Proposed:"))
    assert "30 mg/day methadone" in proposed, proposed
    assert "12 mg/day morphine" in proposed, proposed
    assert "not summed" in proposed, proposed


def test_the_json_carries_each_proposed_amount(tmp_path, capsys) -> None:
    data = json.loads(_run(tmp_path, capsys, "--json"))
    amounts = {(a["drug"], a["route"]): a["mg_per_day"] for a in data["proposed_amounts"]}
    assert amounts == {("methadone", "oral"): 30, ("morphine", "sc"): 12}, data
