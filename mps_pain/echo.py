"""The one echo rule for user text in a message (fuzz review 16, N6): short, with its true
length, control characters escaped. Below every module that words a refusal, the errors
included (fuzz review 18, D5: an unknown set cut itself to 60 characters and "…", and the
one-line rule then said the cut's length, "(61 characters)", for any long value)."""

from __future__ import annotations

__all__ = ["excerpt"]


def excerpt(text: str, limit: int = 40) -> str:
    """User text as it may be echoed in a one-line message: short, control characters escaped."""
    short = text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in short)
