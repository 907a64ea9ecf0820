"""``mps-pain``: sub-commands are modules with ``register(subparsers)``; heavy imports are lazy."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable
from functools import cache
from typing import Any

from mps_pain import __version__

__all__ = ["blank_value_problem", "build_parser", "main"]

# Each module registers its sub-command(s), named here so that running one command builds a
# parser of that command only: `mps-pain gui` imports no other command's modules before the
# window paints (issue 10 §7). tests/test_cli_parser.py holds the names to what each registers.
# Keep imports inside the run functions light.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "mps_pain_cli.mme_command": ("mme",),
    "mps_pain_cli.tables_command": ("tables", "schema"),
    "mps_pain_cli.rotate_command": ("rotate", "check"),
    "mps_pain_cli.patients_command": ("patients", "db", "backup"),
    "mps_pain_cli.fhir_command": ("fhir",),
    "mps_pain_cli.gui_command": ("gui",),
    "mps_pain_cli.practice_command": ("practice",),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors: one line naming the option, exit 2, no traceback; the usage block is
        for ``--help`` (fuzz review 16, N4: every refusal of --jobs, --count, --seed or --level
        printed argparse's 2-line usage before it, where the README promises one line)."""
        # start-up seam: the shared helpers load on a refusal only
        from mps_pain_cli.common import said_briefly

        print(
            said_briefly(f"mps-pain: {message} ('{self.prog} --help' lists the options)"),
            file=sys.stderr,
        )
        raise SystemExit(2)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        """Every value of every option and argument, after its own reader (``type``) accepted
        it: refused if empty, only white space, or holding a NUL character, naming the option
        (fuzz review 18, D2: ``--database ''`` imported into the default records, ``--fhir ''``
        was ignored, ``-o ''`` wrote to standard output; a NUL in a path exited 3)."""
        value = super()._get_value(action, arg_string)
        problem = blank_value_problem(arg_string)
        # a sub-command's words are its own parser's to read
        if problem is not None and action.nargs != argparse.PARSER:
            name = (
                "/".join(action.option_strings) or str(action.metavar or action.dest).split("|")[0]
            )
            advice = "; give one, or leave the option out" if action.option_strings else ""
            self.error(f"{name}: the value {problem}{advice if 'NUL' not in problem else ''}")
        return value


def build_parser(modules: Iterable[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The ``mps-pain`` parser with the sub-commands of ``modules`` (by default all)."""
    parser = _Parser(
        prog="mps-pain",
        description="Opioid conversion workstation: cited OME/MME, switching plans, records.",
    )
    parser.add_argument("--version", action="version", version=f"mps-pain {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def blank_value_problem(text: str) -> str | None:
    """What makes ``text`` no value at all (empty, white space, a NUL), or None."""
    if not text:
        return "is empty"
    if not text.strip():
        return "is only white space"
    if "\0" in text:
        return "holds a NUL character"
    return None


_MODULE_OF = {name: module for module, names in COMMAND_MODULES.items() for name in names}


@cache
def _parser(command: str | None) -> argparse.ArgumentParser:
    """The parser of one sub-command, or of all (``command`` None: ``--version``, ``--help``, a
    misspelt command). Built once per process and command: parsing does not change a parser, and
    building one costs more than most commands (in-process callers such as the tests call
    ``main`` many times)."""
    return build_parser(COMMAND_MODULES if command is None else [_MODULE_OF[command]])


def main(argv: list[str] | None = None) -> int:
    """Run one command; a result standard output or error refuses (a full disk, a closed pipe)
    exits ``EXIT_OUTPUT`` in one line, never as an internal error (``output_streams``)."""
    # start-up seam: a small module, loaded with every command
    from mps_pain_cli.output_streams import checked_streams

    return checked_streams(lambda: _main(argv))


def _main(argv: list[str] | None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = _parser(words[0] if words and words[0] in _MODULE_OF else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
