"""The editor's state: the domain RegimenDocument plus the rows a person is still typing.

A ``RegimenDocument`` is frozen and only ever holds valid items. While someone types, a row can be
incomplete or wrong (``10 kg/h``, an unknown frequency). ``EditorState`` keeps every row as the
user wrote it (``raw``) together with its validated ``RegimenItem``, or the domain's message when
it does not validate. ``state.document`` always holds exactly the valid items, in row order: it is
what is computed, saved and printed. Every function here returns a new state (undo stores them).

This module has no Qt and computes no clinical number: validation is the domain model's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from mps_pain.domain.proposed_order import proposed_line_fields
from mps_pain.domain.regimen import Patient, RegimenDocument, RegimenItem
from mps_pain.errors import NoConversionFactorError
from mps_pain.numbers import plain_digits
from mps_pain.presentation.changed_after_apply import fields_after_edit
from ui.plain_language import (
    QUANTITY_FIELDS,
    PlainError,
    excluded_message,
    kept_amount_words,
    row_error,
)
from ui.typed_for import DrugId, amount_of, same_drug, typed_for_after

if TYPE_CHECKING:
    from mps_pain.domain.results import MmeResult

__all__ = [
    "ITEM_FIELDS",
    "QUANTITY_FIELDS",
    "EditorState",
    "LeftOut",
    "RowEntry",
    "RowError",
    "blank_state",
    "item_to_raw",
    "patient_raw_of",
    "state_from_document",
    "validate_raw",
    "with_amount_confirmed",
    "with_cell",
    "with_document_fields",
    "with_item_inserted",
    "with_row_duplicated",
    "with_row_inserted",
    "with_row_moved",
    "with_row_removed",
]

ITEM_FIELDS: tuple[str, ...] = (
    "drug",
    "route",
    "form",
    "dose",
    "frequency",
    "rate",
    "daily_dose",
    "concentration",
    "prn",
    "doses_per_day",
    "note",
    "first_part",  # no column: the plan's first part a row Apply wrote carries (re-check 20c, M1)
    "changed_from_plan",  # no column: the dose Apply wrote, once changed (re-check 20c, L2)
    "stops_after",  # no column: when a line the plan keeps stops (clinician review 21, N1)
)
INCOMPLETE_MESSAGE = "New row: choose the drug, route and dose (not counted until filled in)."


@dataclass(frozen=True, slots=True)
class RowError:
    """Why a row is not in the document: the field at fault (None: the row as a whole).

    ``incomplete``: a new row nobody has typed in yet. It is not counted, and it is not a danger.
    ``unconfirmed``: the row's amount was typed for another drug (the drug was changed after it);
    it is not counted until the amount is re-entered or confirmed (clinician review 3).
    """

    field: str | None
    message: str
    incomplete: bool = False
    unconfirmed: bool = False
    #: (field, sentence) of the row's other refused cells: every one is marked at once
    #: (clinician review 8 #9: a refused Daily total went unmarked while the Rate was refused)
    others: tuple[tuple[str, str], ...] = ()

    def on(self, name: str) -> str | None:
        """Why the cell ``name`` is refused (the row as a whole shows on Drug), else None."""
        if self.field == name or (self.field is None and name == "drug"):
            return self.message
        return next((message for field, message in self.others if field == name), None)


@dataclass(frozen=True, slots=True)
class RowEntry:
    """A row as typed, its valid item (None: not counted) and why not. ``typed_for``: the drug
    the row's amount was typed for while the row now names another one (None: confirmed)."""

    raw: Mapping[str, Any]
    item: RegimenItem | None
    error: RowError | None
    typed_for: str | None = None
    #: field → the text typed in its amount box when the editor added the unit list's unit: a
    #: refused cell shows it exactly as typed ("-5", not "-5 mcg/h"; clinician review 5)
    typed: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An item the engine left out of a total: its row (None: not on screen) and why."""

    row: int | None
    code: str
    plain: PlainError


@dataclass(frozen=True, slots=True)
class EditorState:
    """Header fields and valid items (``document``) plus every row as typed (``rows``)."""

    document: RegimenDocument
    rows: tuple[RowEntry, ...]
    patient_errors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    patient_raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: a proposed order's rows, read by the core's rule for a proposed line (review 16, #2)
    orders: bool = False

    @property
    def document_rows(self) -> tuple[int, ...]:
        """View row of each document item: ``document.items[k]`` is row ``document_rows[k]``."""
        return tuple(r for r, entry in enumerate(self.rows) if entry.item is not None)

    def row_of_item(self, item_index: int | None) -> int | None:
        rows = self.document_rows
        if item_index is None or not 0 <= item_index < len(rows):
            return None
        return rows[item_index]

    def invalid_rows(self) -> list[tuple[int, RowError]]:
        """Rows refused by the domain (a blank new row is not one of them)."""
        return [
            (r, e.error)
            for r, e in enumerate(self.rows)
            if e.error is not None and not e.error.incomplete
        ]

    def unreadable_rows(self, result: MmeResult | None) -> list[int]:
        """The rows (from 1, as the screen numbers them) that cannot be read: refused by the
        editor, which never reach the engine, or by the engine, never the set's gap (what
        ``no_total_words`` says in place of a total no opioid row adds to)."""
        rows = {r for r, _ in self.invalid_rows()}
        for excluded in result.excluded if result is not None else ():
            row = self.row_of_item(excluded.index)
            if row is not None and excluded.code != NoConversionFactorError.code:
                rows.add(row)
        return sorted(row + 1 for row in rows)

    def left_out(self, result: MmeResult) -> list[LeftOut]:
        """The items ``result`` leaves out, each with its row and the app's sentence for why
        (every view of them reads this: the warnings, the table, the results and the PDF)."""
        found = []
        for excluded in result.excluded:
            row = self.row_of_item(excluded.index)
            plain = excluded_message(
                excluded.code,
                self.rows[row].raw if row is not None else {},
                set_name=result.table_name,
                core_message=excluded.message,
                location=excluded.location,
                suggestions=excluded.suggestions,
            )
            found.append(LeftOut(row, excluded.code, plain))
        return found

    def incomplete_rows(self) -> list[int]:
        """New rows nobody has typed in yet."""
        return [r for r, e in enumerate(self.rows) if e.error is not None and e.error.incomplete]


def _quantity_text(value: Any) -> str:
    if isinstance(value, dict):
        return f"{plain_digits(value['value'])} {value['unit']}"
    return str(value)


def item_to_raw(item: RegimenItem) -> dict[str, Any]:
    """The item as the editor shows it: quantities as ``"10 mg"``, empty fields as ``""``."""
    dumped = item.model_dump(mode="json")
    raw: dict[str, Any] = {}
    for name in ITEM_FIELDS:
        value = dumped.get(name)
        if name in ("prn", "first_part", "stops_after"):
            raw[name] = bool(value) if name == "prn" else (value or "")
        elif value is None:
            raw[name] = ""
        elif name in QUANTITY_FIELDS:
            raw[name] = _quantity_text(value)
        elif name == "doses_per_day":
            raw[name] = plain_digits(value) if isinstance(value, int | float) else str(value)
        else:
            raw[name] = str(value)
    return raw


def _candidate(raw: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ITEM_FIELDS:
        value = raw.get(name)
        if name == "prn":
            if value:
                out[name] = True
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        out[name] = value.strip() if isinstance(value, str) else value
    return out


def _is_blank(raw: Mapping[str, Any]) -> bool:
    return not _candidate(raw)


def validate_raw(
    raw: Mapping[str, Any],
    *,
    edited: str | None = None,
    typed_for: str | None = None,
    orders: bool = False,
) -> RowEntry:
    """Validate one row with the domain model; keep its first problem, in plain words.

    The field at fault comes from the domain's structured location and code (never from its
    message text); ``edited`` is the cell just changed, so an emptied cell is the one named.
    ``typed_for``: the drug the amount was typed for, when the row now names another: a row
    that is otherwise valid then waits for its amount to be confirmed, and is not counted.
    ``orders``: a row of a proposed order, read as the check reads a proposed line.
    """
    frozen = MappingProxyType(dict(raw))
    if _is_blank(raw):
        return RowEntry(frozen, None, RowError("drug", INCOMPLETE_MESSAGE, incomplete=True))
    try:
        fields = _candidate(raw)
        item = RegimenItem.model_validate(proposed_line_fields(fields) if orders else fields)
    except ValidationError as exc:
        plains = [
            row_error(raw, tuple(e["loc"]), e["type"], e.get("ctx"), edited=edited)
            for e in exc.errors(include_url=False)
        ]
        first = plains[0]  # each other refused field once, its first sentence
        others = {p.field: p.message for p in plains[:0:-1] if p.field not in (None, first.field)}
        error = RowError(first.field, first.message, others=tuple(others.items()))
        return RowEntry(frozen, None, error, typed_for)
    if typed_for is not None:
        return RowEntry(frozen, None, _unconfirmed(raw, typed_for), typed_for)
    return RowEntry(frozen, item, None)


def _unconfirmed(raw: Mapping[str, Any], typed_for: str) -> RowError:
    field = amount_of(raw) or "dose"
    message = kept_amount_words(
        typed_for,
        str(raw.get("drug") or "").strip(),
        field=field,
        confirm="press Enter on the cell",
        until="Not counted until then.",
    )
    return RowError(field, message, unconfirmed=True)


def _rebuild(state: EditorState, rows: tuple[RowEntry, ...]) -> EditorState:
    items = [entry.item for entry in rows if entry.item is not None]
    document = state.document.model_copy(update={"items": items})
    return replace(state, document=document, rows=rows)


def state_from_document(document: RegimenDocument, *, orders: bool = False) -> EditorState:
    rows = tuple(
        RowEntry(MappingProxyType(item_to_raw(item)), item, None) for item in document.items
    )
    patient = MappingProxyType(patient_raw_of(document.patient))
    return EditorState(document, rows, MappingProxyType({}), patient, orders)


def blank_state(
    *, table: str | None = None, prn: str | None = None, orders: bool = False
) -> EditorState:
    document = RegimenDocument.model_validate({"table": table, "prn": prn})
    return state_from_document(document, orders=orders)


def with_cell(
    state: EditorState,
    row: int,
    name: str,
    value: Any,
    *,
    drug_id: DrugId | None = None,
    typed: str | None = None,
) -> EditorState:
    """Set one cell. ``drug_id`` reads a typed drug name as the catalogue's drug (a change from
    "MST Continus" to "morphine" is no change of drug); without it names are compared as typed.
    ``typed``: the amount as typed when ``value`` has the unit list's unit added."""
    entry = state.rows[row]
    raw = dict(entry.raw)
    raw[name] = value
    raw.update(fields_after_edit(entry.raw, name, value))  # an applied row edited (20b N11)
    if name == "drug" and not same_drug(
        str(value or ""), str(entry.raw.get("drug") or ""), drug_id
    ):
        raw.pop("note", None)  # the old drug's note is not the new drug's (review 8 #7)
        raw.update(first_part="", changed_from_plan="", stops_after="")  # nor the plan's (20c)
    rows = list(state.rows)
    typed_for = typed_for_after(entry.raw, entry.typed_for, name, value, drug_id)
    unknown = drug_id is not None and drug_id(str(raw.get("drug") or "").strip()) is None
    if typed_for is not None and unknown:  # a name to correct first (the engine says which)
        rows[row] = replace(
            validate_raw(raw, edited=name, orders=state.orders), typed_for=typed_for
        )
    else:
        rows[row] = validate_raw(raw, edited=name, typed_for=typed_for, orders=state.orders)
    kept = {key: text for key, text in entry.typed.items() if key != name}
    if typed is not None and typed != value:
        kept[name] = typed
    rows[row] = replace(rows[row], typed=MappingProxyType(kept))
    return _rebuild(state, tuple(rows))


