"""Bands and tiers (a factor's dose bands, a patch chart, a methadone method's tiers) follow one
another: each ends where the next starts. The one rule and its one refusal."""

from __future__ import annotations

from mps_pain.errors import TableValidationError

__all__ = ["check_contiguous"]


def check_contiguous(
    end: float | None, next_start: float, what: str, location: str, said_next: str = ""
) -> None:
    """Refuse a range ``what`` (``band ending at 90``) whose ``end`` is not where the next one
    starts (``next_start``, said as ``said_next`` when given): a gap or an overlap."""
    if end is None or end != next_start:
        raise TableValidationError(
            f"{what} is not followed by one starting there{said_next}: a gap or an overlap",
            location=location,
        )
