"""``mps-pain``: sub-commands are modules with ``register(subparsers)``; heavy imports are lazy."""

from __future__ import annotations

import argparse
import importlib
import sys
from functools import cache

from mps_pain import __version__

__all__ = ["build_parser", "main"]

# Each module registers its sub-command(s). Keep imports inside the run functions light.
COMMAND_MODULES = (
    "mps_pain_cli.mme_command",
    "mps_pain_cli.tables_command",
    "mps_pain_cli.rotate_command",
    "mps_pain_cli.patients_command",
    "mps_pain_cli.fhir_command",
    "mps_pain_cli.gui_command",
    "mps_pain_cli.practice_command",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Usage errors: one line, exit 2, no traceback."""
        self.print_usage(sys.stderr)
        print(f"mps-pain: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mps-pain",
        description="Opioid conversion workstation: cited OME/MME, switching plans, records.",
    )
    parser.add_argument("--version", action="version", version=f"mps-pain {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


@cache
def _parser() -> argparse.ArgumentParser:
    """Built once per process: parsing does not change a parser, and building one costs more
    than most commands (in-process callers such as the tests call ``main`` many times)."""
    return build_parser()


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
