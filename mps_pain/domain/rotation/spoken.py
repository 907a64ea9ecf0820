"""A plan and a check, each made in the words of the market it is for (``market_words``;
pharmacist review 19, L9): the market asked for (``market``), so a UK plan continues
"paracetamol oral" and gives "morphine oral MR", a US one "acetaminophen oral" and "morphine
oral ER". Without a market asked, the catalogue's words, as ``mme`` prints them for a document
naming none (a plan under ``uk-palliative`` alone rounds to UK strengths but keeps "ER": a
choice, docs/rotation.md).
The JSON keeps the ids; where a market's word is printed, an info note says so once, with its
source (every word is cited)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from mps_pain.domain.market_words import (
    MARKET_WORDS,
    MarketWords,
    asked_or_spoken,
    speaking,
    words_note,
)
from mps_pain.domain.results import sort_warnings
from mps_pain.domain.rotation.check import check as checked
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.planner import plan as planned
from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest
from mps_pain.tables.index import TableIndex

__all__ = ["MARKET_WORDS", "check", "plan"]

Result = TypeVar("Result", RotationPlan, CheckResult)


def plan(tables: TableIndex, request: RotationRequest) -> RotationPlan:
    with speaking(tables, asked_or_spoken(request.market)) as words:
        return _noted(tables, words, planned(tables, request))


def check(tables: TableIndex, request: CheckRequest) -> CheckResult:
    with speaking(tables, asked_or_spoken(request.market)) as words:
        return _noted(tables, words, checked(tables, request))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner)


def _noted(tables: TableIndex, words: MarketWords, result: Result) -> Result:
    """``result`` with the info note of the market's words it prints, if any."""
    result = result.model_copy(update={"market": words.market})
    said = _strings(result.model_dump(include={"steps", "schedule", "reasons"}))
    note = words_note(tables, words, said)
    if note is None:
        return result
    return result.model_copy(update={"warnings": sort_warnings([*result.warnings, note])})
