"""What one of the program's documents is, by its keys, and which command reads it (fuzz review
19, D6).

A regimen given to ``patients import`` was refused with "The record lacks 'exported_at' … (and
3 more problems)": true, but it neither says what the file is nor which command takes it. Every
command that reads a document asks ``other_kind`` when the document does not validate: if its
keys are those of another of the program's documents (and not of the one the command reads),
the refusal says what it is, which command reads it, and what this command takes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

__all__ = ["KINDS", "DocumentKind", "other_kind", "other_kind_words"]


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: what it is called, the command that reads it, and the keys that
    together mark it (each kind's are not all keys of any other kind)."""

    what: str
    reader: str
    keys: frozenset[str]


def _kind(what: str, reader: str, *keys: str) -> DocumentKind:
    return DocumentKind(what, reader, frozenset(keys))


#: the program's documents, as their keys mark them
KINDS: Final = (
    _kind(
        "a patient record file (written by `mps-pain patients export`)",
        "mps-pain patients import",
        "exported_at",
        "regimen_versions",
    ),
    _kind(
        "a FHIR file (`mps-pain mme --fhir FILE` reads it too)",
        "mps-pain fhir import",
        "resourceType",
    ),
    _kind(
        "a switching plan (written by `mps-pain rotate --json`)",
        "mps-pain fhir export",
        "ome_per_day",
        "target_daily_dose",
        "steps",
    ),
    _kind("a proposed order to check", "mps-pain check", "proposed"),
    _kind("a switching request", "mps-pain rotate", "from", "to"),
    _kind("practice answers", "mps-pain practice grade", "exercise", "answers"),
    _kind("a regimen", "mps-pain mme", "items"),
)


def _read_by(keys: Collection[str]) -> DocumentKind | None:
    return next((k for k in KINDS if k.keys <= set(keys)), None)


def other_kind(document: Mapping[str, object], reads: Collection[str]) -> DocumentKind | None:
    """The kind ``document`` is, when it is not the kind whose keys are ``reads`` (the keys of
    the model the command reads); None when its keys mark no kind, or mark that one."""
    marked = [k for k in KINDS if k.keys <= document.keys()]
    if not marked or any(k.keys <= set(reads) for k in marked):
        return None
    return marked[0]


def other_kind_words(found: DocumentKind, reads: Collection[str]) -> str:
    """``this is a regimen, which `mps-pain mme` reads, not a patient record file …``."""
    taken = _read_by(reads)
    wanted = f", not {taken.what}" if taken is not None else ""
    return f"this is {found.what}, which `{found.reader}` reads{wanted}"
