"""``mme --batch --summary``: per line the totals, the spread and the warnings, without prose.

The full contract (``batch.py``) writes every item's worked arithmetic, citation and warning
sentences; most of a batch's time goes into building that text and validating result models.
A summary line carries what a researcher aggregates: the chosen set's total, every set's total
(None where the set has no row for an item), and the warning codes with their severity. The
same validation and the same engine functions compute it (``chosen_set_id``,
``resolve_regimen``, ``band_bases``, ``set_and_spread_totals``, ``mme_warnings``); what is
skipped is only the prose. Every line gives the full contract's numbers and codes, or its
refusal (same code and location).

What is cached, per worker process, is the result of pure functions for identical input (a
line repeated in the batch is computed once, by ``batch.py``):

- a validated item or document shell, by its exact content (types included: ``True`` is not
  ``1``); a line whose validation fails is validated again whole, so its refusal is the full
  contract's own;
- a normalised item, by the validated item and its position (its notes name the row);
- (perf-summary6) a line whose items are flat objects is read in pieces
  (``json_pieces.split_flat_array``): each distinct item text and each distinct shell (the
  line's other fields) is read strictly and validated once, then found by its bytes; any
  piece refused, or any doubt, and the line is read whole as before, for its own refusal.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Annotated, Any, NamedTuple, TypeVar

from pydantic import TypeAdapter, ValidationError

from mps_pain.domain.market_words import speaking
from mps_pain.domain.mme import (
    DEFAULT_PRN_POLICY,
    band_bases,
    mme_warnings,
    resolve_regimen,
)
from mps_pain.domain.mme_spoken import mme_words_note
from mps_pain.domain.mme_totals import set_and_spread_totals
from mps_pain.domain.normalise import DailyItem, normalise_item
from mps_pain.domain.regimen import (
    ITEM_LIST,
    PrnPolicy,
    RegimenDocument,
    RegimenItem,
    require_items,
)
from mps_pain.domain.results import sort_warnings
from mps_pain.errors import DocumentFormatError, MpsPainError
from mps_pain.input_files import LongLine
from mps_pain.json_pieces import split_flat_array
from mps_pain.services.documents import parse_regimen
from mps_pain.services.mme_service import chosen_set_id, fallback_notes, rescue_size_warnings
from mps_pain.strict_load import UNDECIDED, decode_utf8, loads_json, loads_json_fast
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Severity

__all__ = ["JSON", "SummaryLines", "internal_error", "read_line"]

JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""How the batch writes every line's object (compact, UTF-8 as it is)."""

Line = str | bytes | LongLine
"""A batch line: its bytes (or text), or a line too long to read (its own error)."""
Model = TypeVar("Model", RegimenDocument, RegimenItem)
_SCALARS = (str, int, float, bool, type(None))
_FLAT = frozenset({str, int, bool, type(None)})
"""Types whose values are their own exact cache key with their type (no float: -0.0 == 0.0)."""
_FLAT_SHAPES: dict[tuple[type, ...], bool] = {}
"""Per tuple of value types, whether all are ``_FLAT`` (``frozenset.issuperset`` of a tuple
builds a set on every call: once per item of every line)."""
_CACHE_LIMIT = 50_000
_ITEM_LIST: TypeAdapter[list[Any]] = TypeAdapter(Annotated[list[Any], ITEM_LIST])
"""The document's own constraints on its item list (count), checked before any item is read."""


def read_line(line: Line) -> Any:
    """One batch line as parsed JSON, strictly (``strict_load``); refusals name the problem."""
    if isinstance(line, LongLine):
        raise line.error()
    if isinstance(line, bytes):
        found = loads_json_fast(line)
        if found is not UNDECIDED:
            return found
    text = decode_utf8(line, origin="the line") if isinstance(line, bytes) else line
    text = text.rstrip("\r\n")
    if not text.strip():
        raise DocumentFormatError("the line is empty; give one regimen object per line")
    return loads_json(text, origin="the line")


