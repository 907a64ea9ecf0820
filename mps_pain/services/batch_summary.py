"""``mme --batch --summary``: per line the totals, the spread and the warnings, without prose.

The full contract (``batch.py``) writes every item's worked arithmetic, citation and warning
sentences; most of a batch's time goes into building that text and validating result models.
A summary line carries what a researcher aggregates: the chosen set's total, every set's total
(or why it has none), the warning codes with their severity, and the excluded rows. The same
validation and the same engine functions compute it; what is skipped is only the prose.

Validated items are cached by their exact content, so a batch that repeats an item (the same
drug, route and dose) validates and normalises it once.
"""

from __future__ import annotations

from typing import Any

from mps_pain.domain.mme import DEFAULT_PRN_POLICY, band_bases, mme_warnings, set_total
from mps_pain.domain.normalise import DailyItem, normalise_item
from mps_pain.domain.regimen import PrnPolicy, RegimenDocument, RegimenItem
from mps_pain.domain.results import sort_warnings
from mps_pain.errors import DocumentFormatError, NoConversionFactorError
from mps_pain.services.documents import parse_regimen, regimen_keys
from mps_pain.services.mme_service import DEFAULT_MME_TABLE
from mps_pain.strict_load import decode_utf8, loads_json
from mps_pain.tables.index import TableIndex
from mps_pain.validation import validate_model

__all__ = ["SummaryLines"]

_SCALARS = (str, int, float, bool, type(None))
_CACHE_LIMIT = 50_000


class SummaryLines:
    """Turns batch lines into summary payloads; one instance per worker (it caches items)."""

    def __init__(self, tables: TableIndex, table_id: str | None, prn: PrnPolicy | None) -> None:
        self.tables = tables
        self.table_id = table_id
        self.prn = prn
        self._items: dict[tuple[Any, ...], RegimenItem] = {}
        self._normalised: dict[tuple[int, int], tuple[RegimenItem, DailyItem]] = {}

    def payload(self, line_number: int, line: str | bytes) -> dict[str, Any]:
        text = decode_utf8(line, origin="the line") if isinstance(line, bytes) else line
        text = text.rstrip("\r\n")
        if not text.strip():
            raise DocumentFormatError("the line is empty; give one regimen object per line")
        document = self._document(loads_json(text, origin="the line"))
        return {"line": line_number, **self._summary(document)}

    def _document(self, raw: Any) -> RegimenDocument:
        """The same validation as the full contract, with each distinct item validated once."""
        items = raw.get("items") if isinstance(raw, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return parse_regimen(raw)
        shell = parse_regimen({key: value for key, value in raw.items() if key != "items"})
        validated = []
        for position, item in enumerate(items):
            key = _key(item)
            found = self._items.get(key) if key is not None else None
            if found is None:
                found = validate_model(
                    RegimenItem, item, known_keys=set(regimen_keys()), prefix=f"items[{position}]"
                )
                if key is not None and len(self._items) < _CACHE_LIMIT:
                    self._items[key] = found
            validated.append(found)
        return shell.model_copy(update={"items": validated})

    def _daily(self, position: int, item: RegimenItem) -> DailyItem:
        """normalise_item, once per distinct item and position (its notes name the row; a
        refusal is not cached)."""
        key = (id(item), position)
        found = self._normalised.get(key)
        if found is not None and found[0] is item:
            return found[1]
        daily = normalise_item(self.tables, position, item)
        if len(self._normalised) < _CACHE_LIMIT:
            self._normalised[key] = (item, daily)
        return daily

    def _summary(self, document: RegimenDocument) -> dict[str, Any]:
        tables = self.tables
        set_id = self.table_id or document.table or DEFAULT_MME_TABLE
        set_ = tables.reference_set(set_id, location="table")
        stated = (self.prn or document.prn) is not None
        policy: PrnPolicy = self.prn or document.prn or DEFAULT_PRN_POLICY
        items = [self._daily(position, item) for position, item in enumerate(document.items)]
        bases = band_bases(items, policy)
        total = set_total(tables, set_id, items, policy, bases)
        warnings = mme_warnings(
            tables,
            set_,
            document,
            items,
            total,
            has_prn=any(item.prn for item in document.items),
            prn_stated=stated,
        )
        return {
            "table": tables.ref(set_id).model_dump(),
            "prn": policy,
            "total_mme_per_day": total,
            "spread": _spread(tables, items, policy, bases, set_id, total),
            "warnings": [[w.code, w.severity] for w in sort_warnings(warnings)],
        }


def _spread(
    tables: TableIndex,
    items: list[DailyItem],
    policy: PrnPolicy,
    bases: dict[tuple[str, str], float],
    chosen: str,
    chosen_total: float,
) -> dict[str, float | None]:
    """Every set's total (None where it has no factor for an item), chosen set included."""
    totals: dict[str, float | None] = {}
    for set_id in tables.sets:
        if set_id == chosen:
            totals[set_id] = chosen_total
            continue
        if not all(
            tables.covers(set_id, d.drug.id, d.item.route, d.form) for d in items if d.is_opioid
        ):
            totals[set_id] = None
            continue
        try:
            totals[set_id] = set_total(tables, set_id, items, policy, bases)
        except NoConversionFactorError:
            totals[set_id] = None
    return totals


def _key(item: dict[str, Any]) -> tuple[Any, ...] | None:
    """The item's exact content as a cache key (types included: True is not 1), or None."""
    key = []
    for name, value in item.items():
        if not isinstance(value, _SCALARS):
            return None
        key.append((name, type(value), value))
    return tuple(key)
