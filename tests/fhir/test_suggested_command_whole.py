"""Fuzz re-check 18c, N9: the command a ``--fhir`` refusal suggests, "Run 'mps-pain fhir import
/work/review18c/fuz… (98 characters)' to see what imports", was cut by the rule that shortens a
long quoted value, so it could not be copied. A command meant to be copied is written between
backticks, shell-quoted, and never cut."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from tests.cli_runner import run_cli
from tests.fhir.test_unread_resources_stop_the_total import DISPENSE


def test_the_suggested_command_is_whole_and_can_be_copied(tmp_path: Path) -> None:
    folder = tmp_path / ("a folder with a long name, spaces and 'quotes' " * 2).strip()
    folder.mkdir()
    path = folder / "bundle.fhir.json"
    shutil.copy(DISPENSE, path)
    done = run_cli("mme", "--fhir", str(path))
    assert done.returncode == 2, done.stdout
    command = done.stderr.split("`")[1]
    assert shlex.split(command) == ["mps-pain", "fhir", "import", str(path)], done.stderr
