"""A records database URL with white space around it, or naming a folder, is refused in one plain
line (fuzz re-check 17b):

- N4: ``MPS_PAIN_DATABASE_URL="sqlite:////…/db.sqlite3 "`` (a copy-paste slip) made a second
  database ``db.sqlite3␠`` beside the real one and imported into it, the space invisible in
  "Imported … into …/db.sqlite3 "; the records were split silently across two files.
- N7: a folder (or ``/``) given as the database was called "damaged or is not an mps-pain
  database (unable to open database file) … Restore it from a backup": alarming for a typo, and
  SQLite's own words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import run_cli

SPACES = [" ", "\t", "\n", "\u00a0", "  "]


def _one_line_refusal(argv: list[str]) -> str:
    run = run_cli(*argv)
    assert run.returncode == 2, run.stderr
    line = run.stderr.strip()
    assert len(line.splitlines()) == 1, run.stderr
    return line


@pytest.mark.parametrize("where", ["end", "start"])
@pytest.mark.parametrize("space", SPACES)
@pytest.mark.parametrize("given", ["option", "environment"])
def test_a_url_with_white_space_around_it_is_refused_and_makes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, space: str, given: str
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path}/db.sqlite3"
    url = url + space if where == "end" else space + url
    argv = ["patients", "import", "--examples"]
    if given == "option":
        argv += ["--database", url]
    else:
        monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    line = _one_line_refusal(argv)
    assert "--database" in line and "$MPS_PAIN_DATABASE_URL" in line
    assert f"space at its {where}" in line
    assert list(tmp_path.iterdir()) == []  # neither 'db.sqlite3 ' nor 'db.sqlite3'


def test_a_space_inside_the_path_is_still_a_path(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/my records/db.sqlite3"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0
    assert (tmp_path / "my records" / "db.sqlite3").is_file()


@pytest.mark.parametrize("command", [["list"], ["import", "--examples"]])
def test_a_folder_is_called_a_folder_not_a_damaged_database(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    for url in (f"sqlite:///{folder}", "sqlite:////"):
        line = _one_line_refusal(["patients", *command, "--database", url])
        assert "is a folder, not a records database file" in line, line
        assert "damaged" not in line and "backup" not in line
        assert "unable to open" not in line
    assert list(folder.iterdir()) == []
