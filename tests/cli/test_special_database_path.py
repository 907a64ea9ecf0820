"""Fuzz re-check 18c, N9: a FIFO or ``/dev/full`` given as the records database was called "an
empty file, not an mps-pain records database" (or "exists and is empty, and others may read
it"): it is no file at all. It is refused as what it is, a pipe or a device, naming the path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli_runner import run_cli


@pytest.mark.parametrize("kind", ["fifo", "/dev/full"])
@pytest.mark.parametrize("argv", [["patients", "list"], ["patients", "import", "--examples"]])
def test_a_pipe_or_a_device_as_the_database_is_said_as_what_it_is(
    kind: str, argv: list[str], tmp_path: Path
) -> None:
    path = kind
    if kind == "fifo":
        path = str(tmp_path / "records.sqlite3")
        os.mkfifo(path)
    done = run_cli(*argv, "--database", f"sqlite:///{path}")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    said = "a pipe" if kind == "fifo" else "a device"
    assert f"{path} is not a regular file (it is {said})" in done.stderr, done.stderr
    assert "empty" not in done.stderr, done.stderr
