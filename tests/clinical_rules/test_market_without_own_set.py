"""Fuzz review 21, D3: naming ``"market": "US"`` moved an ``mme`` document from CDC 2022 (the set
of a document naming no market) to the app's UK palliative fallback, and the CDC ≥90 MME danger
went without a word. Decision (README, "The set a document opens under"): for ``mme`` a market
without a set of its own takes the set of a document naming no market; the app its own default;
and a result read under such a fallback says which set it fell back to (an info line) in
``mme``, the batch (full and summary) and the app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.market_defaults import MARKET_SET_FALLBACK, own_set_for_market
from mps_pain.services.mme_service import DEFAULT_MME_TABLE, calculate_mme
from mps_pain.tables.loader import get_tables
from tests.robustness.cli import call

OXYCODONE_120 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "40 mg",
                 "frequency": "q12h"}  # fmt: skip  # 120 MME/day under CDC 2022


def _document(market: str | None, table: str | None) -> dict[str, Any]:
    document: dict[str, Any] = {"items": [OXYCODONE_120]}
    document.update({k: v for k, v in (("market", market), ("table", table)) if v is not None})
    return document


def test_a_us_document_keeps_the_cdc_set_and_its_danger_and_says_why() -> None:
    plain = calculate_mme(_document(None, None))
    us = calculate_mme(_document("US", None))
    assert plain.table.id == us.table.id == DEFAULT_MME_TABLE
    assert us.total_mme_per_day == plain.total_mme_per_day == 120
    codes = {w.code: w for w in us.warnings}
    assert codes["mme-90"].severity == "danger"
    note = codes[MARKET_SET_FALLBACK]
    assert note.severity == "info" and "US" in note.message and "CDC 2022" in note.message


@settings(max_examples=40, deadline=None)
@given(
    market=st.sampled_from([None, "JP", "UK", "AU", "NZ", "US", "DE"]),
    table=st.sampled_from([None, "fpm-2021", "cdc-2016"]),
    flag=st.sampled_from([None, "uk-palliative"]),
)
def test_the_fallback_is_said_exactly_where_a_market_has_no_set(
    market: str | None, table: str | None, flag: str | None
) -> None:
    tables = get_tables()
    result = calculate_mme(_document(market, table), tables=tables, table_id=flag)
    own = own_set_for_market(tables, market)
    assert result.table.id == (flag or table or own or DEFAULT_MME_TABLE)
    fell_back = market is not None and own is None and flag is None and table is None
    notes = [w for w in result.warnings if w.code == MARKET_SET_FALLBACK]
    assert len(notes) == int(fell_back)
    assert all(tables.sets[result.table.id].name in note.message for note in notes)


@pytest.mark.parametrize("summary", [[], ["--summary"]])
def test_the_batch_says_the_fallback_on_its_line(tmp_path: Path, summary: list[str]) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [_document("US", None), _document("UK", None), _document(None, None)]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    outcome = call(["mme", "--batch", str(path), "--jobs", "1", *summary])
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    codes = [[w["code"] if summary == [] else w[0] for w in r["warnings"]] for r in results]
    assert [r["table"]["id"] for r in results] == [
        "cdc-2022", "uk-palliative", "cdc-2022"]  # fmt: skip
    assert [MARKET_SET_FALLBACK in c for c in codes] == [True, False, False]
    assert "mme-90" in codes[0] and "mme-90" in codes[2]
