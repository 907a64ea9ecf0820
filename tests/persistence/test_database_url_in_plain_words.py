"""A database URL that cannot be used is refused in one plain line naming the option, before any
file or folder is made (fuzz review 17, D5: one slash short, ``sqlite://$PWD/typo.sqlite3``,
printed SQLAlchemy's text with a literal "\\n" and left an empty ``typo.sqlite3`` under a folder
tree made in the current folder, or made a new database there; ``mysql://…`` said "No module
named 'MySQLdb'")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import run_cli

LIBRARY_WORDS = ("No module named", "Valid SQLite URL", "\\n", "MySQLdb", "Invalid SQLite URL")


def _refused_in_plain_words(argv: list[str]) -> str:
    run = run_cli(*argv)
    assert run.returncode == 2, run.stderr
    line = run.stderr.strip()
    assert len(line.splitlines()) == 1, run.stderr
    assert "--database" in line, line
    assert not any(words in line for words in LIBRARY_WORDS), line
    return line


@pytest.mark.parametrize("command", [["import", "--examples"], ["list"]])
@pytest.mark.parametrize("url", ["sqlite://{cwd}/typo.sqlite3", "sqlite://work/{cwd}/typo.sqlite3"])
def test_an_sqlite_url_one_slash_short_makes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    text = url.format(cwd=tmp_path)
    line = _refused_in_plain_words(["patients", *command, "--database", text])
    assert "sqlite:////" in line  # the form to write instead
    assert list(tmp_path.iterdir()) == []  # no stray file or folder where the user stands
    assert not (tmp_path / "typo.sqlite3").exists()


def test_a_relative_sqlite_path_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = _refused_in_plain_words(
        ["patients", "import", "--examples", "--database", "sqlite:///records.sqlite3"]
    )
    assert "records.sqlite3" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "url",
    ["mysql://u@localhost/x", "mssql+pyodbc://u@host/x", "postgresql+asyncpg://u@localhost/x"],
)
def test_a_database_mps_pain_cannot_use_is_named_in_plain_words(url: str) -> None:
    line = _refused_in_plain_words(["patients", "list", "--database", url])
    assert "postgresql+psycopg://" in line  # what it can use