def internal_error(exc: Exception) -> dict[str, str | None]:
    """A line's last-resort error object: the other lines carry on."""
    return {
        "code": "internal",
        "message": f"this line could not be computed ({type(exc).__name__}); please report it",
        "location": None,
    }


class Summary(NamedTuple):
    """One line's summary, before it is written."""

    set_id: str
    prn: PrnPolicy
    total_mme_per_day: float
    spread: dict[str, float | None]
    warnings: list[tuple[str, Severity]]


class SummaryLines:
    """Turns batch lines into summary lines; one instance per worker (it caches)."""

    def __init__(self, tables: TableIndex, table_id: str | None, prn: PrnPolicy | None) -> None:
        self.tables = tables
        self.table_id = table_id
        self.prn = prn
        self._shells: dict[tuple[Any, ...], RegimenDocument] = {}
        self._items: dict[tuple[Any, ...], RegimenItem] = {}
        self._normalised: dict[tuple[int, int], tuple[RegimenItem, DailyItem]] = {}
        self._refs: dict[str, dict[str, Any]] = {}
        self._texts: dict[Any, str] = {}
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}  # spread ids → '"id":' texts
        self._codes: dict[tuple[tuple[str, str], ...], str] = {}  # warnings → their JSON text
        self._spreads: dict[tuple[tuple[str, ...], tuple[float | None, ...]], str] = {}
        self._shell_texts: dict[bytes, RegimenDocument] = {}  # by the shell's bytes
        self._item_texts: dict[bytes, RegimenItem] = {}  # by the item's bytes

    def outcome(self, line: Line) -> dict[str, Any]:
        """The summary of one line (raises MpsPainError with the full contract's refusal)."""
        found = self._summary(*(self._pieces(line) or self._document(read_line(line))))
        return {
            "table": self._ref(found.set_id),
            "prn": found.prn,
            "total_mme_per_day": found.total_mme_per_day,
            "spread": found.spread,
            "warnings": [list(pair) for pair in found.warnings],
        }

    def text(self, line: Line) -> str:
        """``JSON.encode(self.outcome(line))`` without its opening brace (what the batch writes
        after the line number), put together from pieces encoded once: the table reference,
        the PRN policy, set ids, codes and severities."""
        found = self._summary(*(self._pieces(line) or self._document(read_line(line))))
        piece = self._text
        spread = self._spread_text(tuple(found.spread), tuple(found.spread.values()))
        codes = tuple(found.warnings)
        warnings = self._codes.get(codes)
        if warnings is None:
            warnings = ",".join(f"[{piece(code)},{piece(grade)}]" for code, grade in codes)
            self._codes[codes] = warnings
        return (
            f'"table":{piece(("table", found.set_id))},"prn":{piece(found.prn)},'
            f'"total_mme_per_day":{_number(found.total_mme_per_day)},'
            f'"spread":{{{spread}}},"warnings":[{warnings}]}}'
        )

    def _spread_text(self, names: tuple[str, ...], values: tuple[float | None, ...]) -> str:
        """The spread's members as JSON text, remembered by its set ids and totals. The totals
        are floats (each column is added from 0.0) or None, so equal totals are written alike;
        but 0.0 equals -0.0, written otherwise: a spread with a zero is written afresh."""
        key = (names, values)
        found = self._spreads.get(key)
        if found is not None:
            return found
        keys = self._keys.get(names)
        if keys is None:
            keys = self._keys[names] = tuple(f"{self._text(name)}:" for name in names)
        found = ",".join([key + _number(value) for key, value in zip(keys, values, strict=True)])
        if 0.0 not in values and len(self._spreads) < _CACHE_LIMIT:
            self._spreads[key] = found
        return found

    def _text(self, value: str | tuple[str, str]) -> str:
        """A string, or a set's table reference, as JSON text (encoded once)."""
        found = self._texts.get(value)
        if found is None:
            encoded = self._ref(value[1]) if isinstance(value, tuple) else value
            found = self._texts[value] = JSON.encode(encoded)
        return found

    def _document(self, raw: Any) -> tuple[RegimenDocument, list[RegimenItem]]:
        """The same validation as the full contract, each distinct shell and item once: the
        document's context (every field but ``items``, validated) and its validated items.
        The summary reads the two apart, so no document is put together per line."""
        items = raw.get("items") if isinstance(raw, dict) else None
        if not isinstance(items, list) or not all(type(i) is dict for i in items):
            return _whole(parse_regimen(raw))
        shell = _without_items(raw)
        try:
            _ITEM_LIST.validate_python(items)  # the shell is validated without its items
            validated = [_cached(self._items, RegimenItem, item) for item in items]
            found = _cached(self._shells, RegimenDocument, shell)
        except ValidationError:
            return _whole(parse_regimen(raw))  # raises the full contract's refusal, whole
        return found, validated

    def _pieces(self, line: Line) -> tuple[RegimenDocument, list[RegimenItem]] | None:
        """``_document(read_line(line))`` read from the line's pieces, each distinct shell and
        item text once (``split_flat_array`` says when that is the same reading); None when
        the line is not cut so or a piece is refused: the caller reads it whole."""
        if type(line) is not bytes:
            return None
        split = split_flat_array(line)
        if split is None:
            return None
        shell, texts = split
        context = self._shell_texts.get(shell)
        if context is None:
            context = self._shell_piece(shell)
        if context is None:
            return None
        known = self._item_texts
        items = []
        for text in texts:
            item = known.get(text)
            if item is None:
                item = self._item_piece(text)
            if item is None:
                return None
            items.append(item)
        try:
            _ITEM_LIST.validate_python(items)  # the count, as _document checks it
        except ValidationError:
            return None
        return context, items

    def _shell_piece(self, shell: bytes) -> RegimenDocument | None:
        """The context of a shell (a line with its items written ``[]``), validated as
        ``_document`` validates it; None if refused (never remembered)."""
        return self._piece(shell, self._shell_texts, self._shells, RegimenDocument, _shell_fields)

    def _item_piece(self, text: bytes) -> RegimenItem | None:
        """One item's text, read strictly and validated as ``_document`` validates it; None if
        refused (never remembered)."""
        return self._piece(text, self._item_texts, self._items, RegimenItem, _item_fields)

    @staticmethod
    def _piece(
        text: bytes,
        known: dict[bytes, Model],
        validated: dict[Any, Model],
        model: type[Model],
        fields: Callable[[Any], dict[str, Any] | None],
    ) -> Model | None:
        """One piece read strictly, its ``fields`` validated as ``model`` (by content, once),
        then remembered by its bytes; None when refused."""
        try:
            raw = read_line(text)
        except MpsPainError:
            return None
        found_fields = fields(raw)
        if found_fields is None:
            return None
        try:
            found = _cached(validated, model, found_fields)
        except ValidationError:
            return None
        if len(known) < _CACHE_LIMIT:
            known[text] = found
        return found

    def _daily(self, position: int, item: RegimenItem) -> DailyItem:
        """normalise_item, once per distinct item and position (a refusal is not cached)."""
        key = (id(item), position)
        found = self._normalised.get(key)
        if found is not None and found[0] is item:
            return found[1]
        daily = normalise_item(self.tables, position, item)
        if len(self._normalised) < _CACHE_LIMIT:
            self._normalised[key] = (item, daily)
        return daily

    def _summary(self, context: RegimenDocument, regimen: list[RegimenItem]) -> Summary:
        """``context``: the document's fields but its items (its own ``items`` are not read),
        ``regimen``: its items; the rules read the context's table, market, PRN choice and
        patient, and the items as given here (``mme_warnings`` reads no document's items).
        In the words of the document's market, as the full line's ``spoken_mme``: a refusal's
        sentence names the drug as the full line does (CI on 2b7995f: "acetaminophen
        (paracetamol)" here beside "paracetamol" there for a UK line)."""
        with speaking(self.tables, context.market):
            return self._summary_spoken(context, regimen)

    def _summary_spoken(self, context: RegimenDocument, regimen: list[RegimenItem]) -> Summary:
        tables = self.tables
        set_id = chosen_set_id(tables, context, self.table_id)
        set_ = tables.reference_set(set_id, location="table")
        require_items(regimen)
        chosen = self.prn or context.prn
        stated = chosen is not None
        policy: PrnPolicy = chosen or DEFAULT_PRN_POLICY
        # the full contract's rule for its rows (an unreported as-needed count set aside under
        # 'exclude', review 7 D11), with this pass's cache of normalised items
        items, _ = resolve_regimen(tables, regimen, chosen, normalise=self._daily)
        bases = band_bases(items, policy)
        total, spread = set_and_spread_totals(
            tables, set_id, items, policy, bases, check_uncounted=True
        )
        warnings = mme_warnings(
            tables,
            set_,
            context,
            items,
            total,
            has_prn=any(item.prn for item in regimen),
            prn_stated=stated,
        )
        note = mme_words_note(
            tables, context.market, ((d.drug.id, d.item.route, d.form) for d in items)
        )
        warnings += [note] if note is not None else []  # as the full line's (``spoken_mme``)
        warnings += rescue_size_warnings(tables, items, set_id, context.market, policy)
        warnings += fallback_notes(tables, context, self.table_id, set_id)  # as calculate_mme's
        spread[set_id] = total
        codes = [(w.code, w.severity) for w in sort_warnings(warnings)]
        return Summary(set_id, policy, total, spread, codes)

    def _ref(self, set_id: str) -> dict[str, Any]:
        found = self._refs.get(set_id)
        if found is None:
            found = self._refs[set_id] = self.tables.ref(set_id).model_dump()
        return found


