"""The equianalgesic set a document opens under when it names none: by market preference.

The mapping is data (``market_defaults`` in the tables): JP → jspm-2010, UK → uk-palliative,
AU/NZ → fpm-2021, otherwise the data's fallback. The app and the case files use it; a risk-MME
set (CDC) is never a default, though its totals stay in the spread. A market without a set of
its own (US) is read under a default set, and the result says which (fuzz review 21, D3):
``fallback_note``.
"""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import TableValidationError
from mps_pain.tables.index import TableIndex

__all__ = ["MARKET_SET_FALLBACK", "default_set_for_market", "fallback_note", "own_set_for_market"]

MARKET_SET_FALLBACK = "market-set-fallback"


def default_set_for_market(tables: TableIndex, market: str | None) -> str | None:
    """The set id for ``market`` (None: the fallback); None if the tables hold no mapping."""
    defaults = tables.tables.market_defaults
    if defaults is None:
        return None
    chosen = own_set_for_market(tables, market) or defaults.fallback
    if chosen not in tables.sets:
        raise TableValidationError(
            f"market_defaults names the unknown set '{chosen}'", location="market_defaults"
        )
    return chosen


def own_set_for_market(tables: TableIndex, market: str | None) -> str | None:
    """The set the data names for ``market`` itself; None for no market, a market without a set
    of its own, or tables without the mapping."""
    defaults = tables.tables.market_defaults
    if defaults is None or market is None:
        return None
    return next((m.table for m in defaults.markets if m.market == market), None)


def fallback_note(tables: TableIndex, market: str, set_id: str) -> ClinicalWarning:
    """The info line of a document whose market has no set of its own, read under ``set_id``."""
    set_ = tables.reference_set(set_id, location="table")
    return ClinicalWarning(
        code=MARKET_SET_FALLBACK,
        severity="info",
        message=(
            f"Market {market} has no conversion set of its own here: this total is read under "
            f"the default set, {set_.name}. Name a set to read it under another."
        ),
    )
