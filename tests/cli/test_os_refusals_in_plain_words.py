"""Fuzz review 18, D6: ``mme --batch`` on a folder said the system's "Is a directory" (every other
reader: "is a folder, not a file"), and a backup into a locked folder said "[Errno 1] Operation
not permitted: '…/.bk.sqlite3.fqb4bpyb.partial'", an errno and a temporary name the user never
chose. Every refusal of a path the user named is said in ``os_words``' plain words."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from mps_pain.os_words import os_error_words
from tests.cli_runner import run_cli


def test_batch_says_a_folder_and_a_missing_file_as_every_reader_does(tmp_path: Path) -> None:
    folder = run_cli("mme", "--batch", str(tmp_path))
    missing = run_cli("mme", "--batch", str(tmp_path / "none.jsonl"))
    assert "--batch: " in folder.stderr and "is a folder, not a file" in folder.stderr
    assert "--batch: " in missing.stderr and "no such file" in missing.stderr
    assert "Is a directory" not in folder.stderr + missing.stderr


def test_a_backup_the_system_refuses_names_neither_errno_nor_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0

    def locked(*_args: object, dir: str = "", **_kw: object) -> tuple[int, str]:
        raise PermissionError(errno.EPERM, "Operation not permitted", f"{dir}/.bk.x1y2.partial")

    monkeypatch.setattr(tempfile, "mkstemp", locked)
    done = run_cli("backup", "--database", url, str(tmp_path / "bk.sqlite3"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "PATH: " in done.stderr and "does not permit" in done.stderr, done.stderr
    assert "Errno" not in done.stderr and ".partial" not in done.stderr, done.stderr
    assert not (tmp_path / "bk.sqlite3").exists()


@pytest.mark.parametrize("code", sorted(errno.errorcode))
def test_every_system_refusal_has_words_without_an_errno(code: int) -> None:
    words = os_error_words(OSError(code, os.strerror(code)))
    assert (words and "Errno" not in words and words[0].islower()) or not words[0].isalpha()
