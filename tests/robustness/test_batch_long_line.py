"""One batch line above ``MAX_LINE_BYTES`` is that line's error, and the rest carry on (fuzz
re-check 17b, N3: one such line refused the whole batch, exit 2, with no result even for the
good lines before it, against the README's "a bad line gets its error object and the rest carry
on" and docs/reliability.md's own row "good, error, error, good"). Only a line that runs on past
``MAX_DOCUMENT_BYTES`` with no line break stops the batch, after the lines before it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from mps_pain.input_files import MAX_DOCUMENT_BYTES, MAX_LINE_BYTES, LongLine, bounded_lines
from tests.cli_runner import run_cli

REGIMEN = {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}
GOOD = json.dumps(REGIMEN).encode()
TITLED = json.dumps({"title": "t" * MAX_LINE_BYTES, **REGIMEN}).encode()


def _lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(text) for text in stdout.splitlines()]


@pytest.mark.parametrize("summary", [[], ["--summary"]])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_reliability_row_good_error_error_good(
    tmp_path: Path, jobs: str, summary: list[str]
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join([GOOD, b"[" * (1 << 20), TITLED, GOOD]) + b"\n")
    run = run_cli("mme", "--batch", str(path), "--jobs", jobs, *summary)
    assert run.returncode == 1, run.stderr
    found = _lines(run.stdout)
    assert [item["line"] for item in found] == [1, 2, 3, 4]
    assert ["error" in item for item in found] == [False, True, True, False]
    assert found[0] == {**found[3], "line": 1}
    for item in found[1:3]:
        error = item["error"]
        assert isinstance(error, dict)
        assert "larger than 1 MB" in error["message"] and error["location"] == "--batch"


def test_a_long_line_on_standard_input_is_its_own_error() -> None:
    data = GOOD + b"\n" + b" " * MAX_LINE_BYTES + GOOD + b"\n" + GOOD + b"\n"
    run = run_cli("mme", "--batch", "-", "--jobs", "1", stdin=data)
    assert run.returncode == 1
    assert ["error" in item for item in _lines(run.stdout)] == [False, True, False]


def test_a_line_without_end_stops_the_batch_after_the_lines_before_it(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(GOOD + b"\n" + GOOD + b"\n" + b"\0" * (MAX_DOCUMENT_BYTES + MAX_LINE_BYTES))
    run = run_cli("mme", "--batch", str(path), "--jobs", "1")
    assert run.returncode == 2
    assert [item["line"] for item in _lines(run.stdout)] == [1, 2]
    assert f"line 3 of {path}" in run.stderr and "the batch stopped there" in run.stderr


def test_the_reader_holds_no_more_than_the_limit_and_goes_on_after_a_long_line() -> None:
    class Counting(io.BytesIO):
        largest = 0

        def readline(self, size: int | None = -1) -> bytes:
            line = super().readline(size)
            Counting.largest = max(Counting.largest, len(line))
            return line

    stream = Counting(b"a\n" + b"x" * (5 * 100 + 7) + b"\nb\n" + b"y" * 300)
    found = list(bounded_lines(stream, origin="f", limit=100))
    assert found == [b"a\n", LongLine(2, "f", 100), b"b\n", LongLine(4, "f", 100)]
    assert Counting.largest <= 101
