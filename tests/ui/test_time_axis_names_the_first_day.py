"""Clinician review 16 #13: two saves on 4 Dec at 19:53 and 19:57 sat just left of the first
tick, "5 Dec 2026"; the day they were made had no label, and three empty future days filled the
plot. A calendar axis names the first event's day and ends soon after the last event."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ui.records.time_axis import DAY, axis_range, time_ticks

DECEMBER_4_1953 = datetime(2026, 12, 4, 19, 53).astimezone().timestamp()


@given(
    first_offset_s=st.floats(min_value=-40 * DAY, max_value=40 * DAY),
    gaps_s=st.lists(st.floats(min_value=0, max_value=20 * DAY), min_size=0, max_size=4),
    width_px=st.floats(min_value=300, max_value=1600),
)
def test_a_calendar_axis_names_the_first_events_day_and_ends_soon_after_the_last(
    first_offset_s: float, gaps_s: list[float], width_px: float
) -> None:
    first = DECEMBER_4_1953 + first_offset_s
    times = [first]
    for gap in gaps_s:
        times.append(times[-1] + gap)
    t0, t1 = axis_range(times, "calendar")
    assert t0 <= min(times) and max(times) <= t1
    if t1 - t0 >= 62 * DAY:
        return  # a month axis: months are named, not days
    day = datetime.fromtimestamp(first).astimezone()
    labels = [text for _t, text in time_ticks(t0, t1, width_px, "calendar")]
    assert labels and labels[0].startswith(f"{day.day} {day:%b}"), (labels, day)
    last = datetime.fromtimestamp(max(times)).astimezone()
    next_midnight = datetime(last.year, last.month, last.day) + timedelta(days=1)
    margin = 0.1 * (max(times) - t0)
    assert t1 <= max(next_midnight.astimezone().timestamp(), max(times) + margin) + 1


def test_two_saves_on_one_evening_are_read_against_that_days_hours() -> None:
    t0, t1 = axis_range([DECEMBER_4_1953, DECEMBER_4_1953 + 240], "calendar")
    labels = [text for _t, text in time_ticks(t0, t1, 820, "calendar")]
    assert labels[0] == "4 Dec 00:00", labels
    assert "5 Dec 00:00" in labels  # and no empty days after it
    assert t1 - t0 == 86400 or abs(t1 - t0 - 86400) <= 3600  # one day (a clock change: 23/25 h)


def test_a_relative_record_keeps_its_margin() -> None:
    t0, t1 = axis_range([0.0, 14 * DAY], "relative-days")
    assert t0 < 0 and t1 >= 14 * DAY + 3 * DAY
