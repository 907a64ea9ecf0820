"""Dosing frequencies: the words prescribers write, as doses per 24 hours.

These are definitions of words (``bid`` means twice a day), not clinical factors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from mps_pain.units import excerpt

__all__ = ["FREQUENCY_WORDS", "Frequency", "FrequencyField", "parse_frequency"]

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
    "nocte": "daily",
    "at night": "daily",
    "bd": "bid",
    "twice daily": "bid",
    "tds": "tid",
    "three times daily": "tid",
    "qds": "qid",
    "four times daily": "qid",
}
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

    @property
    def doses_per_day(self) -> float:
        return HOURS_PER_DAY / self.interval_h

    def __str__(self) -> str:
        return self.label


def parse_frequency(raw: Any) -> Frequency:
    """``"bid"`` → twice a day; ``"every 6 h"``/``"q6h"`` → every 6 hours; else ValueError."""
    if isinstance(raw, Frequency):
        return raw
    if not isinstance(raw, str) or not raw.strip():
        shown = repr(raw)[:40]
        raise ValueError(f"frequency must be a word such as 'bid' or 'every 6 h', got {shown}")
    if len(raw) > MAX_FREQUENCY_CHARS:
        raise ValueError(
            f"'{excerpt(raw)}' is too long for a frequency (at most {MAX_FREQUENCY_CHARS} "
            "characters); use a word such as 'bid' or 'every 6 h'"
        )
    text = " ".join(raw.strip().lower().split())
    word = _ALIASES.get(text, text)
    if word in FREQUENCY_WORDS:
        return Frequency(word, float(FREQUENCY_WORDS[word]))
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
    known = ", ".join(FREQUENCY_WORDS)
    raise ValueError(f"unknown frequency '{excerpt(raw)}'; use one of {known}, or 'every N h'")


FrequencyField = Annotated[
    Frequency,
    PlainValidator(parse_frequency),
    PlainSerializer(lambda f: f.label, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "daily, bid, tid, qid, q4h, q6h, q8h, q12h, q24h, q72h or 'every N h'",
            "examples": ["q12h", "bid", "every 6 h"],
        }
    ),
]
