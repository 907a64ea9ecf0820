"""Which data files the engine decides from, and the one hash that says which versions it used.

``data/conversion_tables.sha256`` lists every data file the engine reads for a clinical decision
(the tables, the form and interval rules, the FHIR codes), one ``sha256sum`` line each under a
``# version: …`` line naming the tables' version (``cd data && sha256sum -c
conversion_tables.sha256`` checks them). A result's ``sha256`` is the SHA-256 of those lines as
computed from the bytes actually read: the shipped files give the SHA-256 of the recorded lines,
and a change to any of them gives another hash and the label "modified tables" naming the file.

The engine reads a rule file only through ``read_rule_file``: a file the list does not name is
refused (no result could say which version of it decided), and the bytes hashed are the bytes
parsed (each is read once per process).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import NamedTuple

from mps_pain.errors import TableValidationError
from mps_pain.paths import data_dir

__all__ = [
    "IDENTITY_FILE",
    "TABLES_FILE",
    "Identity",
    "Recorded",
    "data_identity",
    "file_digest",
    "read_rule_file",
    "recorded",
    "recorded_text",
]

IDENTITY_FILE = "conversion_tables.sha256"
TABLES_FILE = "conversion_tables.yaml"
_VERSION = "# version:"


class Recorded(NamedTuple):
    """What ``conversion_tables.sha256`` records: the tables' version and each file's hash."""

    version: str | None
    digests: dict[str, str]


class Identity(NamedTuple):
    """The hash a result carries, and the data files (paths) that are not as recorded."""

    sha256: str
    modified: tuple[str, ...]


def recorded() -> Recorded:
    """The record (empty if it is missing or unreadable: then nothing is the shipped version)."""
    try:
        text = (data_dir() / IDENTITY_FILE).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return Recorded(None, {})
    version, digests = None, {}
    for line in text.splitlines():
        if line.startswith(_VERSION):
            version = line.removeprefix(_VERSION).strip()
        elif line.strip() and not line.startswith("#"):
            digest, _, name = line.partition("  ")
            digests[name.strip()] = digest.strip()
    return Recorded(version, digests)


def recorded_text(version: str, digests: dict[str, str]) -> str:
    """The record's text: the version line, then one ``sha256sum`` line per file, by name."""
    lines = "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))
    return (
        "# The data files the engine decides from; `sha256sum -c` checks them. A result's sha256\n"
        "# is the SHA-256 of the lines below the version (docs/reliability.md, Table integrity).\n"
        f"{_VERSION} {version}\n{lines}"
    )


def read_rule_file(name: str) -> bytes:
    """The bytes of a rule file in ``data/``; refused when ``conversion_tables.sha256`` does not
    list it. Read once per process, so the bytes parsed are the bytes hashed."""
    if name not in recorded().digests:
        raise TableValidationError(
            f"{name} is not listed in {IDENTITY_FILE}, so no result could say which version of "
            "it was used: list it and record its hash",
            location=name,
        )
    return _read(data_dir() / name)


@cache
def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TableValidationError(
            f"cannot read the data file {path.name}: {exc.strerror}", location=path.name
        ) from None


@cache
def _digest(path: Path) -> str:
    return hashlib.sha256(_read(path)).hexdigest()


def file_digest(name: str) -> str:
    """The SHA-256 of a file in ``data/`` as this process read it (for ``--record``)."""
    return _digest(data_dir() / name)


def data_identity(tables_digest: str, tables_shown: str) -> Identity:
    """The identity of a load: the tables actually loaded (their SHA-256 and the path or origin
    shown when modified) with every other listed file as read from ``data/``."""
    record = recorded()
    lines: list[str] = []
    modified: list[str] = []
    for name in sorted({*record.digests, TABLES_FILE}):
        if name == TABLES_FILE:
            digest, shown = tables_digest, tables_shown
        else:  # listed: the bytes ``read_rule_file`` gives
            path = data_dir() / name
            digest, shown = _digest(path), str(path.resolve())
        lines.append(f"{digest}  {name}\n")
        if record.digests.get(name) != digest:
            modified.append(shown)
    return Identity(hashlib.sha256("".join(lines).encode()).hexdigest(), tuple(modified))
