"""The equianalgesic set a document opens under when it names none: by market preference.

The mapping is data (``market_defaults`` in the tables): JP → jspm-2010, UK → uk-palliative,
AU/NZ → fpm-2021, otherwise the data's fallback. The app and the case files use it; a risk-MME
set (CDC) is never a default, though its totals stay in the spread.
"""

from __future__ import annotations

from mps_pain.errors import TableValidationError
from mps_pain.tables.index import TableIndex

__all__ = ["default_set_for_market"]


def default_set_for_market(tables: TableIndex, market: str | None) -> str | None:
    """The set id for ``market`` (None: the fallback); None if the tables hold no mapping."""
    defaults = tables.tables.market_defaults
    if defaults is None:
        return None
    chosen = next((m.table for m in defaults.markets if m.market == market), defaults.fallback)
    if chosen not in tables.sets:
        raise TableValidationError(
            f"market_defaults names the unknown set '{chosen}'", location="market_defaults"
        )
    return chosen
