"""The bounds of a practice selection, read by the command line's options and the generator:
no imports, so the command line reads them at start-up."""

from __future__ import annotations

__all__ = ["MAX_EXERCISES", "SEED_DIGITS"]

SEED_DIGITS = 18
"""A seed (and an exercise's index in its run) is a whole number of at most this many ASCII
digits: an id is read back whatever it holds (Python reads no integer over 4,300 digits)."""

MAX_EXERCISES = 500
"""The most exercises one selection makes."""
