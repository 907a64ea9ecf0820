"""The one reader of every input the program is given: a document (a file or standard input)
or the lines of a batch. Each is read to a stated limit and no further, and a UTF-8 byte-order
mark at the start of a document is dropped.

- Fuzz review 17, D4: ``mme /dev/zero`` held 2.9 GB after 3 s and ran until killed, as did
  ``--batch``, ``fhir import`` and ``practice grade``: a huge file picked by mistake (a log, a
  disk image) stalled the command and could exhaust a shared workstation's memory. A document
  above ``MAX_DOCUMENT_BYTES``, or a batch line above ``MAX_LINE_BYTES``, is refused naming the
  file before anything is parsed.
- Fuzz re-check 17b, N3: one batch line above ``MAX_LINE_BYTES`` refused the whole batch (exit 2,
  no result even for the good lines before it). An oversized line is now that line's error
  (``LongLine``) and the rest carry on; its bytes are read past in pieces of the limit and never
  held. Only a "line" that runs on past ``MAX_DOCUMENT_BYTES`` without a line break (``/dev/zero``,
  a disk image) stops the batch there, after the results of the lines before it.
- Fuzz review 17, D3: ``patients import`` and ``fhir import`` refused a record or Bundle saved by
  a Windows editor (a byte-order mark first), where ``mme`` dropped it. The mark is dropped here,
  once, for every document; anywhere else it stays an error of the document.
- Fuzz re-check 18c, N5: a FIFO with nothing writing to it, given as FILE, ``--fhir``,
  ``--batch``, ``-o`` or backup's PATH, waited forever. Every path the user names is looked at
  before it is opened (``refuse_special_file``): a pipe or a socket is refused, naming the
  option (standard input is ``-``), and an output path that is not a regular file or a new name.
- Fuzz re-check 18c, N7: the size refusal named "FILE" whatever option gave the file; the
  caller's option (``--fhir``) is now named.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mps_pain.echo import CONTROL_CHARACTER, excerpt, hidden_name
from mps_pain.errors import InputError
from mps_pain.strict_load import decode_utf8

__all__ = [
    "BYTE_ORDER_MARK",
    "MAX_DOCUMENT_BYTES",
    "MAX_LINE_BYTES",
    "LongLine",
    "bounded_lines",
    "document_text",
    "read_bounded",
    "read_document_file",
    "refuse_special_file",
    "special_kind",
]

MAX_DOCUMENT_BYTES = 16_000_000
"""16 MB: the largest document read. A regimen, request, plan or answer is a few kilobytes; a
patient's record or a FHIR Bundle of their orders, after years of daily entries, a few megabytes.
Reading 16 MB and parsing it takes under a second and a few hundred MB of memory at most."""

MAX_LINE_BYTES = 1_000_000
"""1 MB: the longest batch line read. A batch line is one regimen, a few hundred bytes; a line
of a million is not a regimen (a whole file without line breaks, or binary data)."""

BYTE_ORDER_MARK = "\ufeff"


def _megabytes(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def read_bounded(
    stream: BinaryIO, *, origin: str, limit: int = MAX_DOCUMENT_BYTES, location: str = "FILE"
) -> bytes:
    """The bytes of ``stream``, refused past ``limit`` (one byte more is read to tell), naming
    ``location``, the option that gave it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{origin} is larger than {_megabytes(limit)}, the most a document may be; it was "
            "not read (is it the file you meant?)",
            location=location,
        )
    return data


