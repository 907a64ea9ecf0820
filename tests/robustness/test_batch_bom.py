"""A UTF-8 byte-order mark at the start of a batch is read as plain ``mme`` reads it (fuzz
review 2, finding 4); elsewhere it is refused in our words, never with Python's advice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.robustness.cli import call

_LINE = b'{"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}'
_BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize("summary", [[], ["--summary"]])
def test_a_bom_at_the_start_of_a_batch_file_is_dropped(tmp_path: Path, summary: list[str]) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_BOM + _LINE + b"\n" + _LINE + b"\n")
    run = call(["mme", "--batch", str(path), "--jobs", "1", *summary])
    assert run.returncode == 0, run.stdout
    objects = [json.loads(text) for text in run.stdout.splitlines()]
    assert [obj["line"] for obj in objects] == [1, 2]
    assert objects[0]["total_mme_per_day"] == objects[1]["total_mme_per_day"]


def test_a_bom_at_the_start_of_standard_input_is_dropped() -> None:
    run = call(["mme", "--batch", "-", "--jobs", "1"], stdin=_BOM + _LINE + b"\n")
    assert run.returncode == 0, run.stdout


def test_plain_mme_and_the_batch_agree_on_a_bom(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_bytes(_BOM + _LINE)
    plain = call(["mme", str(single), "--json"])
    batch = call(["mme", "--batch", str(single), "--jobs", "1"])
    assert plain.returncode == batch.returncode == 0
    total = json.loads(batch.stdout)["total_mme_per_day"]
    assert json.loads(plain.stdout)["total_mme_per_day"] == total


def test_a_bom_inside_a_batch_is_that_lines_error_without_python_advice(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_LINE + b"\n" + _BOM + _LINE + b"\n")
    run = call(["mme", "--batch", str(path), "--jobs", "1"])
    assert run.returncode == 1
    error = json.loads(run.stdout.splitlines()[1])["error"]
    assert error["code"] == "malformed-document"
    assert "byte-order mark" in error["message"]
    assert "utf-8-sig" not in run.stdout and "decode using" not in run.stdout
