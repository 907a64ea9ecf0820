"""YAML refusals that pointed the wrong way (fuzz review 20, D6).

- a ``.yaml`` file holding a YAML flow mapping (``{table: cdc-2022, items: [...]}``) was refused
  as "not valid JSON": a file named .yaml/.yml is read as YAML whatever its first character, and a
  document read as JSON because it starts with ``{`` or ``[`` says so when it fails;
- an integer or null key gave pydantic's words, "[1]: Keys should be strings";
- ``frequency: yes`` or ``drug: on`` were told "write true or false", advice for a yes/no field
  only: the refusal says both ways out (true/false, or the text in quotes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.robustness.cli import call

ITEM = "{drug: morphine, route: oral, form: IR, dose: 10 mg, frequency: q4h}"
FLOW = f"{{table: cdc-2022, items: [{ITEM}]}}\n"


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".YAML"])
def test_a_yaml_flow_mapping_in_a_yaml_file_is_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"flow{suffix}"
    path.write_text(FLOW, encoding="utf-8")
    done = call(["mme", str(path), "--json"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_mme_per_day"] == 60


def test_the_same_text_as_json_input_says_it_was_read_as_json(tmp_path: Path) -> None:
    path = tmp_path / "flow.json"
    path.write_text(FLOW, encoding="utf-8")
    done = call(["mme", str(path)])
    assert done.returncode == 2
    assert "not valid JSON" in done.stderr
    assert "starts with {" in done.stderr and "YAML" in done.stderr
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize(("key", "shown"), [("1", "1"), ("~", "null"), ("2.5", "2.5")])
def test_a_key_that_is_no_text_is_refused_in_plain_words(key: str, shown: str) -> None:
    done = call(["mme", "-"], stdin=f"table: cdc-2022\n{key}: 2\nitems:\n  - {ITEM}\n")
    assert done.returncode == 2
    assert "Keys should be strings" not in done.stderr
    assert f"the key {shown} " in done.stderr and "a key is a text" in done.stderr
    assert "[1]" not in done.stderr and "None" not in done.stderr


@pytest.mark.parametrize(("field", "word"), [("frequency", "yes"), ("drug", "on"), ("route", "no")])
def test_a_yaml_boolean_word_in_any_field_is_told_both_ways_out(field: str, word: str) -> None:
    item = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "frequency": "q4h"}
    item[field] = word
    written = ", ".join(f"{k}: {v}" for k, v in item.items())
    done = call(["mme", "-"], stdin=f"table: cdc-2022\nitems:\n  - {{{written}}}\n")
    assert done.returncode == 2
    assert f"items[0].{field}" in done.stderr
    assert "true or false" in done.stderr
    assert f'"{word}"' in done.stderr and "quotes" in done.stderr
