"""A count with its noun, the one plural rule every screen, printout and command line uses:
``1 change``, ``2 changes``, ``1 dose/day``, ``0.5 doses``. Never "change(s)"."""

from __future__ import annotations

from mps_pain.units import format_number

__all__ = ["counted", "noun_for"]


def noun_for(count: float, noun: str, plural: str | None = None) -> str:
    """``noun`` for exactly one, else ``plural`` (``noun + "s"`` unless given)."""
    return noun if count == 1 else plural or f"{noun}s"


def counted(count: float, noun: str, plural: str | None = None) -> str:
    """``3 changes``; ``1 change``."""
    return f"{format_number(count)} {noun_for(count, noun, plural)}"
