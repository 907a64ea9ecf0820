"""Standard output and standard error as every command writes them: a write the system refuses
(a full disk, a closed pipe, a disk error) is an ordinary failure, not an internal error (fuzz
re-check 18c, N3: ``mps-pain tables > /dev/full`` exited 3, "internal error (OSError: [Errno 28]
No space left on device) … please report this", 6 commands of 6).

``main`` runs each command inside ``checked_streams``: both streams are wrapped so that their
refusal is an ``OutputFailed`` (never an ``OSError`` that a reader of files might take for its
own), the output is flushed before the command is done, and the failure ends the command with
``EXIT_OUTPUT`` and one line on standard error, if standard error can take it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["EXIT_OUTPUT", "OutputFailed", "checked_streams", "say"]

EXIT_OUTPUT = 1
"""The exit status of a command whose result could not be written (docs/architecture.md)."""


class OutputFailed(Exception):
    """The system refused a write to standard output or error (``stream`` names which)."""

    def __init__(self, stream: str, error: OSError) -> None:
        super().__init__(stream)
        self.stream = stream
        self.error = error

    def sentence(self) -> str:
        # start-up seam: the words load on a failure only
        from mps_pain.os_words import os_error_words

        return (
            f"mps-pain: {self.stream}: cannot write the output: {os_error_words(self.error)}; "
            "the output is incomplete"
        )


class _Checked:
    """A text stream whose refused writes and flushes raise ``OutputFailed``."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as err:
            raise OutputFailed(self._name, err) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise OutputFailed(self._name, err) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def say(line: str) -> None:
    """Write one line to standard error; a standard error that refuses it is let be (the exit
    status still tells)."""
    with contextlib.suppress(OutputFailed, OSError):
        print(line, file=sys.stderr, flush=True)


def _silence(stream: Any) -> None:
    """Point a refused stream's file at the null device, so that what is left in its buffer
    does not fail again when the interpreter exits (a stream with no file: nothing to do)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)


def _flush_both() -> None:
    """The result is written (or refused); standard error's refusal of a last diagnostic line
    leaves the command's own exit status (a refusal stays 2)."""
    sys.stdout.flush()
    with contextlib.suppress(OutputFailed):
        sys.stderr.flush()


def _finished(command: Callable[[], int]) -> int:
    try:
        code = command()
    except SystemExit:  # argparse: --help, --version, a usage refusal, after their output
        _flush_both()
        raise
    _flush_both()
    return code


@contextlib.contextmanager
def _wrapped() -> Iterator[tuple[Any, Any]]:
    saved = sys.stdout, sys.stderr
    sys.stdout = _Checked(saved[0], "standard output")
    sys.stderr = _Checked(saved[1], "standard error")
    try:
        yield saved
    finally:
        sys.stdout, sys.stderr = saved


def checked_streams(command: Callable[[], int]) -> int:
    """Run ``command`` with checked streams; its exit status, or ``EXIT_OUTPUT`` when its
    output could not be written."""
    with _wrapped() as (stdout, stderr):
        try:
            return _finished(command)
        except OutputFailed as failed:
            _silence(stdout if failed.stream == "standard output" else stderr)
            if failed.stream == "standard output" and failed.error.errno != errno.EPIPE:
                say(failed.sentence())  # a reader that stopped reading ends quietly, as `| head`
            return EXIT_OUTPUT
