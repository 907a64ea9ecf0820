"""What every sub-command shares: reading input, printing JSON, turning errors into sentences."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mps_pain.echo import excerpt, invisible_note
from mps_pain.errors import InputError, MpsPainError
from mps_pain.input_files import (
    MAX_DOCUMENT_BYTES,
    LongLine,
    bounded_lines,
    document_text,
    read_bounded,
    read_document_file,
)
from mps_pain_cli.output_streams import EXIT_OUTPUT, OutputFailed, say

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OUTPUT",
    "add_json_flag",
    "emit_json",
    "guarded",
    "head_hash",
    "one_line",
    "read_input_text",
    "read_stdin_bytes",
    "refused_path",
    "said_briefly",
    "stdin_binary",
    "whole_number",
]

EXIT_INPUT = 2
EXIT_INTERNAL = 3


def read_input_text(path: str | None, *, location: str = "FILE") -> tuple[str, str]:
    """The text of FILE, or of standard input for ``-`` or no FILE; with a name for messages.
    Read by the one bounded reader (``input_files``: a size limit, a leading BOM dropped).
    ``location``: the option that named the file (``--fhir``), for its refusals."""

    if path in (None, "-"):
        return document_text(read_stdin_bytes(), origin="standard input"), "standard input"
    file = Path(path)
    try:
        return read_document_file(file, location=location), file.name
    except OSError as err:
        raise refused_path(err, path, location=location) from None


def refused_path(
    err: OSError, path: str | Path, *, location: str, doing: str = "read", then: str = ""
) -> InputError:
    """The one refusal of a path the user named that the system refused, whatever the reason
    (too long a name, a folder, a missing folder, no permission): one line naming the option
    and the reason in plain words (``os_words``), never an internal error (fuzz review 18, D4:
    ``backup`` to a 300-character name exited 3 while ``export -o`` refused it)."""
    # start-up seam: the words load on a refusal only
    from mps_pain.os_words import os_error_words

    outcome = f"; {then}" if then else ""
    return InputError(f"cannot {doing} '{path}': {os_error_words(err)}{outcome}", location=location)


def stdin_binary() -> Iterator[bytes | LongLine]:
    """Standard input line by line, as bytes (each line decoded by whoever reads it), each
    line bounded (``input_files.bounded_lines``: a line too long is its ``LongLine``)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        yield from bounded_lines(buffer, origin="standard input")
        return
    for line in sys.stdin:
        yield line.encode("utf-8", errors="surrogateescape")


def read_stdin_bytes() -> bytes:
    """Standard input as bytes, to the document limit (decoded by the caller, so bad bytes
    are an input error)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        text = sys.stdin.read(MAX_DOCUMENT_BYTES + 1)
        buffer = io.BytesIO(text.encode("utf-8", errors="surrogateescape"))
    return read_bounded(buffer, origin="standard input")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """``--json``: the result model itself, the machine contract, instead of the text."""
    parser.add_argument("--json", action="store_true", help="print one JSON object (the contract)")


def emit_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")


LONGEST_LINE = 2000
"""The longest message line written: a backstop behind every quoted value's own ``excerpt``."""


LONGEST_QUOTED = 60
"""The longest quoted value echoed whole in a message line; a longer one is cut to its start
and its length (fuzz review 16, N6: a 5,000-digit --topic, --set or identifier was echoed up to
2,000 characters, while --jobs cut its echo to 20)."""

_QUOTED = re.compile(  # a quote opens after no letter and before a non-space, and closes
    # after a non-space and before no letter (never the apostrophe of "order's")
    rf"(?<!\w)(['‘“«])(?=\S)([^'’”»\n]{{{LONGEST_QUOTED + 1},}})(?<=\S)(['’”»])(?!\w)"
)


def one_line(text: str) -> str:
    """Text for one line of a terminal: control characters (newlines, escapes) shown escaped,
    cut at ``LONGEST_LINE`` by ``excerpt``, the one function for echoed user text (fuzz review
    8, #7)."""
    from mps_pain.units import excerpt  # start-up seam: the units module loads on an error only

    return excerpt(text, LONGEST_LINE)


