"""Issue 12 fuzzing: ``mme``, ``rotate``, ``check`` and ``mme --batch`` over generated documents.

The property: the exit code is 0 or 2 (batch: 0 or 1), never 3; a refusal is one line; each
document is answered within a hypothesis deadline. The default run draws a few hundred
documents per command; ``--hypothesis-profile=ci-long`` (its own step in ``.ci/run``) draws
5,000 each. With ``MPS_PAIN_FUZZ_REPORT=FILE`` the counts and the slowest time are written to
FILE for docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.cli import CliRun, call
from tests.robustness.documents import checks, encoded, regimens, rotations

# The default run draws EXAMPLES documents per command so the suite stays fast; a long profile
# (ci-long: 5,000 examples) draws its own count.
EXAMPLES = settings.default.max_examples if settings.default.max_examples > 1000 else 80
DEADLINE = settings(
    deadline=timedelta(seconds=3),
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow],
)
STATS: Counter[str] = Counter()
SLOWEST: dict[str, float] = {}


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    target = os.environ.get("MPS_PAIN_FUZZ_REPORT")
    if target:
        Path(target).write_text(
            json.dumps({"counts": dict(STATS), "slowest_s": SLOWEST}, indent=2), encoding="utf-8"
        )


def _timed(command: str, argv: list[str], stdin: bytes) -> CliRun:
    start = time.perf_counter()
    outcome = call(argv, stdin)
    SLOWEST[command] = max(SLOWEST.get(command, 0.0), time.perf_counter() - start)
    STATS[f"{command} documents"] += 1
    STATS[f"{command} exit {outcome.returncode}"] += 1
    return outcome


def _check_one(command: str, data: bytes) -> None:
    outcome = _timed(command, [command, "-", "--json"], data)
    assert outcome.returncode in (0, 2), outcome.stderr
    payload: dict[str, Any] = json.loads(outcome.stdout)
    if outcome.returncode == 2:
        assert len(outcome.stderr.splitlines()) == 1, outcome.stderr
        assert payload["error"]["code"] != "internal"
        assert len(outcome.stderr) < 1000


@DEADLINE
@given(encoded(regimens))
def test_mme_answers_every_document(data: bytes) -> None:
    _check_one("mme", data)


@DEADLINE
@given(encoded(rotations))
def test_rotate_answers_every_document(data: bytes) -> None:
    _check_one("rotate", data)


@DEADLINE
@given(encoded(checks))
def test_check_answers_every_document(data: bytes) -> None:
    _check_one("check", data)


# tmp_path is one folder for all examples: each writes the whole batch file before the command
# reads it, and the command writes nothing there (docs/architecture.md, Tests).
@settings(
    deadline=timedelta(seconds=10),
    max_examples=max(EXAMPLES // 4, 20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(encoded(regimens), min_size=1, max_size=8))
def test_batch_answers_every_line(tmp_path: Path, lines: list[bytes]) -> None:
    cleaned = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(cleaned) + b"\n")
    outcome = _timed("batch", ["mme", "--batch", str(path), "--jobs", "1"], b"")
    assert outcome.returncode in (0, 1), outcome.stderr
    results = [json.loads(text) for text in outcome.stdout.splitlines()]
    assert [r["line"] for r in results] == list(range(1, len(cleaned) + 1))
    assert all(r.get("error", {}).get("code") != "internal" for r in results)
    STATS["batch lines"] += len(cleaned)
    STATS["batch lines refused"] += sum("error" in r for r in results)
