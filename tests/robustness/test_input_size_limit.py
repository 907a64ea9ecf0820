"""Every input is read through one bounded reader (fuzz review 17, D4: ``mme /dev/zero`` held
2.9 GB after 3 s and ran until killed; so did ``--batch``, ``fhir import`` and ``practice
grade``). A document above ``MAX_DOCUMENT_BYTES`` and a batch line above ``MAX_LINE_BYTES`` are
refused with exit 2 in one line naming the file, before anything is parsed; a document at the
limit is still read."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mps_pain.input_files import MAX_DOCUMENT_BYTES, MAX_LINE_BYTES
from tests.cli_runner import run_cli

REGIMEN = {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}

ENDLESS_DOCUMENTS = [
    ["mme", "/dev/zero"],
    ["mme", "/dev/urandom"],
    ["mme", "--fhir", "/dev/zero"],
    ["rotate", "/dev/zero"],
    ["check", "/dev/urandom"],
    ["fhir", "import", "/dev/zero"],
    ["fhir", "export", "/dev/zero"],
    ["practice", "grade", "/dev/urandom"],
    ["patients", "import", "/dev/zero"],
]


@pytest.mark.parametrize("argv", ENDLESS_DOCUMENTS, ids=" ".join)
def test_an_endless_document_is_refused_naming_it(argv: list[str], tmp_path: Path) -> None:
    database = ["--database", f"sqlite:///{tmp_path / 'r.sqlite3'}"] if "patients" in argv else []
    started = time.monotonic()
    run = run_cli(*argv, *database)
    assert run.returncode == 2, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    name = argv[-1].rsplit("/", 1)[-1]
    assert name in run.stderr and "larger than" in run.stderr, run.stderr
    assert "MB" in run.stderr
    assert time.monotonic() - started < 30
    assert not (tmp_path / "r.sqlite3").exists()  # refused before the database is touched


def test_a_document_on_standard_input_above_the_limit_is_refused() -> None:
    run = run_cli("mme", "-", stdin=b" " * (MAX_DOCUMENT_BYTES + 1))
    assert run.returncode == 2
    assert "standard input" in run.stderr and "larger than" in run.stderr


def test_a_document_at_the_limit_is_read(tmp_path: Path) -> None:
    text = json.dumps(REGIMEN).encode()
    path = tmp_path / "padded.json"
    path.write_bytes(text + b" " * (MAX_DOCUMENT_BYTES - len(text)))
    run = run_cli("mme", "--json", str(path))
    assert run.returncode == 0, run.stderr[:300]
    path.write_bytes(text + b" " * (MAX_DOCUMENT_BYTES - len(text) + 1))
    assert run_cli("mme", "--json", str(path)).returncode == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_endless_batch_line_is_refused_naming_the_file(jobs: str) -> None:
    run = run_cli("mme", "--batch", "/dev/zero", "--jobs", jobs)
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]
    assert "line 1 of /dev/zero" in run.stderr and "larger than" in run.stderr


def test_a_batch_line_at_the_limit_is_read_and_one_above_refused(tmp_path: Path) -> None:
    line = json.dumps(REGIMEN).encode()
    path = tmp_path / "batch.jsonl"
    at_limit = line + b" " * (MAX_LINE_BYTES - len(line) - 1) + b"\n"  # newline included
    path.write_bytes(line + b"\n" + at_limit)
    run = run_cli("mme", "--batch", str(path), "--jobs", "1")
    assert run.returncode == 0, run.stderr[:300]
    assert [json.loads(t)["line"] for t in run.stdout.splitlines()] == [1, 2]
    path.write_bytes(line + b"\n" + b" " + at_limit)
    run = run_cli("mme", "--batch", "-", "--jobs", "1", stdin=path.read_bytes())
    # fuzz re-check 17b, N3: the line above the limit is its own error, not the batch's
    assert run.returncode == 1
    found = [json.loads(t) for t in run.stdout.splitlines()]
    assert [("error" in item, item["line"]) for item in found] == [(False, 1), (True, 2)]
    assert "larger than 1 MB" in found[1]["error"]["message"]
