"""The app's sentences for the core's refusals, made from their structured parts.

A refusal (``MpsPainError``) carries a ``location`` (read as a tuple: ``("to", "frequency")``,
``("from", "items", 1, "drug")``), a ``reason`` (a stable code within its ``code``) and a
``context``. This module names the place as the screen does (*Target frequency*, *Current
regimen, row 2: Drug*) and says what to do. It never parses the core's message text: the core's
message is used as written only for a refusal that has no ``reason`` (those are sentences of the
program's own rules), and a pydantic refusal without a sentence here gets a plain generic one.
No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mps_pain.errors import MpsPainError, no_factor_sentence, path_segments
from ui.amount_words import RATE_WORDS
from ui.frequency_words import mixed_dosing_words
from ui.plain_language import (
    FIELD_LABELS,
    field_problem,
    form_words,
    label,
    or_words,
    set_name,
    unit_for_route_words,
    unknown_drug_words,
)

__all__ = ["START_FROM_CURRENT", "path_words", "place_words", "plain_error", "value_words"]

_SIDES = {"from": "Current regimen", "proposed": "Proposed order", "to": "Target"}
_TARGET_LABELS = {
    "drug": "Target drug",
    "route": "Target route",
    "form": "Target form",
    "frequency": "Target frequency",
    "continuous": "Continuous",
    "table": "Reference set",
    "reduction": "Reduction",
    "methadone_method": "Methadone method",
    "methadone_schedule": "Methadone schedule",
}
_DOCUMENT_LABELS = {
    "title": "Regimen title (printed)",
    "note": "Note",
    "table": "Reference set",
    "prn": "As-needed doses counted",
    "market": "Formulary market",
}
#: the other way to write a proposed order, said by the check panel and its refusal of none
START_FROM_CURRENT = "start from the current regimen and change it"
_EMPTY_SIDE = {
    "from": "The current regimen is empty: enter the opioid(s) now given on the Regimen tab "
    "(Ctrl+1) first.",
    "proposed": f"The proposed order is empty: enter it on the right, or {START_FROM_CURRENT}.",
}


def _path(exc: BaseException) -> tuple[str | int, ...]:
    path = getattr(exc, "location_path", None)
    return tuple(path) if isinstance(path, tuple) else ()


def place_words(path: Sequence[str | int], sides: Mapping[str, str] | None = None) -> str:
    """Where a location points, as the screen names it; ``""`` for the document as a whole.

    ``("to", "form")`` → ``Target form``; ``("from", "items", 1, "drug")`` → ``Current regimen,
    row 2: Drug``; ``("items", 0, "daily_dose")`` → ``Row 1: Daily total``."""
    parts = [p for p in path if p != "from_"]
    side = _SIDES.get(str(parts[0])) if parts else None
    own = (sides or {}).get(str(parts[0])) if parts else None
    if own is not None:  # a screen with one row per side names the side its own way
        fields = [str(p) for p in parts[1:] if isinstance(p, str) and p != "items"]
        return f"{own}: {label(fields[-1])}" if fields else own
    if side is not None:
        parts = parts[1:]
    if side == "Target":
        field = str(parts[-1]) if parts else ""
        return _TARGET_LABELS.get(field, label(field)) if field else "Target"
    words: list[str] = [side] if side else []
    if parts[:1] == ["items"]:
        rows = [p for p in parts[1:] if isinstance(p, int)]
        fields = [str(p) for p in parts[1:] if isinstance(p, str)]
        if rows:
            words.append(f"row {rows[0] + 1}")
        place = ", ".join(words)
        place = place[:1].upper() + place[1:]
        return f"{place}: {label(fields[-1])}" if fields and place else place
    if parts[:1] == ["patient"] and len(parts) > 1:
        field = str(parts[-1])  # the header's Patient field is the patient's name or ID
        return "Patient (name or ID)" if field == "identifier" else f"Patient: {label(field)}"
    if parts:
        field = str(parts[-1])
        words.append(_DOCUMENT_LABELS.get(field, label(field)))
    return ", ".join(words)


def _rows_words(rows: Sequence[int]) -> str:
    numbers = [str(r + 1) for r in rows]
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    return "rows " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


def _unreadable_rows(path: Sequence[str | int], context: Mapping[str, Any]) -> str:
    """One sentence: what to do, the rows and their side, then each row's own problem (which
    says what to fix), each row named once (session 17: "The proposed order has row 1 that could
    not be read (marked red) — row 1: … Correct or delete them first: …")."""
    side = str(context.get("side") or (path[0] if path else ""))
    whose = "the " + {"from": "current regimen", "proposed": "proposed order"}.get(side, "regimen")
    rows = tuple(int(r) for r in context.get("rows", ()))
    problems = [str(p).strip() for p in context.get("problems", ())]
    if len(rows) == 1:
        problem = f" — {problems[0]}" if problems else "."
        return f"Correct or delete row {rows[0] + 1} of {whose} (marked red){problem}"
    detail = "; ".join(
        f"row {r + 1}: {p.rstrip('.')}" for r, p in zip(rows, problems, strict=False)
    )
    return f"Correct or delete these rows of {whose} (marked red) — {detail or _rows_words(rows)}."


def _unreadable_patient(path: Sequence[str | int], context: Mapping[str, Any]) -> str:
    """A patient field typed but refused (clinician review 10, #1): named, never "not known"."""
    problems = [str(p).rstrip(".") for p in context.get("problems", ())]
    return (
        "The patient header has a value that could not be read (marked red) — "
        + "; ".join(problems)
        + ". Correct or clear it first: nothing is planned, converted, checked or printed "
        "while it would be taken as not known."
    )


_REASONS: dict[str, Callable[[Sequence[str | int], Mapping[str, Any]], str]] = {
    "unreadable-rows": _unreadable_rows,
    "unreadable-patient": _unreadable_patient,
    "no-opioid": lambda path, ctx: (
        "The proposed order holds no opioid: add the opioid to be given."
        if ctx.get("side") == "proposed"
        else "The current regimen holds no opioid to switch from: enter the opioid now given "
        "on the Regimen tab."
    ),
    "not-an-opioid": lambda path, ctx: (
        f"Target drug: {ctx.get('drug', 'this drug')} is not an opioid; choose an opioid."
    ),
    "route-not-of-drug": lambda path, ctx: (
        f"Target route: {ctx.get('drug', 'this drug')} has no “{ctx.get('route', '')}” route; "
        f"choose {or_words([str(r) for r in ctx.get('routes', ())] or ['another route'])}."
    ),
    "form-ambiguous": lambda path, ctx: (
        f"Target form: choose the form of {ctx.get('drug', 'this drug')}: at "
        f"{ctx.get('frequency')}, {or_words([str(f) for f in ctx['given_at']])}"
        f"{ctx.get('others', '')}."
        if ctx.get("given_at") and ctx.get("frequency")
        else f"Target form: choose the form of {ctx.get('drug', 'this drug')} "
        f"({or_words([str(f) for f in ctx.get('forms', ())])}), or a frequency that implies it."
    ),
    "form-not-of-drug": lambda path, ctx: (
        f"Target form: this is not a {ctx.get('route', '')} form of "
        f"{ctx.get('drug', 'this drug')}; "
        f"choose {or_words([str(f) for f in ctx.get('forms', ())])}."
    ),
    "target-frequency-missing": lambda path, ctx: (
        f"Target frequency: choose how often {ctx.get('drug', 'the new opioid')} is given "
        "(e.g. q4h or q12h), or tick Continuous for a patch or an infusion."
    ),
}


def _pydantic_sentence(reason: str, path: Sequence[str | int], context: Mapping[str, Any]) -> str:
    """A refusal of the request's own shape (pydantic's ``type``), without its English."""
    side = str(path[0]) if path else ""
    if reason == "too_short" and path[-1:] == ("items",) and side in _EMPTY_SIDE:
        return _EMPTY_SIDE[side]
    place = place_words(path) or "This choice"
    if reason in ("missing", "too_short"):
        return f"{place} is empty: fill it in."
    if reason == "extra_forbidden":
        where = place_words(path[:-1])
        key = str(context.get("key", path[-1] if path else ""))
        close = context.get("suggestion")
        text = f"“{key}” is not a field this program reads" + (
            f"; did you mean “{close}”?" if close else "."
        )
        return f"{where}: {text}" if where else text[:1].upper() + text[1:]
    return f"{place} cannot be used as chosen; check it."


def _unknown_drug(exc: Any, path: Sequence[str | int]) -> str:
    suggestions = [str(s) for s in getattr(exc, "suggestions", ())]
    text = unknown_drug_words(str(getattr(exc, "name", "")), suggestions)
    place = place_words(path)
    return f"{place}: {text}" if place else text


def _no_factor(exc: Any, path: Sequence[str | int]) -> str:
    """A set without a factor for the drug, named by its title, with the sets that have one
    (review 3: "Reference set 'jspm-2010' … cover it: fpm-2021, uk-palliative")."""
    text = no_factor_sentence(
        set_name(str(exc.table_id)),
        str(exc.drug),
        str(exc.route),
        form_words(getattr(exc, "form", None)) or None,
        [set_name(str(s)) for s in getattr(exc, "covered_by", ())],
        getattr(exc, "purpose", None),
    )
    # the sentence names the set, the drug and the route itself: a place is said only for a
    # row ("Current regimen, row 2"), never a field label before a set's name (review 7 #8:
    # "Target drug: UK palliative care ratios has no conversion factor …")
    rows = [p for p in path if isinstance(p, int)]
    place = place_words(path[: path.index(rows[0]) + 1]) if rows else ""
    return f"{place}: {text}" if place else text


def _typed_value(path: Sequence[str | int], context: Mapping[str, Any], sides: Any) -> str:
    """A typed value refused by a field's own check: the app's sentence for that field and text,
    after the side and row it is on."""
    field = next(str(p) for p in reversed(path) if str(p) in FIELD_LABELS)
    sentence = field_problem(field, str(context["input"]))
    where = place_words([p for p in path if str(p) != field], sides)
    return f"{where} — {sentence}" if where else sentence


def _said_plainly(message: str) -> str:
    """Sets by their names, sources by their wording: the core's one rule (``said_plainly``),
    as the command line says the same refusal (clinician re-check 18b #5)."""
    # start-up seam: the tables (pydantic) load after the first paint (ui/app.py)
    from mps_pain.presentation.set_names import said_plainly
    from mps_pain.tables.loader import get_tables

    try:
        tables = get_tables()
    except MpsPainError:  # the tables themselves refused: the sources' wording only
        tables = None
    return said_plainly(message, tables)


def plain_error(exc: BaseException, *, sides: Mapping[str, str] | None = None) -> str:
    """A refusal from the core as a clinician's sentence (see the module's docstring).

    ``sides``: how a screen with one row per side names them (the converter: ``{"from":
    "From"}``); by default ``Current regimen, row 2``."""
    path = _path(exc)
    reason = getattr(exc, "reason", None)
    context = getattr(exc, "context", None) or {}
    if reason in _REASONS:
        return _REASONS[reason](path, context)
    words = {"unit_for_route": unit_for_route_words, **RATE_WORDS}.get(str(reason))
    if words is not None and context.get("fields"):
        field = str(context["fields"][0])
        sentence = words(field, context, {})
        where = place_words([p for p in path if str(p) != field], sides)
        return f"{where} — {sentence}" if where else sentence
    if getattr(exc, "code", None) == "unknown-drug":
        return _unknown_drug(exc, path)
    if getattr(exc, "code", None) == "no-factor":
        return _no_factor(exc, path)
    typed = isinstance(context.get("input"), str)
    if reason == "value_error" and typed and any(str(p) in FIELD_LABELS for p in path):
        return _typed_value(path, context, sides)
    if reason == "mixed_dosing" and context.get("fields"):
        return _mixed_dosing(path, context, sides)
    if reason is not None and reason != "value_error" and "_" in reason:
        return _pydantic_sentence(reason, path, context)
    message = _said_plainly(str(getattr(exc, "message", "") or exc))
    text = message[:1].upper() + message[1:]
    place = place_words(path, sides)
    return f"{place}: {text}" if place else text


def _mixed_dosing(
    path: Sequence[str | int], context: Mapping[str, Any], sides: Mapping[str, str] | None
) -> str:
    """A row with two ways of dosing, in the words its table uses (``mixed_dosing_words``)."""
    fields = [str(f) for f in context["fields"]]
    amount = context.get("amount", "")
    row = {"daily_dose": amount, "rate": amount}
    shape = str(context.get("shape", ""))
    _field, sentence = mixed_dosing_words(fields, or_words([label(f) for f in fields]), row, shape)
    place = place_words(path, sides)
    return f"{place}: {sentence}" if place else sentence


def path_words(path: str, drug: str | None = None) -> str:
    """A regimen diff path in words: ``items[0].daily_dose`` → ``Row 1: Daily total`` (with the
    row's ``drug``: ``Row 1 (oxycodone): Daily total``); ``patient.egfr`` → ``Patient: eGFR``;
    ``title`` → ``Title``."""
    parts = path_segments(path)
    if drug and parts[:1] == ("items",) and len(parts) > 1 and isinstance(parts[1], int):
        row = f"Row {parts[1] + 1} ({drug})"
        fields = [p for p in parts[2:] if isinstance(p, str)]
        return f"{row}: {label(fields[-1])}" if fields else row
    return place_words(list(parts))


def value_words(value: str | None) -> str:
    """A diffed value as shown: ``True``/``False`` → yes/no; nothing → —."""
    if value is None or value == "None":
        return "—"
    return {"True": "yes", "False": "no"}.get(value, value)
