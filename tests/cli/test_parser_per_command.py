"""``mps-pain COMMAND`` builds the parser of that command only (issue 10 §7: ``mps-pain gui``
must not import every other command's modules before its window paints). The per-command
parsers must be the same parsers the full one holds: same names, same help, same errors."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mps_pain_cli.main import COMMAND_MODULES, _parser, build_parser
from tests.cli_runner import run_cli

REPO = Path(__file__).resolve().parents[2]


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if a.dest == "command")
    choices: dict[str, argparse.ArgumentParser] = action.choices  # type: ignore[assignment]
    return choices


@pytest.mark.parametrize("module", list(COMMAND_MODULES))
def test_each_module_registers_exactly_the_commands_it_is_listed_with(module: str) -> None:
    assert sorted(_choices(build_parser([module]))) == sorted(COMMAND_MODULES[module])


def test_the_full_parser_holds_every_listed_command_once() -> None:
    listed = [name for names in COMMAND_MODULES.values() for name in names]
    assert len(listed) == len(set(listed))
    assert sorted(_choices(build_parser())) == sorted(listed)


@pytest.mark.parametrize("name", [name for names in COMMAND_MODULES.values() for name in names])
def test_a_commands_own_parser_is_the_one_the_full_parser_holds(name: str) -> None:
    own = _choices(_parser(name))[name]
    full = _choices(build_parser())[name]
    assert own.format_help() == full.format_help()
    assert own.format_usage() == full.format_usage()


def test_help_version_and_a_misspelt_command_still_see_every_command() -> None:
    assert _parser(None) is _parser(None)
    assert sorted(_choices(_parser(None))) == sorted(_choices(build_parser()))
    result = run_cli("gu")
    assert result.returncode == 2
    assert "invalid choice: 'gu'" in result.stderr
    assert "'mme'" in result.stderr and "'gui'" in result.stderr  # every choice is listed


def test_the_gui_command_line_is_parsed_without_any_other_commands_modules() -> None:
    script = (
        "import json, sys; from mps_pain_cli.main import _parser;"
        "args = _parser('gui').parse_args(['gui', '--smoke']);"
        "print(json.dumps([args.smoke, sorted(sys.modules)]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    smoke, modules = json.loads(done.stdout)
    assert smoke is True
    others = [m for m in COMMAND_MODULES if m != "mps_pain_cli.gui_command"]
    assert [m for m in modules if m in others] == []
    # nor the engine's parsing libraries: they load after the window's first paint
    assert [m for m in modules if m.split(".")[0] in ("yaml", "pydantic", "pydantic_core")] == []
