"""Call ``mps-pain`` in this process with bytes on standard input; capture what it prints."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass

from mps_pain_cli.main import main


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def call(argv: list[str], stdin: bytes | str = b"") -> Outcome:
    """``main(argv)`` with ``stdin`` as standard input (a binary buffer underneath, as a shell
    gives it); SystemExit from argparse becomes the exit code."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved
    return Outcome(code, out.getvalue(), err.getvalue())
