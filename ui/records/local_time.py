"""Times are stored in UTC and shown in the computer's local time, with its zone named."""

from __future__ import annotations

from datetime import datetime

__all__ = ["local_text"]


def local_text(moment: datetime, *, seconds: bool = False) -> str:
    """``2026-12-01 23:05 CET``: the local wall-clock time of a UTC moment."""
    shown = moment.astimezone()  # the system's zone
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{shown.strftime(pattern)} {shown.tzname() or ''}".strip()
