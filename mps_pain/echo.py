"""The one echo rule for user text in a message (fuzz review 16, N6): short, with its true
length, control characters escaped. Below every module that words a refusal, the errors
included (fuzz review 18, D5: an unknown set cut itself to 60 characters and "…", and the
one-line rule then said the cut's length, "(61 characters)", for any long value)."""

from __future__ import annotations

import unicodedata

__all__ = [
    "CONTROL_CHARACTER",
    "character_name",
    "excerpt",
    "hidden_name",
    "invisible_note",
]

#: how a message names a character such as a line break or an escape
CONTROL_CHARACTER = "a control character"


def excerpt(text: str, limit: int = 40) -> str:
    """User text as it may be echoed in a one-line message: short, control characters escaped."""
    short = text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"
    return "".join(ch if ch.isprintable() else _escaped(ch) for ch in short)


def _byte(char: str) -> int | None:
    """The byte a lone surrogate U+DC80-U+DCFF stands for: Python's escape of a byte that is
    not UTF-8 text (an argument or file read with ``surrogateescape``), not a character."""
    code = ord(char)
    return code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else None


def _escaped(char: str) -> str:
    byte = _byte(char)
    return f"\\x{byte:02x}" if byte is not None else ascii(char)[1:-1]


def character_name(char: str) -> str:
    """A character as a message names it: its Unicode name and code ("ZERO WIDTH SPACE, U+200B";
    one without a name: its code, once). The one way (the identifier check, the number options:
    fuzz re-check 18c, N9)."""
    name = unicodedata.name(char, "")
    return f"{name}, U+{ord(char):04X}" if name else f"U+{ord(char):04X}"


def hidden_name(char: str, kind: str = "an invisible character") -> str:
    """How a message names a character that does not print: "an invisible character (NAME,
    U+XXXX)", or, for a byte that is not UTF-8 text, "a byte that is not UTF-8 text (0xFF)"
    (fuzz review 18d, D3: "an invisible character (U+DCFF, U+DCFF)")."""
    byte = _byte(char)
    if byte is not None:
        return f"a byte that is not UTF-8 text (0x{byte:02X})"
    return f"{kind} ({character_name(char)})"


def invisible_note(text: str) -> str:
    """ "; it holds an invisible character (NAME, U+XXXX)" for the first character of ``text``
    that does not print, else nothing: what the escape in the echo (``excerpt``) stands for."""
    hidden = next((char for char in text if not char.isprintable()), None)
    if hidden is None:
        return ""
    return f"; it holds {hidden_name(hidden)}"
