"""Answers written as the printed exercise asks for them (fuzz review 20, D5).

The prompt asks for warnings as "codes, comma-separated; 'none' for none" and for a regimen as
"'20 mg q12h', or a rate '25 mcg/h'". The answer file, the interactive session and the app read
those texts here, one reading for all: before, the session read them and the file refused them
("expected a list, got text 'none'").
"""

from __future__ import annotations

from typing import Any

__all__ = ["NO_WARNINGS", "regimen_from_text", "warnings_from_text"]

#: the words that say "no warning" (the prompt names 'none')
NO_WARNINGS = ("", "none", "-")


def warnings_from_text(raw: Any) -> Any:
    """A text of codes (comma- or semicolon-separated; 'none' for none) → the list of codes;
    anything else unchanged, for the field's own checks."""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if text.casefold() in NO_WARNINGS:
        return []
    return [code.strip() for code in text.replace(";", ",").split(",") if code.strip()]


def regimen_from_text(raw: Any) -> Any:
    """``'20 mg q12h'`` → ``{dose: '20 mg', frequency: 'q12h'}`` (an amount, then the
    frequency); a text of one amount, ``'25 mcg/h'`` → ``{rate: '25 mcg/h'}``; anything else
    unchanged, for the field's own checks."""
    if not isinstance(raw, str):
        return raw
    parts = raw.split()
    if len(parts) >= 3:
        return {"dose": " ".join(parts[:2]), "frequency": " ".join(parts[2:])}
    return {"rate": raw.strip()}
