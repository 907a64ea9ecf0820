"""The timeline's time axis: where the ticks go and what each one says (no Qt, no painting).

A relative timeline (days since the case's day 0) is labelled "day 14". A calendar timeline is
labelled in the computer's local time: hours within a day or two, dates ("3 Dec") within about
two months, months ("Mar 2026"; the year alone in January) beyond; the year is added to a date
label on the first tick and where the year changes, so no two labels say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

__all__ = ["axis_range", "diamond_offsets", "nice_step", "place_labels", "time_ticks"]

DAY = 86400.0


def axis_range(times: Sequence[float], time_basis: str) -> tuple[float, float]:
    """The span the axis draws for a record's ``times`` (seconds since the epoch; a relative
    record: days since day 0, in seconds). A calendar axis starts at the local midnight of the
    first event's day, so that day is the first label, and ends at the next midnight after the
    last event or a tenth of the drawn span beyond it, whichever is later (a line that runs to
    now ends inside the plot). Clinician review 16 #13: two saves at 19:53 sat left of the
    first tick, "5 Dec", and three empty future days filled the plot. A relative axis keeps its
    margin of at least 3 days."""
    first, last = min(times), max(times)
    if time_basis != "calendar":
        pad = max((last - first) * 0.05, 3 * DAY)
        return first - pad / 5, last + pad
    start = _midnight(_local(first)).timestamp()
    next_midnight = (_midnight(_local(last)) + timedelta(days=1)).astimezone().timestamp()
    return start, max(next_midnight, last + (last - start) * 0.1)


def _midnight(moment: datetime) -> datetime:
    return datetime(moment.year, moment.month, moment.day).astimezone()


def nice_step(span: float, target: int) -> float:
    raw = span / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _relative(t0: float, t1: float, wanted: int) -> list[tuple[float, str]]:
    step = max(nice_step((t1 - t0) / DAY, wanted), 1.0) * DAY
    first = math.ceil(t0 / step) * step
    count = int((t1 - first) / step) + 1
    return [(first + i * step, f"day {round((first + i * step) / DAY)}") for i in range(count)]


def _local(t: float) -> datetime:
    return datetime.fromtimestamp(t).astimezone()


def _hours(t0: float, t1: float, wanted: int) -> list[tuple[float, str]]:
    hours = next((h for h in (1, 2, 3, 6, 12) if (t1 - t0) / 3600 / h <= wanted), 24)
    start = _local(t0).replace(minute=0, second=0, microsecond=0)
    ticks, moment, last_day = [], start, None
    while moment.timestamp() <= t1:
        if moment.timestamp() >= t0 and moment.hour % hours == 0:
            day = moment.date()
            text = moment.strftime("%H:%M")
            if day != last_day:
                text = f"{moment.day} {moment:%b} {text}"
                last_day = day
            ticks.append((moment.timestamp(), text))
        moment = (moment + timedelta(hours=1)).astimezone()
    return ticks


def _days(t0: float, t1: float, wanted: int) -> list[tuple[float, str]]:
    days = next((d for d in (1, 2, 7, 14) if (t1 - t0) / DAY / d <= wanted), 28)
    start = _local(t0).replace(hour=0, minute=0, second=0, microsecond=0)
    ticks, moment, index, last_year = [], start, 0, None
    while moment.timestamp() <= t1:
        if moment.timestamp() >= t0 and index % days == 0:
            text = f"{moment.day} {moment:%b}"
            if moment.year != last_year:
                text += f" {moment.year}"
                last_year = moment.year
            ticks.append((moment.timestamp(), text))
        if moment.timestamp() >= t0:
            index += 1
        moment = (moment + timedelta(days=1)).replace(hour=0).astimezone()
    return ticks


def _months(t0: float, t1: float, wanted: int) -> list[tuple[float, str]]:
    span_days = (t1 - t0) / DAY
    months = next((m for m in (1, 2, 3, 6, 12, 24, 60) if span_days / (30.4 * m) <= wanted), 120)
    start = _local(t0)
    year, month = start.year, start.month + 1
    ticks: list[tuple[float, str]] = []
    while True:
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        moment = datetime(year, month, 1).astimezone()
        if moment.timestamp() > t1:
            return ticks
        if (year * 12 + month - 1) % months == 0:
            ticks.append((moment.timestamp(), moment.strftime("%Y" if month == 1 else "%b %Y")))
        month += 1


def time_ticks(t0: float, t1: float, width_px: float, time_basis: str) -> list[tuple[float, str]]:
    """(seconds since the epoch, label) for the axis from ``t0`` to ``t1`` drawn ``width_px``
    wide: about one tick per 110 px, every label different."""
    wanted = max(int(width_px / 110), 2)
    if t1 <= t0:
        return []
    if time_basis == "relative-days":
        return _relative(t0, t1, wanted)
    span_days = (t1 - t0) / DAY
    if span_days <= 2:
        return _hours(t0, t1, wanted)
    if span_days < 62:
        return _days(t0, t1, wanted)
    return _months(t0, t1, wanted)


def place_labels(
    ticks: Sequence[tuple[float, str]], advance: Callable[[str], float], width_px: float
) -> list[tuple[float, float, str]]:
    """(x of the tick, x where its label starts, label): each label whole inside ``width_px``
    (the last is never cut) and none overlapping the one before (that one is left out)."""
    placed: list[tuple[float, float, str]] = []
    right_edge = -1.0
    for x, text in ticks:
        width = advance(text)
        left = min(max(x - width / 2, 2.0), width_px - width - 2.0)
        if left < right_edge + 8:
            continue
        placed.append((x, left, text))
        right_edge = left + width
    return placed


def diamond_offsets(size: float) -> list[tuple[float, float]]:
    """The corners of a saved plan's diamond mark around its point."""
    return [(0.0, -size), (size, 0.0), (0.0, size), (-size, 0.0)]
