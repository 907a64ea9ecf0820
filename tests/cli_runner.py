"""The one way tests run `mps-pain`: in process by default, in a subprocess for the smoke tests.

``run_cli`` calls ``mps_pain_cli.main.main(argv)`` with standard input, output and error swapped
for strings, so a CLI test costs milliseconds instead of a Python start-up. ``run_cli_process``
starts the real ``python -m mps_pain_cli`` and is kept for the few smoke tests that prove the
entry point, the lazy imports and the exit status of a real process.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mps_pain_cli.main import main

__all__ = [
    "REPO",
    "CliRun",
    "cli_json",
    "cli_text",
    "run_cli",
    "run_cli_process",
    "run_document",
]

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CliRun:
    """What a user sees: the exit status and both streams."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: bytes | str | None = None) -> CliRun:
    """``mps-pain ARGS`` in this process; argparse's ``SystemExit`` becomes the exit status.

    Standard input is a text stream over a binary buffer, as a shell gives it, so commands that
    read bytes (``--batch -``) see exactly what was passed.
    """
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin = saved_stdin
    done = CliRun(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in done.stdout + done.stderr
    return done


def run_cli_process(*args: str, stdin: str | None = None) -> CliRun:
    """``python -m mps_pain_cli ARGS`` in a fresh process (smoke tests only)."""
    done = subprocess.run(
        [sys.executable, "-m", "mps_pain_cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stdout + done.stderr
    return CliRun(done.returncode, done.stdout, done.stderr)


def run_document(command: str, document: Any, *flags: str) -> CliRun:
    """``mps-pain COMMAND - FLAGS`` with ``document`` as JSON on standard input."""
    return run_cli(command, "-", *flags, stdin=json.dumps(document))


def cli_json(command: str, document: dict[str, Any], *flags: str) -> dict[str, Any]:
    """The ``--json`` output of a command that must succeed on ``document``."""
    done = run_document(command, document, "--json", *flags)
    assert done.returncode == 0, done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def cli_text(command: str, document: dict[str, Any], *flags: str) -> str:
    """The text output of a command that must succeed on ``document``."""
    done = run_document(command, document, *flags)
    assert done.returncode == 0, done.stderr
    return done.stdout
