"""Fuzz re-check 18c, N2, N5 and N7: a path that names no regular file.

- N5: a FIFO with nothing writing to it, given as FILE, ``--fhir``, ``--batch``, ``-o`` or
  backup's PATH, waited forever (killed at 5 s): a pipe or a socket is now refused before it is
  opened, and an output that is not a regular file or a new name, naming the option (a device
  as input is read by the bounded reader, as ``/dev/zero`` always was: larger than 16 MB).
- N2: ``mme --batch /proc/self/mem`` exited 3 ("OSError: [Errno 5]") where ``mme
  /proc/self/mem`` was refused: the batch reader reads through the same checked open.
- N7: ``--fhir`` given a file over 16 MB or ``/dev/full`` was refused as "FILE: …".

The property: every command × every path option × {FIFO, /dev/full, /proc/self/mem, folder}
ends at once, never with exit 3, in one line naming the option.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from tests.cli_runner import run_cli

_KINDS = ("fifo", "/dev/full", "/proc/self/mem", "folder")

_REQUEST = (
    '{"to":{"drug":"morphine","route":"oral","form":"ER","frequency":"q12h"},'
    '"table":"uk-palliative","patient":{"age":66,"opioid_tolerant":true}}'
)


class _Waited(Exception):
    pass


@pytest.fixture
def never_waits() -> Iterator[None]:
    """Fail (instead of hanging the suite) if the command is still running after 10 s."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise _Waited("the command waited on the path")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _special(kind: str, tmp_path: Path) -> str:
    if kind == "fifo":
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        return str(fifo)
    if kind == "folder":
        folder = tmp_path / "folder.json"
        folder.mkdir()
        return str(folder)
    return kind


def _records(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0
    return url


def _slots(path: str, tmp_path: Path) -> dict[str, tuple[str, list[str]]]:
    """Each path option of each command: the option as a refusal names it, and the argv."""
    request = tmp_path / "request.json"
    return {
        "mme FILE": ("FILE", ["mme", path]),
        "mme --fhir": ("--fhir", ["mme", "--fhir", path]),
        "mme --batch": ("--batch", ["mme", "--batch", path]),
        "rotate FILE": ("FILE", ["rotate", path]),
        "rotate --fhir": ("--fhir", ["rotate", "--fhir", path, str(request)]),
        "check FILE": ("FILE", ["check", path]),
        "fhir import FILE": ("FILE", ["fhir", "import", path]),
        "fhir export FILE": ("FILE", ["fhir", "export", path]),
        "practice grade FILE": ("FILE", ["practice", "grade", path]),
        "patients import FILE": ("FILE", ["patients", "import", path]),
    }


_SLOTS = list(_slots("x", Path("/nonexistent")))


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("slot", _SLOTS)
def test_every_input_path_that_is_no_regular_file_is_refused_at_once_naming_the_option(
    slot: str, kind: str, tmp_path: Path, never_waits: None
) -> None:
    (tmp_path / "request.json").write_text(_REQUEST, encoding="utf-8")
    option, argv = _slots(_special(kind, tmp_path), tmp_path)[slot]
    if argv[0] == "patients":
        argv = [*argv, "--database", f"sqlite:///{tmp_path / 'r.sqlite3'}"]
    done = run_cli(*argv)
    assert done.returncode == 2, (slot, kind, done)
    assert done.stderr.count("\n") == 1, done.stderr
    assert f"mps-pain: {option}: " in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Errno" not in done.stderr, done.stderr


@pytest.mark.parametrize("kind", ["fifo", "/dev/full"])
def test_an_output_path_that_is_no_regular_file_is_refused_even_with_force(
    kind: str, tmp_path: Path, never_waits: None
) -> None:
    url = _records(tmp_path)
    path = _special(kind, tmp_path)
    for argv, option in (
        (
            ["patients", "export", "takamatsu-2018-case-1", "--database", url, "-o", path],
            "--output",
        ),
        (
            [
                "patients",
                "export",
                "takamatsu-2018-case-1",
                "--database",
                url,
                "-o",
                path,
                "--force",
            ],
            "--output",
        ),
        (["backup", "--database", url, path], "PATH"),
    ):
        done = run_cli(*argv)
        assert done.returncode == 2, (argv, done)
        assert done.stderr.count("\n") == 1 and f"{option}: " in done.stderr, done.stderr
        assert "not a regular file" in done.stderr, done.stderr
    assert kind != "/dev/full" or Path(kind).is_char_device()


def test_a_folder_as_backup_path_is_refused_not_waited_on(
    tmp_path: Path, never_waits: None
) -> None:
    url = _records(tmp_path)
    done = run_cli("backup", "--database", url, str(tmp_path))
    assert done.returncode == 2 and "PATH: " in done.stderr, done


def test_an_oversized_fhir_file_is_refused_naming_fhir(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(17_000_000)
    request = tmp_path / "request.json"
    request.write_text(_REQUEST, encoding="utf-8")
    for argv in (["mme", "--fhir", str(big)], ["rotate", "--fhir", str(big), str(request)]):
        done = run_cli(*argv)
        assert done.returncode == 2 and done.stderr.startswith("mps-pain: --fhir: "), done.stderr
        assert "larger than 16 MB" in done.stderr, done.stderr


def test_a_batch_file_the_disk_cannot_read_is_refused_naming_batch() -> None:
    done = run_cli("mme", "--batch", "/proc/self/mem")
    assert done.returncode == 2, done
    assert done.stderr == (
        "mps-pain: --batch: cannot read '/proc/self/mem': the disk could not be read or written\n"
    )
