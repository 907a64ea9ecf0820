"""Clinician re-check 20c, L1: with the Formulary market set to UK, the Practice window read
"hydromorphone oral ER 4 mg q12h … Switch to morphine oral (ER q12h)" where every other pane
says "MR". Practice is made inside ``market_words.speaking`` as plans and checks are: its
exercises' prompts and its grading's words are in the words of the market asked for (the app:
the preferences'), and without one in the catalogue's words, as before. Every market the tables
name words for, and the US (the catalogue's words), over every level."""

from __future__ import annotations

import re

import pytest

from mps_pain.practice.service import answer_for, grade_answer, new_exercises
from mps_pain.tables.index import TableIndex

OTHER_WORDS = {
    "UK": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "AU": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "NZ": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "US": re.compile(r"\bparacetamol\b|(?<![\w'])MR(?![\w'])", re.IGNORECASE),
}
#: the note naming the US words the market's stand for: "MR (written ER in the US)"
WORDS_NOTE = re.compile(r"\(written [^)]* in the US\)")
OWN_FORM = {"UK": "MR", "AU": "MR", "NZ": "MR", "US": "ER"}
SEEDS = range(3)


def _exercises(tables: TableIndex, market: str | None) -> list:
    return [
        exercise
        for level in range(1, 6)
        for seed in SEEDS
        for exercise in new_exercises(level=level, seed=seed, count=4, tables=tables, market=market)
    ]


@pytest.mark.parametrize("market", sorted(OTHER_WORDS))
def test_every_prompt_in_the_markets_words(tables: TableIndex, market: str) -> None:
    exercises = _exercises(tables, market)
    wrong = [e.prompt for e in exercises if OTHER_WORDS[market].search(e.prompt)]
    assert not wrong, wrong[:3]
    own = re.compile(rf"(?<![\w']){OWN_FORM[market]}(?![\w'])")
    assert any(own.search(e.prompt) for e in exercises)  # a long-acting form is named


def _own_words(tables: TableIndex, text: str) -> str:
    """``text`` but the words note and the sources' own titles (quoted as they are: "Medscape UK
    morphine MR" under a US answer)."""
    for source in tables.tables.sources.values():
        text = text.replace(source.label, "")
    return WORDS_NOTE.sub("", text)


@pytest.mark.parametrize("market", sorted(OTHER_WORDS))
def test_grading_says_the_markets_words(tables: TableIndex, market: str) -> None:
    """The marks beside an answer (the expected regimen among them) and the worked answer (the
    planner's steps) are in the same words."""
    exercises = [e for e in _exercises(tables, market) if e.switch is not None][:8]
    assert exercises
    for exercise in exercises:
        answer = answer_for(exercise, tables=tables)
        report = grade_answer(answer, tables=tables, market=market)
        said = [r.explanation for r in report.results] + [r.expected.text for r in report.results]
        said += report.worked.steps
        wrong = [t for t in said if OTHER_WORDS[market].search(_own_words(tables, t))]
        assert not wrong, (exercise.id, wrong)


def test_without_a_market_the_catalogue_words_stay(tables: TableIndex) -> None:
    prompts = [e.prompt for e in _exercises(tables, None)]
    assert any(re.search(r"(?<![\w'])ER(?![\w'])", p) for p in prompts)
    assert not any(re.search(r"(?<![\w'])MR(?![\w'])", p) for p in prompts)
