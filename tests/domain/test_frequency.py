from __future__ import annotations

import pytest

from mps_pain.domain.frequency import FREQUENCY_WORDS, parse_frequency


@pytest.mark.parametrize(
    ("word", "doses_per_day"),
    [
        ("daily", 1),
        ("bid", 2),
        ("tid", 3),
        ("qid", 4),
        ("q4h", 6),
        ("q6h", 4),
        ("q8h", 3),
        ("q12h", 2),
        ("q24h", 1),
        ("q72h", 1 / 3),
    ],
)
def test_each_named_frequency_gives_its_doses_per_day(word: str, doses_per_day: float) -> None:
    assert parse_frequency(word).doses_per_day == pytest.approx(doses_per_day)


def test_the_issue_lists_exactly_these_words() -> None:
    assert set(FREQUENCY_WORDS) == {
        "daily",
        "bid",
        "tid",
        "qid",
        "q4h",
        "q6h",
        "q8h",
        "q12h",
        "q24h",
        "q72h",
    }


@pytest.mark.parametrize("text", ["every 6 h", "every 6 hours", "Every 6 hr", "q6h", "q 6 h"])
def test_every_n_hours_in_its_spellings(text: str) -> None:
    assert parse_frequency(text).interval_h == 6


@pytest.mark.parametrize("text", ["BD", "twice daily", "bd"])
def test_common_synonyms(text: str) -> None:
    assert parse_frequency(text).label == "bid"


@pytest.mark.parametrize("bad", ["sometimes", "", "every 0 h", "q0h", 12, None])
def test_unknown_or_empty_frequencies_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_frequency(bad)


@pytest.mark.parametrize(("text", "per_day"), [("18 times a day", 18), ("14.4 times daily", 14.4)])
def test_a_count_a_day_is_kept_exactly(text: str, per_day: float) -> None:
    """Fuzz review 3: FHIR '3 per 4 h' became every 1.33333 h, 18.000045 doses a day."""
    assert parse_frequency(text).doses_per_day == per_day


@pytest.mark.parametrize("text", ["0 times a day", "97 times a day", "0.1 times a day"])
def test_a_count_a_day_outside_the_interval_bounds_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"0\.25 h to 168 h"):
        parse_frequency(text)
