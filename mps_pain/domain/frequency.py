"""Dosing frequencies: the words prescribers write, as doses per 24 hours.

These are definitions of words (``bid`` means twice a day), not clinical factors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from mps_pain.json_kinds import as_written
from mps_pain.numbers import refuse_unusual_digits
from mps_pain.units import excerpt

__all__ = [
    "AS_NEEDED_HOW",
    "FREQUENCY_WORDS",
    "Frequency",
    "FrequencyField",
    "FrequencyMeaning",
    "frequency_meaning",
    "parse_frequency",
    "restates_as_needed",
    "times_a_day_text",
]

HOURS_PER_DAY = 24.0

# word → dosing interval in hours
FREQUENCY_WORDS: dict[str, float] = {
    "daily": 24,
    "bid": 12,
    "tid": 8,
    "qid": 6,
    "q4h": 4,
    "q6h": 6,
    "q8h": 8,
    "q12h": 12,
    "q24h": 24,
    "q72h": 72,
}
_ALIASES = {
    "od": "daily",
    "qd": "daily",
    "once daily": "daily",
    "once a day": "daily",
    "bd": "bid",
    "twice daily": "bid",
    "tds": "tid",
    "three times daily": "tid",
    "qds": "qid",
    "four times daily": "qid",
}
# each "... daily" phrase is read as "... a day" too, as "once daily" and "once a day" are
# (fuzz review 18, D6: "twice a day" was an unknown frequency while "twice daily" was read)
_ALIASES |= {k.removesuffix("daily") + "a day": v for k, v in _ALIASES.items() if " daily" in k}
# once a day at night or in the morning: counted as daily, but kept as written (a "daily"
# olanzapine in the morning is another order; clinician review 4). "mane" is the morning's
# Latin beside "nocte" (fuzz review 19, D6: nocte was read and mane refused)
_AT_NIGHT = ("nocte", "at night", "mane", "in the morning")
_TIMES_A_DAY = re.compile(
    r"^(?P<n>\d+(?:\.\d+)?)\s*(?:x|times)\s*(?:a\s+day|per\s+day|daily)$", re.IGNORECASE
)
_EVERY = re.compile(
    r"^(?:every\s*|q\s*)(?P<n>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)(?:ly)?$", re.IGNORECASE
)


MAX_FREQUENCY_CHARS = 40
SHORTEST_INTERVAL_H = 0.25  # 96 doses a day, the most ``doses_per_day`` accepts
LONGEST_INTERVAL_H = 168.0  # a week; a longer gap is not a daily dose (patches are rates)


@dataclass(frozen=True, slots=True)
class Frequency:
    label: str
    interval_h: float
    #: written as a count ("18 times a day"): the count itself, never 24 / a rounded interval
    times_a_day: float | None = None

    @property
    def doses_per_day(self) -> float:
        if self.times_a_day is not None:
            return self.times_a_day
        return HOURS_PER_DAY / self.interval_h

    def __str__(self) -> str:
        return self.label


def parse_frequency(raw: Any) -> Frequency:
    """``"bid"`` → twice a day; ``"every 6 h"``/``"q6h"`` → every 6 hours; ``"18 times a day"``
    → exactly 18 doses in 24 h; else ValueError.

    A text's answer is remembered (the last 1,024 texts; a refusal is not): the planner reads
    the same few frequencies dozens of times a plan, and a ``Frequency`` is frozen."""
    if isinstance(raw, Frequency):
        return raw
    if type(raw) is str:
        return _parse_text(raw)
    return _parse(raw)


FrequencyMeaning = Literal["as-needed", "continuous"]
# words that are no frequency but say how a line is given (clinician reviews 12 #3, 13 #5, 14 #6)
_CONTINUOUS = ("continuous", "cont", "csci", "civ", "syringe driver", "driver", "infusion", "pump")
_AS_NEEDED = frozenset({"prn", "as needed", "as required", "when required", "when needed", "sos"})
# what an as-needed line gives, said by both of its refusals below
_AS_NEEDED_LINE = "prn: true, the dose and doses_per_day (the doses taken in 24 h"
#: how to write an as-needed line given with an interval ("q4h prn"; prn with q4h): the order
#: has no minimum-interval field (pharmacist re-check 15b, #9)
AS_NEEDED_HOW = (
    f"write {_AS_NEEDED_LINE}, or 'not reported' for a breakthrough order) with no frequency, "
    "and put the interval (such as q4h) in note: this program's order has no minimum interval"
)
# what a document gives instead (the command line's words; the app says it in its own)
_INSTEAD: dict[FrequencyMeaning, str] = {
    "as-needed": f"an as-needed line gives {_AS_NEEDED_LINE}), and no frequency (an interval "
    "such as q4h goes in note)",
    "continuous": "a continuous infusion gives its rate (e.g. '2 mg/h', or mL/h with the "
    "concentration), and no frequency",
}
# a dosing interval or count written beside as-needed words ("q4h prn", "every 4 h as needed",
# "4-hourly prn", "prn bid"): hours or a count a day, as ``parse_frequency`` reads them
_NUMBER = r"\d+(?:\.\d+)?"
_HOURS = r"(?:h|hr|hrs|hour|hours)\b"
_INTERVAL_WORDS = re.compile(
    rf"\bq\s*{_NUMBER}(?:\s*(?:to|–|\s)\s*{_NUMBER})?\s*{_HOURS}"
    rf"|\bevery\s*{_NUMBER}(?:\s*(?:to|–)\s*{_NUMBER})?\s*{_HOURS}"
    rf"|\b{_NUMBER}\s*hourly\b"
    rf"|\b{_NUMBER}\s*(?:x|times)\s*(?:a|per)\s*day\b"
    rf"|\b(?:{'|'.join(sorted({*FREQUENCY_WORDS, *_ALIASES, *_AT_NIGHT}))})\b"
)


def _words(text: str) -> str:
    """A frequency box's words for matching: lower case, stops dropped (p.r.n.), hyphens and
    punctuation as spaces, single-spaced, with a space at each end."""
    plain = text.casefold().replace(".", "").replace("-", " ")
    plain = re.sub(r"[,;:()/]", " ", plain)
    return f" {' '.join(plain.split())} "


def frequency_meaning(text: str) -> FrequencyMeaning | None:
    """What a frequency box's words mean when they are no frequency: an as-needed line ("prn",
    "q4h prn", "4-hourly p.r.n.", "q4h as needed", "as needed (bolus)") or a continuous infusion
    ("CSCI", "syringe driver"); None for anything else."""
    words = _words(text)
    if any(f" {phrase} " in words for phrase in _AS_NEEDED):
        return "as-needed"
    if any(word in words for word in _CONTINUOUS):
        return "continuous"
    return None


def restates_as_needed(text: str) -> bool:
    """As-needed words that give no dosing interval or count ("as needed (bolus)", "prn": every
    breakthrough frequency the planner prints; pharmacist re-check 15b, #9): on an as-needed
    line they restate it. Words with an interval ("q4h prn") are not: the order cannot carry
    a minimum interval, and they are refused (``parse_frequency``)."""
    if frequency_meaning(text) != "as-needed":
        return False
    return _INTERVAL_WORDS.search(_words(text)) is None


@lru_cache(maxsize=1024)
def _parse_text(raw: str) -> Frequency:
    return _parse(raw)


def _parse(raw: Any) -> Frequency:
    if not isinstance(raw, str) or not raw.strip():
        shown = f"'{excerpt(raw)}'" if isinstance(raw, str) else excerpt(as_written(raw))
        raise ValueError(f"frequency must be a word such as 'bid' or 'every 6 h', got {shown}")
    if len(raw) > MAX_FREQUENCY_CHARS:
        raise ValueError(
            f"'{excerpt(raw)}' is too long for a frequency (at most {MAX_FREQUENCY_CHARS} "
            "characters); use a word such as 'bid' or 'every 6 h'"
        )
    refuse_unusual_digits(raw, excerpt(raw))  # "every ４ h" (fuzz review 5, R4)
    text = " ".join(raw.strip().lower().split())
    if text in _AT_NIGHT:
        return Frequency(text, float(FREQUENCY_WORDS["daily"]))
    word = _ALIASES.get(text, text)
    if word in FREQUENCY_WORDS:
        return Frequency(word, float(FREQUENCY_WORDS[word]))
    counted = _TIMES_A_DAY.match(text)
    if counted:
        return _times_a_day(float(counted.group("n")), raw)
    match = _EVERY.match(text)
    if match:
        hours = float(match.group("n"))
        if not SHORTEST_INTERVAL_H <= hours <= LONGEST_INTERVAL_H:
            raise ValueError(
                f"'{excerpt(raw)}': the interval must be from {SHORTEST_INTERVAL_H:g} h "
                f"to {LONGEST_INTERVAL_H:g} h"
            )
        label = f"q{match.group('n')}h"
        return Frequency(label, hours)
    meaning = frequency_meaning(raw)
    if meaning == "as-needed" and not restates_as_needed(raw):
        raise ValueError(
            f"'{excerpt(raw)}' is an as-needed order with an interval: {AS_NEEDED_HOW}"
        )
    if meaning is not None:
        raise ValueError(f"'{excerpt(raw)}' is not a frequency: {_INSTEAD[meaning]}")
    known = ", ".join(FREQUENCY_WORDS)
    raise ValueError(
        f"unknown frequency '{excerpt(raw)}'; use one of {known}, 'every N h' or 'N times a day'"
    )


def _times_a_day(times: float, raw: str) -> Frequency:
    """``"18 times a day"``: exactly 18 doses in 24 h (a FHIR "3 per 4 h" is imported so); the
    count's bounds are those of the interval (one dose a week to one every 0.25 h)."""
    fewest, most = HOURS_PER_DAY / LONGEST_INTERVAL_H, HOURS_PER_DAY / SHORTEST_INTERVAL_H
    if not fewest <= times <= most:
        raise ValueError(
            f"'{excerpt(raw)}': the interval must be from {SHORTEST_INTERVAL_H:g} h to "
            f"{LONGEST_INTERVAL_H:g} h (from {fewest:.3g} to {most:g} times a day)"
        )
    return Frequency(times_a_day_text(times), HOURS_PER_DAY / times, times)


def times_a_day_text(times: float) -> str:
    """The written form of a count a day, ``"18 times a day"`` (parse_frequency reads it)."""
    return f"{times:g} times a day"


FrequencyField = Annotated[
    Frequency,
    PlainValidator(parse_frequency),
    PlainSerializer(lambda f: f.label, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "daily, bid, tid, qid, q4h, q6h, q8h, q12h, q24h, q72h, 'every N h' "
            "or 'N times a day'",
            "examples": ["q12h", "bid", "every 6 h", "18 times a day"],
        }
    ),
]