def with_amount_confirmed(state: EditorState, row: int) -> EditorState:
    """The row's kept amount confirmed as the dose of the drug it now names."""
    rows = list(state.rows)
    rows[row] = validate_raw(state.rows[row].raw, orders=state.orders)
    return _rebuild(state, tuple(rows))


def with_row_inserted(
    state: EditorState,
    row: int,
    raw: Mapping[str, Any] | None = None,
    *,
    typed_for: str | None = None,
) -> EditorState:
    blank = {name: (False if name == "prn" else "") for name in ITEM_FIELDS}
    rows = list(state.rows)
    entry = validate_raw(
        raw if raw is not None else blank, typed_for=typed_for, orders=state.orders
    )
    rows.insert(row, entry)
    return _rebuild(state, tuple(rows))


def with_item_inserted(state: EditorState, row: int, item: RegimenItem) -> EditorState:
    """Insert an already valid item (e.g. from a switching plan) without re-parsing its text."""
    rows = list(state.rows)
    rows.insert(row, RowEntry(MappingProxyType(item_to_raw(item)), item, None))
    return _rebuild(state, tuple(rows))


def with_row_removed(state: EditorState, row: int) -> EditorState:
    rows = list(state.rows)
    del rows[row]
    return _rebuild(state, tuple(rows))


def with_row_duplicated(state: EditorState, row: int) -> EditorState:
    entry = state.rows[row]  # a copy of a row waiting for its amount to be confirmed waits too
    return with_row_inserted(state, row + 1, entry.raw, typed_for=entry.typed_for)


def with_row_moved(state: EditorState, row: int, target: int) -> EditorState:
    rows = list(state.rows)
    entry = rows.pop(row)
    rows.insert(target, entry)
    return _rebuild(state, tuple(rows))


def with_document_fields(state: EditorState, **changes: Any) -> EditorState:
    """Change header fields (``table``, ``prn``, ``market``, ``title``, ``note``)."""
    document = RegimenDocument.model_validate({**state.document.model_dump(mode="json"), **changes})
    return replace(state, document=document)


def patient_raw_of(patient: Patient) -> dict[str, Any]:
    """Patient fields as the header shows them (quantities as ``"45 mL/min"``)."""
    raw: dict[str, Any] = {}
    for key, value in patient.model_dump(mode="json").items():
        if value is None:
            continue
        raw[key] = _quantity_text(value) if isinstance(value, dict) else value
    return raw
