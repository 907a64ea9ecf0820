"""Times are stored in UTC and shown in the computer's local time, with its zone named."""

from __future__ import annotations

from datetime import datetime

from mps_pain.services.timeline import describe_time

__all__ = ["local_text", "record_time"]


def local_text(moment: datetime, *, seconds: bool = False) -> str:
    """``2026-12-01 23:05 CET``: the local wall-clock time of a UTC moment."""
    shown = moment.astimezone()  # the system's zone
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return f"{shown.strftime(pattern)} {shown.tzname() or ''}".strip()


def record_time(moment: datetime, time_basis: str) -> str:
    """A record's time as shown: ``day 14`` on a relative timeline (days since the case's day
    0, no clock), else the local wall-clock time with its zone (the record stores UTC)."""
    if time_basis == "relative-days":
        return describe_time(moment, time_basis)
    return local_text(moment)
