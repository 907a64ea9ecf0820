"""Fuzz review 15, D1(b): `mme --batch … --jobs 2` killed with SIGKILL left both worker
processes behind, sleeping, re-parented to init (with `--jobs 100000`, 1,200 of them and 6 GB of
memory). A worker now dies with the process that started it (Linux: PR_SET_PDEATHSIG)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_runner import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    item = '{{"drug": "morphine", "route": "oral", "dose": "{} mg", "frequency": "q4h"}}'
    line = f'{{{{"items": [{item}]}}}}'
    path.write_text("\n".join(line.format(1 + i / 1000) for i in range(200_000)), encoding="utf-8")
    batch = subprocess.Popen(
        [sys.executable, "-m", "mps_pain_cli", "mme", "--batch", str(path), "--summary",
         "--jobs", "2"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline and batch.poll() is None:
            workers = _children(batch.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the batch started no workers"
        os.kill(batch.pid, signal.SIGKILL)
        batch.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)], "workers outlived the batch"
    finally:
        if batch.poll() is None:
            batch.kill()
        for worker in workers:  # a worker left behind fails the test above; it must not linger
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)
