"""The regular doses given around a patch start, named as a nurse gives them.

Clinician review 4, D7: "0–12 h: Keep giving oxycodone oral 40 mg/day for the first 12 h" for
oxycodone 20 mg q12h reads as 40 mg within 12 h. A step inside a time window never states a daily
total: with the dose and interval known it names the dose, the interval and the doses that fall
due in the window ("give the dose due at 0 h …; the last dose is at 0 h"); with only a daily total
it says to give the doses that fall due, not the total. The times assume the patch goes on when
a dose is due, as the sourced rules do ("apply the patch when the last 12-hourly dose is given";
"continue the immediate release opioid 4 hourly for the next 12 hours").
"""

from __future__ import annotations

import math

from mps_pain.domain.form_words import product_label
from mps_pain.domain.kept_words import first_hours_on_patch
from mps_pain.domain.normalise import DailyItem, dose_text
from mps_pain.units import format_number

__all__ = [
    "dose_words",
    "due_in_window",
    "first_hours_on_patch",
    "keep_giving",
    "last_dose_words",
    "stop_words",
]


def _name(daily: DailyItem) -> str:
    return product_label(daily.drug.id, daily.item.route, daily.form)


def _interval(daily: DailyItem) -> str | None:
    frequency = daily.item.frequency
    if frequency is None:
        return None
    if frequency.times_a_day is not None:
        return frequency.label
    return f"every {format_number(frequency.interval_h)} h"


def dose_words(daily: DailyItem) -> str | None:
    """'oxycodone oral 20 mg every 12 h' for a regular dose with its interval, else None."""
    dose, interval = dose_text(daily), _interval(daily)
    if daily.item.shape != "scheduled" or dose is None or interval is None:
        return None
    return f"{_name(daily)} {dose} {interval}"


def due_in_window(daily: DailyItem, hours: float) -> list[float]:
    """The times of the doses due in [0, hours) when one is due at 0 h (empty: not known)."""
    frequency = daily.item.frequency
    if frequency is None or frequency.times_a_day is not None or frequency.interval_h <= 0:
        return []
    count = math.ceil(hours / frequency.interval_h - 1e-9)
    return [k * frequency.interval_h for k in range(max(count, 1))]


def _times(times: list[float]) -> str:
    words = [f"{format_number(t)} h" for t in times]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def keep_giving(daily: DailyItem, hours: float) -> str:
    """The start of a '0–12 h' step: the doses kept going while the patch takes effect."""
    window = format_number(hours)
    named = dose_words(daily)
    times = due_in_window(daily, hours)
    if named is None or not times:
        total = format_number(daily.daily_mg_per_day)
        return (
            f"Keep giving the current {_name(daily)} doses at their usual times "
            f"{first_hours_on_patch(window)} (the regimen totals {total} mg a day and its "
            f"dosing interval is not stated: give only the doses that fall due in these {window} "
            "h, not the daily total)"
        )
    dose = dose_text(daily)
    due = "the dose" if len(times) == 1 else "the doses"
    return (
        f"Keep giving {named} {first_hours_on_patch(window)}: give {due} due "
        f"at {_times(times)} (apply the patch with the 0 h dose), {dose} each time; the last dose "
        f"is at {format_number(times[-1])} h"
    )


def stop_words(daily: DailyItem, hours: float) -> str:
    """The step at the window's end: stop the regular doses, named, no total."""
    named = dose_words(daily) or f"the regular {_name(daily)} doses"
    return f"Stop {named}: no dose at {format_number(hours)} h or after."


def last_dose_words(daily: DailyItem) -> str:
    """'the last dose, oxycodone oral ER 20 mg (its every 12 h dose)', or without an interval
    'the last regular dose of oxycodone oral'."""
    dose, interval = dose_text(daily), _interval(daily)
    if daily.item.shape != "scheduled" or dose is None:
        return f"the last regular dose of {_name(daily)}"
    return f"the last dose, {_name(daily)} {dose}" + (f" (its {interval} dose)" if interval else "")
