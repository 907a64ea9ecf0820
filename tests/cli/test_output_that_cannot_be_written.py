"""Fuzz re-check 18c, N3: with standard output on a full disk (``> /dev/full``) every command
exited 3, "internal error (OSError: [Errno 28] No space left on device) … please report this"
(6 of 6). A result that cannot be written is an ordinary failure: exit 1 (``EXIT_OUTPUT``), one
line on standard error when standard error can take it, never exit 3 or a traceback."""

from __future__ import annotations

import contextlib
import errno
import io
import subprocess
import sys
from pathlib import Path

import pytest

from mps_pain_cli.common import EXIT_INTERNAL, EXIT_OUTPUT
from mps_pain_cli.main import main
from tests.cli_runner import REPO

_REGIMEN = (
    "table: cdc-2022\nprn: exclude\nitems:\n"
    "  - {drug: oxycodone, route: oral, form: ER, daily_dose: 60 mg/day}\n"
)
_FHIR = REPO / "tests" / "fhir" / "cases" / "fentanyl-patch.fhir.json"


class _Failing(io.StringIO):
    """A stream every write (or flush) of which the system refuses with ``code``."""

    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code

    def write(self, text: str) -> int:
        raise OSError(self.code, "refused")

    def flush(self) -> None:
        raise OSError(self.code, "refused")


def _commands(tmp_path: Path) -> list[list[str]]:
    regimen = tmp_path / "regimen.yaml"
    regimen.write_text(_REGIMEN, encoding="utf-8")
    return [
        ["mme", str(regimen)],
        ["mme", "--json", str(regimen)],
        ["tables"],
        ["schema", "regimen"],
        ["practice", "new", "--level", "2"],
        ["fhir", "import", str(_FHIR)],
        ["mme", "--help"],
    ]


def _run(argv: list[str], stdout: io.StringIO, stderr: io.StringIO) -> int:
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            return main(argv)
        except SystemExit as exit_:
            return exit_.code if isinstance(exit_.code, int) else 2


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_result_standard_output_refuses_is_one_line_and_exit_1(code: int, tmp_path: Path) -> None:
    for argv in _commands(tmp_path):
        err = io.StringIO()
        done = _run(argv, _Failing(code), err)
        assert done == EXIT_OUTPUT != EXIT_INTERNAL, (argv, err.getvalue())
        said = err.getvalue()
        assert said.count("\n") == 1 and said.startswith("mps-pain: standard output: "), said
        assert "internal error" not in said and "Errno" not in said, said
    full = io.StringIO()
    _run(["tables"], _Failing(errno.ENOSPC), full)
    assert "the disk is full" in full.getvalue()


def test_a_reader_that_stopped_reading_is_a_quiet_end(tmp_path: Path) -> None:
    """``mps-pain tables | head -1``: the reader chose to stop; the shell's own tools end
    quietly there (SIGPIPE), so no line is said on standard error, and the exit is still 1 (the
    output is incomplete; ``set -o pipefail`` sees it as it sees any tool's)."""
    for argv in _commands(tmp_path):
        err = io.StringIO()
        assert _run(argv, _Failing(errno.EPIPE), err) == EXIT_OUTPUT, argv
        assert err.getvalue() == "", (argv, err.getvalue())


def test_when_standard_error_refuses_too_the_exit_is_still_1(tmp_path: Path) -> None:
    for argv in _commands(tmp_path):
        assert _run(argv, _Failing(errno.ENOSPC), _Failing(errno.ENOSPC)) == EXIT_OUTPUT, argv


def test_a_refusal_whose_line_standard_error_refuses_keeps_its_exit_code(tmp_path: Path) -> None:
    out = io.StringIO()
    assert _run(["mme", str(tmp_path / "missing.json")], out, _Failing(errno.ENOSPC)) == 2


def test_a_real_process_with_standard_output_on_dev_full_exits_1_in_one_line() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "mps_pain_cli", "tables"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            timeout=120,
            check=False,
        )
    assert done.returncode == EXIT_OUTPUT, done.stderr
    assert done.stderr == (
        "mps-pain: standard output: cannot write the output: the disk is full; "
        "the output is incomplete\n"
    ), done.stderr
