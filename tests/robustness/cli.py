"""The robustness tests' shortcut to the shared in-process runner (tests/cli_runner.py)."""

from __future__ import annotations

from tests.cli_runner import CliRun, run_cli

__all__ = ["CliRun", "call"]


def call(argv: list[str], stdin: bytes | str = b"") -> CliRun:
    """``main(argv)`` with ``stdin`` (bytes, as a shell gives them) as standard input."""
    return run_cli(*argv, stdin=stdin)
