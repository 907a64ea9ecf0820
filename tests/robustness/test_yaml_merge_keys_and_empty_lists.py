"""Fuzz review 15: two documents read without a word.

- A YAML merge key (`<<: {dose: 100 mg}` beside `dose: 10 mg`) was accepted: the strict loader
  refuses a key written twice, but a merged key and a written one silently gave one dose. A merge
  key is refused, naming its line, like an anchor or alias.
- `"from": {"items": []}` was refused in pydantic's words: "List should have at least 1 item
  after validation, not 0". An empty list says what to give.
"""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import run_cli

MERGED = """table: cdc-2022
items:
 - drug: oxycodone
   route: oral
   <<: {dose: 100 mg}
   dose: 10 mg
   frequency: q12h
"""


@pytest.mark.parametrize("text", [MERGED, MERGED.replace("   dose: 10 mg\n", "")])
def test_a_merge_key_is_refused_naming_its_line(text: str) -> None:
    done = run_cli("mme", "-", stdin=text)
    assert done.returncode == 2
    assert "line 5" in done.stderr and "<<" in done.stderr


def test_an_empty_regimen_says_what_to_give() -> None:
    document = {"from": {"items": []}, "to": {"drug": "fentanyl", "route": "transdermal"}}
    done = run_cli("rotate", "-", stdin=json.dumps(document))
    assert done.returncode == 2
    assert "from.items" in done.stderr
    assert "List should have" not in done.stderr and "after validation" not in done.stderr
    assert "at least 1 item" in done.stderr
