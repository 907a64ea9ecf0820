"""What every sub-command shares: reading input, printing JSON, turning errors into sentences."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mps_pain.errors import InputError, MpsPainError

__all__ = ["EXIT_INPUT", "EXIT_INTERNAL", "emit_json", "guarded", "read_input_text"]

EXIT_INPUT = 2
EXIT_INTERNAL = 3


def read_input_text(path: str | None) -> tuple[str, str]:
    """The text of FILE, or of standard input for ``-`` or no FILE; with a name for messages."""
    if path in (None, "-"):
        return sys.stdin.read(), "standard input"
    file = Path(path)
    try:
        return file.read_text(encoding="utf-8"), file.name
    except FileNotFoundError:
        raise InputError(f"no such file: {path}", location="FILE") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text", location="FILE") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", location="FILE") from None


def emit_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")


def error_sentence(exc: MpsPainError) -> str:
    return f"mps-pain: {exc}"


def guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command; our errors exit 2 with one line (and a JSON object with --json)."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except MpsPainError as exc:
            print(error_sentence(exc), file=sys.stderr)
            if getattr(args, "json", False):
                emit_json({"error": exc.to_dict()})
            return EXIT_INPUT
        except KeyboardInterrupt:
            print("mps-pain: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            return 0
        except Exception as exc:  # last resort: never a traceback for the user
            print(
                f"mps-pain: internal error ({type(exc).__name__}: {exc}). "
                "Nothing was changed; please report this with the input that caused it.",
                file=sys.stderr,
            )
            if getattr(args, "json", False):
                emit_json({"error": {"code": "internal", "message": str(exc), "location": None}})
            return EXIT_INTERNAL

    return wrapper
