"""The one reader of every input the program is given: a document (a file or standard input)
or the lines of a batch. Each is read to a stated limit and no further, and a UTF-8 byte-order
mark at the start of a document is dropped.

- Fuzz review 17, D4: ``mme /dev/zero`` held 2.9 GB after 3 s and ran until killed, as did
  ``--batch``, ``fhir import`` and ``practice grade``: a huge file picked by mistake (a log, a
  disk image) stalled the command and could exhaust a shared workstation's memory. A document
  above ``MAX_DOCUMENT_BYTES``, or a batch line above ``MAX_LINE_BYTES``, is refused naming the
  file before anything is parsed.
- Fuzz review 17, D3: ``patients import`` and ``fhir import`` refused a record or Bundle saved by
  a Windows editor (a byte-order mark first), where ``mme`` dropped it. The mark is dropped here,
  once, for every document; anywhere else it stays an error of the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from mps_pain.errors import InputError
from mps_pain.strict_load import decode_utf8

__all__ = [
    "BYTE_ORDER_MARK",
    "MAX_DOCUMENT_BYTES",
    "MAX_LINE_BYTES",
    "bounded_lines",
    "document_text",
    "read_bounded",
    "read_document_file",
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


def read_bounded(stream: BinaryIO, *, origin: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of ``stream``, refused past ``limit`` (one byte more is read to tell)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{origin} is larger than {_megabytes(limit)}, the most a document may be; it was "
            "not read (is it the file you meant?)",
            location="FILE",
        )
    return data


def document_text(data: bytes, *, origin: str) -> str:
    """A document's bytes as text: UTF-8, a byte-order mark at its start dropped."""
    return decode_utf8(data, origin=origin).removeprefix(BYTE_ORDER_MARK)


def read_document_file(path: Path) -> str:
    """The text of the document at ``path``, bounded and decoded (``OSError`` as the system
    gives it: the caller says it in its own terms). Too large a file is named by its path as
    given (``/dev/zero``), the text's own problems by its name, as every document's are."""
    with path.open("rb") as stream:
        return document_text(read_bounded(stream, origin=str(path)), origin=path.name)


def bounded_lines(stream: BinaryIO, *, origin: str, limit: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """The lines of ``stream`` as bytes, each refused past ``limit`` (its line break counted)."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise InputError(
                f"line {number} of {origin} is larger than {_megabytes(limit)}, the most one "
                "batch line may be (one regimen is a few hundred bytes); the batch stopped there",
                location="--batch",
            )
        yield line
