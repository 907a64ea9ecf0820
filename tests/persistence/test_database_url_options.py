"""Outside fuzz review 6, item 4: ``--database "sqlite:////PATH?mode=ro"`` printed SQLAlchemy's
two-line warning (with a source path) and then wrote: the option was silently ignored.

An SQLite URL with options after ``?`` is refused in one line naming ``--database`` and the
option, before any file is opened or created; no warning is raised."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tests.cli_runner import run_cli


@pytest.mark.parametrize("query", ["mode=ro", "timeout=5", "mode=ro&cache=shared", "x"])
@pytest.mark.parametrize("command", [["import", "--examples"], ["list"], ["verify"]])
def test_an_sqlite_url_with_options_is_refused_and_nothing_written(
    tmp_path: Path, query: str, command: list[str]
) -> None:
    file = tmp_path / "records.sqlite3"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = run_cli("patients", *command, "--database", f"sqlite:///{file}?{query}")
    assert outcome.returncode == 2, outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    assert "--database" in lines[0] and query.split("=")[0] in lines[0], lines[0]
    assert "Warning" not in outcome.stderr and ".py" not in outcome.stderr
    assert [str(w.message) for w in caught] == []
    assert not file.exists()
