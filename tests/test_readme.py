"""The README's two set-up commands are real: CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_after(heading: str) -> str:
    match = re.search(re.escape(heading) + r"\s*```sh\n(.+?)\n```", README, re.DOTALL)
    assert match, heading
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    command = _command_after("Run the tests:")
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_the_install_command_runs_the_app() -> None:
    command = _command_after("Install and run the app:")
    assert command.endswith("mps-pain gui")
    assert "pip install -e ." in command


def test_every_cli_command_is_documented() -> None:
    from mps_pain_cli.main import COMMAND_MODULES, build_parser

    assert COMMAND_MODULES
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name in subparsers.choices:  # type: ignore[attr-defined]
        assert f"mps-pain {name}" in README, name
