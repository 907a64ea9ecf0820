"""Fuzz review 15: `mme --batch FILE --jobs 100000` hung (killed after 20 s): the command set out
to start a hundred thousand worker processes. `--jobs` is a number of processes from 1 to
MAX_JOBS; anything else is refused at once, naming `--jobs`."""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain_cli.mme_command import MAX_JOBS
from tests.cli_runner import run_cli


@pytest.mark.parametrize("jobs", ["0", "-3", str(MAX_JOBS + 1), "100000", "9" * 5000])
def test_jobs_outside_the_bounds_are_refused_by_name(tmp_path: Path, jobs: str) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text('{"items": []}\n', encoding="utf-8")
    done = run_cli("mme", "--batch", str(path), "--summary", "--jobs", jobs)
    assert done.returncode == 2
    assert "--jobs" in done.stderr and f"1 to {MAX_JOBS}" in done.stderr


def test_jobs_within_the_bounds_run(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    item = '{"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h"}'
    path.write_text(f'{{"items": [{item}]}}\n', encoding="utf-8")
    done = run_cli("mme", "--batch", str(path), "--summary", "--jobs", "4")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('"line":') == 1