def said_briefly(text: str) -> str:
    """A refusal's one line: each quoted value longer than ``LONGEST_QUOTED`` cut by
    ``excerpt`` to its start and its length (but a command between backticks), then
    ``one_line``."""
    from mps_pain.units import excerpt  # start-up seam: the units module loads on an error only

    def cut(match: re.Match[str]) -> str:
        return f"{match[1]}{excerpt(match[2])}{match[3]}"

    # a command between backticks is meant to be copied: never cut (re-check 18c, N9)
    pieces = text.split("`")
    return one_line("`".join(p if i % 2 else _QUOTED.sub(cut, p) for i, p in enumerate(pieces)))


#: the fields whose values are set ids (``--table``, ``practice new --set``): their refusals
#: list the ids to type there
_SET_OPTIONS = frozenset({"table", "set"})


def error_sentence(exc: MpsPainError) -> str:
    """A refusal's line: sets by their names and sources by their wording once the tables are
    read (clinician re-check 18b #5: "reference set 'uk-palliative' … cover it: cdc-2022, …").
    A refusal of a set option itself keeps the ids: they are what the user types."""
    text = str(exc)
    loader = sys.modules.get("mps_pain.tables.loader")
    plain = exc.location not in _SET_OPTIONS and exc.code != "unknown-table"
    if plain and loader is not None and loader.get_tables.cache_info().currsize:
        # start-up seam: the wording loads on an error only
        from mps_pain.presentation.set_names import said_plainly

        text = said_plainly(text, loader.get_tables())
    return said_briefly(f"mps-pain: {text}")


def modified_tables_label() -> str | None:
    """ "MODIFIED TABLES …" if this run used a table file that is not the shipped version."""
    loader = sys.modules.get("mps_pain.tables.loader")
    if loader is None or not loader.get_tables.cache_info().currsize:
        return None
    loaded = loader.get_tables()
    if loaded.modified_path is None:
        return None
    return (
        f"MODIFIED TABLES: {loaded.modified_path} (sha256 {loaded.sha256}) is not the shipped "
        f"version; results are not from the reviewed tables"
    )


def _label_modified_tables(args: argparse.Namespace) -> None:
    """Every output of a run on modified tables says so: stderr always, text output too."""
    label = modified_tables_label()
    if label is None:
        return
    say(one_line(f"mps-pain: {label}"))
    if not getattr(args, "json", False) and not getattr(args, "batch", None):
        sys.stdout.write(label + "\n")


def guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command; our errors exit 2 with one line (and a JSON object with --json)."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            code = run(args)
            _label_modified_tables(args)
            return code
        except MpsPainError as exc:
            _label_modified_tables(args)
            say(error_sentence(exc))
            if getattr(args, "json", False):
                emit_json({"error": exc.to_dict()})
            return EXIT_INPUT
        except KeyboardInterrupt:
            say("mps-pain: interrupted")
            return 130
        except OutputFailed:  # main's to say (output_streams)
            raise
        except Exception as exc:  # last resort: never a traceback for the user
            say(
                one_line(
                    f"mps-pain: internal error ({type(exc).__name__}: {str(exc)[:200]}). "
                    "Nothing was changed; please report this with the input that caused it."
                )
            )
            if getattr(args, "json", False):
                emit_json({"error": {"code": "internal", "message": str(exc), "location": None}})
            return EXIT_INTERNAL

    return wrapper


def whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """An option's whole number as argparse reads it: ASCII digits from ``low`` to ``high``, else
    refused naming the option (fuzz review 15: "--count ３" was read while "--seed ３" was
    refused; Python's int() reads every script's digits)."""
    most = len(str(high))

    def read(text: str) -> int:
        if not re.fullmatch(rf"[0-9]{{1,{most}}}", text) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(
                f"'{excerpt(text, 20)}' is not {what}{invisible_note(text)}: give {low} to {high}"
            )
        return int(text)

    return read


def head_hash(text: str) -> str:
    """A head hash as ``verify`` prints it: 64 hexadecimal characters, else refused as a typing
    slip (fuzz review 16, N7: '2' or '' read as "rows were cut … or the chain was rewritten",
    sending a pharmacist who mistyped to investigate tampering)."""
    if re.fullmatch(r"[0-9a-fA-F]{64}", text.strip()):
        return text.strip()
    raise argparse.ArgumentTypeError(
        f"'{excerpt(text, 20)}' is not a head hash{invisible_note(text)}: copy the 64 characters "
        "(0-9, a-f) that 'patients verify' printed as the head"
    )
