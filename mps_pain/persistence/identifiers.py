"""Patient identifiers and one-line record text: what is refused, how it is normalised, and which
identifiers look alike.

An identifier is shown in terminals, window titles and printed plans, so it must show what it is:
control characters (ANSI escape sequences start with one), bidirectional overrides and other
invisible format characters are refused. Text is normalised to NFC and trimmed, so the same
identifier typed on two keyboards is stored once. ``look_alike_key`` folds case, width and a few
characters that look the same (Latin/Cyrillic/Greek homoglyphs, 0/O, 1/l/I) so that a new
identifier that differs from a stored one only in those ways is warned about.
"""

from __future__ import annotations

import unicodedata

from mps_pain.echo import character_name, hidden_name

__all__ = [
    "IDENTIFIER_MAX_CHARS",
    "clean_identifier",
    "clean_line",
    "clean_paragraphs",
    "look_alike_key",
]

IDENTIFIER_MAX_CHARS = 200

_LOOK_ALIKE = str.maketrans(
    {
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "а": "a",  # Cyrillic
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "к": "k",
        "м": "m",
        "т": "t",
        "н": "h",
        "в": "b",
        "і": "l",
        "ј": "j",
        "ѕ": "s",
        "α": "a",  # Greek
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "τ": "t",
        "κ": "k",
        "ι": "l",
        "‐": "-",  # dashes
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "_": "-",
    }
)


def _refuse_hidden(text: str, what: str, allowed: str = "") -> None:
    for char in text:
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category.startswith("C") or category in ("Zl", "Zp"):
            raise ValueError(
                f"{what} contains {hidden_name(char, 'a control or invisible character')}; "
                "type it again without it"
            )


def clean_line(value: str, *, what: str = "text") -> str:
    """NFC, trimmed, without control, format (bidi, zero-width) or line-separator characters."""
    text = unicodedata.normalize("NFC", value).strip()
    _refuse_hidden(text, what)
    return text


def clean_paragraphs(value: str, *, what: str = "text") -> str:
    """Free text of several lines (notes, details): NFC, trimmed, line breaks and tabs kept,
    every other control or invisible character (an ANSI escape, a bidi override) refused."""
    text = unicodedata.normalize("NFC", value).strip()
    _refuse_hidden(text, what, allowed="\n\t")
    return text


def clean_identifier(value: str) -> str:
    """The identifier as stored; ``ValueError`` saying what is wrong with it."""
    text = clean_line(value, what="the identifier")
    if not text:
        raise ValueError("the identifier is empty")
    _refuse_other_spaces(text)
    if len(text) > IDENTIFIER_MAX_CHARS:
        raise ValueError(
            f"the identifier is {len(text)} characters long; at most {IDENTIFIER_MAX_CHARS}"
        )
    return text


def _refuse_other_spaces(text: str) -> None:
    """A space inside an id that is not the plain space (a no-break, thin or ideographic one)
    prints as a plain space: ``abc<NBSP>-1`` read "abc -1", another id (fuzz review 18d, D5)."""
    for char in text:
        if char != " " and unicodedata.category(char) == "Zs":
            raise ValueError(
                f"the identifier contains {character_name(char)}, a space that prints like the "
                "plain space but is another character; type it again with a plain space or none"
            )


def look_alike_key(identifier: str) -> str:
    """Equal for identifiers that differ only in case, width or look-alike characters."""
    folded = unicodedata.normalize("NFKC", identifier).casefold()
    return unicodedata.normalize("NFKC", folded).translate(_LOOK_ALIKE)
