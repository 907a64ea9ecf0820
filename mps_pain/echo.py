"""The one echo rule for user text in a message (fuzz review 16, N6): short, with its true
length, control characters escaped. Below every module that words a refusal, the errors
included (fuzz review 18, D5: an unknown set cut itself to 60 characters and "…", and the
one-line rule then said the cut's length, "(61 characters)", for any long value)."""

from __future__ import annotations

import unicodedata

__all__ = ["character_name", "excerpt", "invisible_note"]


def excerpt(text: str, limit: int = 40) -> str:
    """User text as it may be echoed in a one-line message: short, control characters escaped."""
    short = text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in short)


def character_name(char: str) -> str:
    """A character as a message names it: its Unicode name and code ("ZERO WIDTH SPACE, U+200B").
    The one way (the identifier check, the number options: fuzz re-check 18c, N9)."""
    return f"{unicodedata.name(char, f'U+{ord(char):04X}')}, U+{ord(char):04X}"


def invisible_note(text: str) -> str:
    """ "; it holds an invisible character (NAME, U+XXXX)" for the first character of ``text``
    that does not print, else nothing: what the escape in the echo (``excerpt``) stands for."""
    hidden = next((char for char in text if not char.isprintable()), None)
    if hidden is None:
        return ""
    return f"; it holds an invisible character ({character_name(hidden)})"