def _shell_fields(raw: Any) -> dict[str, Any] | None:
    """A shell's fields but its (empty) items; None unless it is an object with ``"items": []``."""
    if type(raw) is not dict or raw.get("items") != [] or type(raw["items"]) is not list:
        return None
    return _without_items(raw)


def _item_fields(raw: Any) -> dict[str, Any] | None:
    """An item's fields; None unless it is an object."""
    return raw if type(raw) is dict else None


def _without_items(raw: dict[str, Any]) -> dict[str, Any]:
    """A document's fields but its items (what the shell cache validates)."""
    return {name: value for name, value in raw.items() if name != "items"}


def _whole(document: RegimenDocument) -> tuple[RegimenDocument, list[RegimenItem]]:
    """A document validated whole, as ``_document`` gives it: context and items."""
    return document, document.items


def _number(value: float | None) -> str:
    """A number as ``JSON`` writes it: ``float.__repr__`` for a finite float, null for None."""
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    if value is None:
        return "null"
    return JSON.encode(value)


def _cached(cache: dict[Any, Any], model: type[Model], raw: dict[str, Any]) -> Model:
    """``model.model_validate(raw)``, once per distinct content (raises ValidationError)."""
    types = tuple(map(type, raw.values()))
    # flat, no float: the values and their types are the key
    flat = _FLAT_SHAPES.get(types)
    if flat is None:
        flat = _FLAT.issuperset(types)
        if len(_FLAT_SHAPES) < _CACHE_LIMIT:
            _FLAT_SHAPES[types] = flat
    key: Any = (tuple(raw.items()), types) if flat else _key(raw)
    found = cache.get(key) if key is not None else None
    if found is None:
        found = model.model_validate(raw)
        if key is not None and len(cache) < _CACHE_LIMIT:
            cache[key] = found
    return found


def _key(raw: dict[str, Any]) -> tuple[Any, ...] | None:
    """A mapping's exact content as a cache key (types included), or None if it holds lists."""
    key: list[Any] = []
    for name, value in raw.items():
        if isinstance(value, dict):
            inner = _key(value)
            if inner is None:
                return None
            key.append((name, dict, inner))
        elif isinstance(value, _SCALARS):
            # -0.0 == 0.0, but a signed zero may be printed as given: its text is its key
            key.append((name, type(value), repr(value) if value == 0 else value))
        else:
            return None
    return tuple(key)
