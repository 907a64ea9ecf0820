"""Fuzz review 18, D6: a records file in a read-only (immutable) folder was refused as "the
records file … is read-only (no write permission)", while the file itself was writable: SQLite
keeps its working files in the folder. The refusal says which is read-only: the file, or its
folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli_runner import run_cli


@pytest.fixture
def records(tmp_path: Path) -> Path:
    file = tmp_path / "records.sqlite3"
    assert (
        run_cli("patients", "import", "--examples", "--database", f"sqlite:///{file}").returncode
        == 0
    )
    return file


def _denied(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    real = os.access

    def access(path: object, mode: int, **kw: object) -> bool:
        if mode == os.W_OK and Path(str(path)) == denied:
            return False
        return real(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


@pytest.mark.parametrize(("which", "said"), [("file", "the file"), ("folder", "its folder")])
def test_a_read_only_file_or_folder_is_said_as_such(
    records: Path, monkeypatch: pytest.MonkeyPatch, which: str, said: str
) -> None:
    url = f"sqlite:///{records}"
    export = records.parent / "case.json"
    exported = run_cli(
        "patients", "export", "takamatsu-2018-case-1", "--database", url, "-o", str(export)
    )
    assert exported.returncode == 0
    _denied(monkeypatch, records if which == "file" else records.parent)
    done = run_cli("patients", "import", str(export), "--as", "copy", "--database", url)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert said in done.stderr and "Nothing was saved" in done.stderr, done.stderr
    other = "its folder" if which == "file" else "the file"
    assert other not in done.stderr, done.stderr
