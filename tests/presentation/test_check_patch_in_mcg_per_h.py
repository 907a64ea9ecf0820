"""A patch is said in mcg/h in every sentence of the check (pharmacist re-check 13b, #6).

N05 (methadone stopped, fentanyl patch 25 mcg/h kept) read "Proposed: 0.6 mg/day fentanyl …
(a dose change from 0.6 mg/day fentanyl)"; a patch dose change read "fentanyl 0.6 → 1.8 mg/day".
The engine carries mg/day; the words (text, app, PDF: the one view) and a patch dose change's
JSON amounts are in mcg/h, as the rest of the tool says a patch.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mps_pain_cli.main import main

_PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
_BUP = {"drug": "buprenorphine", "route": "transdermal", "rate": "10 mcg/h"}
_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_MOR = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_MG_PER_DAY_PATCH = re.compile(
    r"mg/day (fentanyl|buprenorphine)|(fentanyl|buprenorphine)[\w ]* [\d.]+ → [\d.]+ mg/day"
)


def _rate(item: dict[str, Any], rate: str) -> dict[str, Any]:
    return {**item, "rate": rate}


_CASES = [
    ([_PATCH], [_PATCH]),  # unchanged
    ([_PATCH], [_rate(_PATCH, "50 mcg/h")]),
    ([_PATCH], [_rate(_PATCH, "75 mcg/h")]),  # the step danger
    ([_PATCH], [_rate(_PATCH, "12 mcg/h")]),  # the step caution
    ([_BUP], [_rate(_BUP, "20 mcg/h")]),
    ([_MTD, _PATCH], [_PATCH]),  # N05: methadone stopped, the patch kept
    ([_MTD, _PATCH], [_rate(_PATCH, "50 mcg/h")]),
    ([_PATCH, _MOR], [_rate(_PATCH, "50 mcg/h"), _MOR]),  # line by line
    ([_MTD], [_MTD, _PATCH]),  # added beside methadone: not summed
    ([_MTD, _PATCH], [_MTD, _rate(_PATCH, "37 mcg/h")]),  # kept beside methadone
]


@pytest.mark.parametrize(("current", "proposed"), _CASES)
def test_a_patch_is_said_in_mcg_per_h(
    current: list[Any], proposed: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "check.json"
    document = {"from": {"items": current}, "proposed": {"items": proposed}}
    path.write_text(json.dumps({**document, "table": "uk-palliative"}), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    text = capsys.readouterr().out
    assert not _MG_PER_DAY_PATCH.search(text), text
    rates = {i["rate"] for i in proposed if "rate" in i}
    said = {r.replace("12 mcg/h", "12.5 mcg/h").replace("37 mcg/h", "37.5 mcg/h") for r in rates}
    assert all(rate in text for rate in said), text
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not re.search(r"mg/day (fentanyl|buprenorphine)", data["unit"]), data["unit"]