def _special_kind(mode: int) -> str | None:
    """What a path that is neither a regular file nor a folder is, in plain words."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def special_kind(path: str | os.PathLike[str]) -> str | None:
    """ "a pipe", "a device" or "a socket" if ``path`` names one, else None (a regular file, a
    folder, or a path the system cannot look at: its open says why)."""
    try:
        return _special_kind(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def refuse_special_file(
    path: str | os.PathLike[str], *, location: str, output: bool = False
) -> None:
    """Refuse, before anything opens it, a path that names what cannot be read as a document (a
    pipe, whose open waits for a writer that may never come; a socket) or, for an ``output``,
    anything but a regular file (a device too: ``--force`` would replace ``/dev/full``), naming
    ``location``. A device given as input is read by the bounded reader (``/dev/zero``: refused as
    larger than the limit; fuzz review 17, D4). A missing path, a folder or a path the system
    refuses passes: the open that follows refuses it in the caller's words.

    An ``output`` whose name holds a control character (a line break, an escape) is refused
    too: ``backup`` wrote ``bk⏎nl.sqlite3`` where ``patients import --as`` refuses such an
    identifier (fuzz review 20, D9)."""
    if output:
        _refuse_control_character(os.fspath(path), location)
    kind = special_kind(path)
    if kind is None or (kind == "a device" and not output):
        return
    if output:
        then = "nothing was written; give the name of a new file (or of a file, with --force)"
    else:
        then = "it was not read; give a file, or '-' for standard input"
    raise InputError(f"'{path}' is not a regular file (it is {kind}); {then}", location=location)


def _refuse_control_character(path: str, location: str) -> None:
    char = next((ch for ch in path if unicodedata.category(ch) == "Cc"), None)
    if char is not None:
        raise InputError(
            f"'{excerpt(path)}' holds {hidden_name(char, CONTROL_CHARACTER)}; nothing was "
            "written: give a file name without it",
            location=location,
        )


def document_text(data: bytes, *, origin: str) -> str:
    """A document's bytes as text: UTF-8, a byte-order mark at its start dropped."""
    return decode_utf8(data, origin=origin).removeprefix(BYTE_ORDER_MARK)


def read_document_file(path: Path, *, location: str = "FILE") -> str:
    """The text of the document at ``path``, bounded and decoded (``OSError`` as the system
    gives it: the caller says it in its own terms). Too large a file is named by its path as
    given, the text's own problems by its name, as every document's are; anything but a regular
    file is refused before it is opened (``refuse_special_file``)."""
    refuse_special_file(path, location=location)
    with path.open("rb") as stream:
        data = read_bounded(stream, origin=str(path), location=location)
    return document_text(data, origin=path.name)


@dataclass(frozen=True)
class LongLine:
    """A batch line longer than the limit, in place of its bytes (which were not kept).
    ``endless``: it ran on past ``MAX_DOCUMENT_BYTES`` unbroken, and the batch stops there."""

    number: int
    origin: str
    limit: int
    endless: bool = False

    def error(self) -> InputError:
        """The line's refusal: its own error object, or the batch's when it is endless."""
        size = f"larger than {_megabytes(self.limit)}, the most one batch line may be"
        if self.endless:
            return InputError(
                f"line {self.number} of {self.origin} is {size}, and runs on with no line break "
                "(is it the file you meant?); the batch stopped there",
                location="--batch",
            )
        return InputError(
            f"this line is {size} (one regimen is a few hundred bytes); it was not read",
            location="--batch",
        )


def _read_past(stream: BinaryIO, piece: bytes, limit: int) -> bool:
    """Read past the rest of a line begun with ``piece``, ``limit`` bytes at a time, to
    ``MAX_DOCUMENT_BYTES`` at most; True if the line ended (or the input did) by then."""
    seen = len(piece)
    while not piece.endswith(b"\n"):
        if seen > MAX_DOCUMENT_BYTES:
            return False
        piece = stream.readline(limit + 1)
        if not piece:
            return True
        seen += len(piece)
    return True


def bounded_lines(
    stream: BinaryIO, *, origin: str, limit: int = MAX_LINE_BYTES
) -> Iterator[bytes | LongLine]:
    """The lines of ``stream`` as bytes, a line past ``limit`` (its line break counted) as a
    ``LongLine``; one that runs on past ``MAX_DOCUMENT_BYTES`` is the last thing yielded."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit:
            ended = _read_past(stream, line, limit)
            yield LongLine(number, origin, limit, endless=not ended)
            if not ended:
                return
            continue
        yield line
