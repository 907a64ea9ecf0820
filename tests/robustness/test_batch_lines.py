"""Issue 12 class 1: one bad line of ``mme --batch`` never costs the other lines.

Every line gives its result or its own error object, in order, whatever the other lines hold
and whatever ``--jobs`` is. The input is read as bytes and decoded per line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.cli import call

GOOD = json.dumps(
    {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}
).encode()
BAD_LINES = {
    "100k-deep array": b"[" * 100_000 + b"]" * 100_000,
    "5000-digit integer": b'{"items":[{"drug":"morphine","route":"oral","dose":{"value":'
    + b"9" * 5000
    + b',"unit":"mg"},"frequency":"q4h"}]}',
    "invalid UTF-8 byte": GOOD[:30] + b"\xff" + GOOD[30:],
    "NaN": b'{"items":[{"drug":"morphine","route":"oral","dose":{"value":NaN,"unit":"mg"},'
    b'"frequency":"q4h"}]}',
    "overflow": b'{"items":[{"drug":"morphine","route":"oral","dose":{"value":1e308,"unit":"mg"},'
    b'"frequency":"q4h"}]}',
    "empty": b"",
    "lone carriage return": b"\r",
    "duplicate key": b'{"items":[],"items":[]}',
    "not an object": b"[1, 2]",
    "latin-1 text": '{"title": "d\u00e9j\u00e0"}'.encode("latin-1"),
}


def _batch(tmp_path: Path, lines: list[bytes], jobs: str) -> list[dict[str, Any]]:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    outcome = call(["mme", "--batch", str(path), "--jobs", jobs])
    assert outcome.returncode in (0, 1), outcome.stderr
    return [json.loads(line) for line in outcome.stdout.splitlines()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_good_line_gets_its_result_around_each_bad_line(tmp_path: Path, jobs: str) -> None:
    lines = [GOOD]
    for bad in BAD_LINES.values():
        lines += [bad, GOOD]
    results = _batch(tmp_path, lines, jobs)
    assert [r["line"] for r in results] == list(range(1, len(lines) + 1))
    for number, result in enumerate(results, start=1):
        if number % 2:
            assert result["total_mme_per_day"] == 60, result
        else:
            assert result["error"]["code"] in ("malformed-document", "invalid-input"), result


def test_a_bad_byte_is_that_lines_error_naming_the_byte(tmp_path: Path) -> None:
    results = _batch(tmp_path, [GOOD, BAD_LINES["invalid UTF-8 byte"]], "1")
    assert results[1]["error"]["code"] == "malformed-document"
    assert "0xff" in results[1]["error"]["message"]
    assert results[1]["error"]["location"] == "line 1, column 31"


def test_batch_from_standard_input_reads_bytes() -> None:
    data = b"\n".join([GOOD, BAD_LINES["invalid UTF-8 byte"], GOOD]) + b"\n"
    outcome = call(["mme", "--batch", "-", "--jobs", "1"], data)
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert [("error" in r) for r in results] == [False, True, False]
    assert outcome.returncode == 1 and len(outcome.stderr.splitlines()) == 1


# tmp_path is one folder for all examples: each writes the whole batch file before the command
# reads it, and the command writes nothing there (docs/architecture.md, Tests).
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(bad=st.lists(st.binary(max_size=200), min_size=1, max_size=5))
def test_arbitrary_bad_bytes_never_cost_a_good_line(tmp_path: Path, bad: list[bytes]) -> None:
    cleaned = [b.replace(b"\n", b" ") for b in bad]
    lines = [GOOD, *cleaned, GOOD]
    results = _batch(tmp_path, lines, "1")
    assert len(results) == len(lines)
    assert results[0]["total_mme_per_day"] == results[-1]["total_mme_per_day"] == 60
    assert all(r.get("error", {}).get("code") != "internal" for r in results)
