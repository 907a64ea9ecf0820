"""Fuzz review 18, D6: "twice a day" was an unknown frequency while "twice daily", "once a day"
and "2 times a day" were read. The frequency words' one table lists phrases of both spellings
("once daily", "once a day"), so each phrase it lists is read with "daily" and with "a day"
alike; a dotted abbreviation ("b.i.d.") the table does not list stays refused."""

from __future__ import annotations

import pytest

from mps_pain.domain.frequency import _ALIASES, parse_frequency

PHRASES = [word for word in _ALIASES if word.endswith((" daily", " a day"))]


def _other(word: str) -> str:
    if word.endswith(" daily"):
        return word.removesuffix(" daily") + " a day"
    return word.removesuffix(" a day") + " daily"


@pytest.mark.parametrize("word", PHRASES)
def test_a_listed_phrase_reads_alike_with_daily_and_a_day(word: str) -> None:
    assert parse_frequency(_other(word)).interval_h == parse_frequency(word).interval_h


def test_the_reviews_phrase_is_read_as_bid() -> None:
    assert parse_frequency("twice a day").interval_h == parse_frequency("bid").interval_h
    assert parse_frequency("Twice  a  day").interval_h == 12


@pytest.mark.parametrize("word", ["b.i.d.", "twice a week", "a day"])
def test_what_the_table_does_not_list_stays_refused(word: str) -> None:
    with pytest.raises(ValueError):
        parse_frequency(word)
