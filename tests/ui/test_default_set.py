"""Issue 8, class 9: the app and the case files open under the palliative set of the market
preference (data: market_defaults), never under a risk-MME set; a chosen default set wins."""

from __future__ import annotations

import pytest

from tests.ui.conftest import CASE_1_RAISED


@pytest.mark.parametrize(
    ("market", "expected"),
    [
        ("JP", "jspm-2010"),
        ("UK", "uk-palliative"),
        ("AU", "fpm-2021"),
        ("NZ", "fpm-2021"),
        (None, "uk-palliative"),
    ],
)
def test_a_case_opens_under_the_market_s_palliative_set(
    make_window, fresh_settings, tables, market, expected
) -> None:
    fresh_settings.market = market
    window = make_window(tables, CASE_1_RAISED, settings=fresh_settings)
    assert window.session.effective_table() == expected
    result = window.session.result
    assert result is not None and result.table.id == expected
    # the CDC totals stay visible in the spread
    assert any(entry.table == "cdc-2022" and entry.total_mme_per_day for entry in result.spread)


def test_a_chosen_default_set_wins_over_the_market(make_window, fresh_settings, tables) -> None:
    fresh_settings.market = "JP"
    fresh_settings.default_set = "fpm-2021"
    window = make_window(tables, CASE_1_RAISED, settings=fresh_settings)
    assert window.session.effective_table() == "fpm-2021"


def test_a_market_without_its_own_set_says_the_set_it_fell_back_to(
    make_window, fresh_settings, tables
) -> None:
    """Fuzz review 21, D3: the app reads a US document under its default set, and says so."""
    fresh_settings.market = "US"
    window = make_window(tables, CASE_1_RAISED, settings=fresh_settings)
    result = window.session.result
    assert result is not None and result.table.id == "uk-palliative"
    notes = [w for w in result.warnings if w.code == "market-set-fallback"]
    assert len(notes) == 1 and "US" in notes[0].message
    assert tables.sets["uk-palliative"].name in notes[0].message
