"""The app's words for the core's structured errors: column names, examples in the field's unit.

The core reports a problem as a location (a tuple of field names and indices), a code and a
context. This module turns those into a sentence a clinician reads: it never parses the core's
message text and never shows a field id, a JSON path, a table row path or a pydantic phrase.
No Qt here, and no clinical number: default units are display conventions (a fentanyl patch is
written in mcg/h, an infusion in mg/h), not conversion factors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mps_pain.echo import excerpt
from mps_pain.errors import MpsPainError
from mps_pain.numbers import refuse_exponent
from mps_pain.tables.form_spelling import form_label
from ui.amount_words import RATE_WORDS
from ui.frequency_words import as_needed_dose_words, mixed_dosing_words, unknown_frequency_words
from ui.patient_words import age_words, comma_words, patient_amount_words, read_alone

__all__ = [
    "FIELD_LABELS",
    "QUANTITY_FIELDS",
    "PlainError",
    "default_unit",
    "example_for",
    "excluded_message",
    "field_problem",
    "form_words",
    "kept_amount_words",
    "location_field",
    "or_words",
    "patient_message",
    "row_error",
    "set_short_name",
    "unit_for_route_words",
    "unknown_drug_words",
]

FIELD_LABELS: Mapping[str, str] = {
    "drug": "Drug",
    "route": "Route",
    "form": "Form",
    "dose": "Dose",
    "frequency": "Frequency",
    "rate": "Rate",
    "daily_dose": "Daily total",
    "concentration": "Concentration",
    "prn": "PRN",
    "doses_per_day": "Taken/24 h",
    "note": "Note",
    "identifier": "Patient",
    "age": "Age",
    "weight": "Weight",
    "egfr": "eGFR",
    "creatinine_clearance": "Creatinine clearance",
    "qtc": "QTc",
    "hepatic_impairment": "Hepatic impairment",
}
_MICROGRAM_DRUGS = frozenset({"fentanyl", "sufentanil", "alfentanil", "remifentanil"})
# the regimen fields that hold a quantity (a number and its unit)
QUANTITY_FIELDS = frozenset({"dose", "rate", "daily_dose", "concentration"})
_PATIENT_UNITS = {"egfr": "mL/min", "creatinine_clearance": "mL/min", "qtc": "ms", "weight": "kg"}
_EXAMPLE_NUMBERS = {
    "mg": "10",
    "mcg": "100",
    "mL": "5",
    "mg/h": "2",
    "mcg/h": "25",
    "mg/day": "60",
    "mg/mL": "10",
    "mL/min": "45",
    "ms": "440",
    "kg": "60",
}
_DOSING = frozenset({"dose", "frequency", "rate", "daily_dose", "doses_per_day"})
_SHAPE_WORDS = {
    "scheduled": "a regular dose needs a Dose and a Frequency",
    "continuous": "a patch or infusion needs its Rate",
    "total": "a daily total needs the Daily total",
    "prn": "an as-needed dose needs a Dose and the number Taken/24 h",
}


@dataclass(frozen=True, slots=True)
class PlainError:
    """A sentence for a person and the field (column) it belongs to; None: the row as a whole."""

    field: str | None
    message: str


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def _in_sentence(name: str) -> str:
    """``Daily total`` → ``the daily total``; ``eGFR`` and ``QTc`` keep their capitals."""
    return f"the {name.lower()}" if name[1:] == name[1:].lower() else name


def set_name(set_id: str) -> str:
    """A reference set by its name (the shipped tables), or as written when it is not one."""
    # start-up seam: the tables (pydantic) load after the first paint (ui/app.py)
    from mps_pain.tables.loader import get_tables

    try:
        return get_tables().reference_set(set_id, location=None).name
    except MpsPainError:
        return set_id


def set_short(set_id: str) -> str:
    """A reference set by its short name (the shipped tables), or as written when not one."""
    # start-up seam: the tables (pydantic) load after the first paint (ui/app.py)
    from mps_pain.tables.loader import get_tables

    try:
        tables = get_tables()
        set_ = tables.reference_set(set_id, location=None)
    except MpsPainError:
        return set_id
    return set_short_name(set_.name, tables.tables.sources[set_.citation.source].label)


def set_short_name(name: str, source_label: str) -> str:
    """A set's name short enough for a chart row: its name before any bracket, or its source."""
    head = name.split(" (")[0].strip()
    return head if len(head) <= 30 else source_label


def form_words(form: str | None) -> str:
    """``er``/``ir`` → modified-/immediate-release (the converter's full words); other forms by
    the catalogue's one rule (``form_label``: ``oral_solution`` → ``oral solution``)."""
    if not form:
        return ""
    return {"er": "modified-release", "ir": "immediate-release"}.get(form) or form_label(form)


def default_unit(field: str, row: Mapping[str, Any] | None = None) -> str:
    """The unit a new value of this field is most likely written in, for this drug and route."""
    row = row or {}
    drug = str(row.get("drug") or "").strip().lower()
    route = str(row.get("route") or "").strip().lower()
    micrograms = drug in _MICROGRAM_DRUGS or (drug == "buprenorphine" and route == "transdermal")
    if field in _PATIENT_UNITS:
        return _PATIENT_UNITS[field]
    if field == "rate":
        return "mcg/h" if route == "transdermal" or micrograms else "mg/h"
    if field == "dose":
        return "mcg" if micrograms else "mg"
    if field == "daily_dose":  # a patch's is its rate (clinician review 11, #6)
        return "mcg/h" if route == "transdermal" else "mg/day"
    if field == "concentration":
        return "mg/mL"
    return ""


def example_for(field: str, row: Mapping[str, Any] | None = None) -> str:
    unit = default_unit(field, row)
    if unit:
        return f"{_EXAMPLE_NUMBERS.get(unit, '10')} {unit}"
    return {
        "frequency": "q4h, q12h or bid",
        "doses_per_day": "4",
        "drug": "morphine",
        "route": "oral",
        "age": "70",
    }.get(field, "")


def _eg(field: str, row: Mapping[str, Any] | None) -> str:
    return f", e.g. {example}" if (example := example_for(field, row)) else ""


def _names(fields: Sequence[str]) -> str:
    labels = [label(f) for f in fields]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def or_words(names: Sequence[str]) -> str:
    """``a, b or c`` (each name starting in lower case, as inside a sentence)."""
    names = [n[:1].lower() + n[1:] for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def kept_amount_words(typed_for: str, now: str, *, field: str, confirm: str, until: str) -> str:
    """An amount typed for one drug, kept when the drug was changed (clinician review 3): it is
    kept, never silently used for the new drug. ``confirm``: how to confirm it on this screen;
    ``until``: what is withheld until then."""
    what = label(field).lower()
    return (
        f"{label(field)} kept from {typed_for}: confirm it is the {now} {what} ({confirm}), "
        f"or type the new {what}. {until}"
    )


def unknown_drug_words(typed: str, suggestions: Sequence[str]) -> str:
    """The one sentence for a drug name the catalogue does not know, with close names."""
    typed = typed.strip()
    shown = excerpt(typed, 60)  # the one echo rule: its start and its true length
    hint = f" Did you mean {or_words(suggestions)}?" if suggestions else ""
    return f"“{shown}” is not a drug this program knows.{hint}"


def _quantity_problem(field: str, text: str, row: Mapping[str, Any]) -> str:
    # start-up seam: loaded on first use, after the first paint (ui/app.py)
    from mps_pain.presentation.dosing_hints import per_time_dose_words
    from mps_pain.units import UnitParseError, parse_quantity

    name, eg = label(field), _eg(field, row)
    try:
        refuse_exponent(text, text, "")  # a test only: the words are built here
    except ValueError:  # "10e1 mg" was read as 100 mg (pharmacist review 5b, item 6)
        return (
            f"{name}: “{text}” writes the number in exponent notation. Type the amount in plain "
            f"digits{_eg(field, row)}."
        )
    try:
        quantity = parse_quantity(text)
    except (UnitParseError, ValueError):  # "5 mg prn": the PRN tick (clinician review 15, #9)
        said = comma_words(name, text) or as_needed_dose_words(name, text)  # a comma: N6
        return said or f"{name}: “{text}” is not an amount. Type a number and a unit{eg}."
    if quantity.value <= 0:
        return f"{name} must be more than zero{_eg(field, row)}."
    plain = f"{name}: {quantity.unit} is not a unit for {_in_sentence(name)}{_eg(field, row)}."
    return (field == "dose" and per_time_dose_words(quantity.unit, example_for, row)) or plain


def unit_for_route_words(field: str, ctx: Mapping[str, Any], row: Mapping[str, Any]) -> str:
    """The core's "not a unit for this route" (``unit_kinds.daily_total_kind``) in words."""
    name = label(field)
    return (
        f"{name}: {ctx.get('unit', '')} is a rate per hour (a patch or an infusion); "
        f"{_in_sentence(name)} by the {ctx.get('route', '')} route is in "
        f"{or_words(str(ctx.get('units', '')).split(', '))}{_eg(field, row)}."
    )


def _field_problem(field: str, code: str, row: Mapping[str, Any]) -> str:
    text = str(row.get(field, "")).strip()
    name = label(field)
    if not text and field in ("drug", "route", "form", "frequency"):
        return f"{name} is empty: choose one from the list (Alt+Down){_eg(field, row)}."
    if field in QUANTITY_FIELDS or field in _PATIENT_UNITS:
        return _quantity_problem(field, text, row)
    if field == "frequency":
        return unknown_frequency_words(text)
    if field == "route":
        return f"Route: “{text}” is not a route. Choose one from the list (Alt+Down)."
    if code == "missing":
        return f"Choose the {name.lower()}{_eg(field, row)}."
    if field == "doses_per_day":
        try:
            float(text)
            refuse_exponent(text, text, "")  # a test only: the words are built here
        except ValueError:
            return (
                f"Taken/24 h: “{text}” is not a number. Enter the as-needed doses taken in "
                "24 hours, e.g. 4 (0 if none), or “not reported”."
            )
        return "Taken/24 h must be between 0 and 96 doses."
    if field == "age":
        return age_words(text)
    return f"{name}: “{text}” cannot be used{_eg(field, row)}."


def row_error(
    row: Mapping[str, Any],
    loc: tuple[int | str, ...],
    code: str,
    ctx: Mapping[str, Any] | None,
    *,
    edited: str | None = None,
) -> PlainError:
    """The first problem of a regimen row, as a sentence on the right column."""
    ctx = ctx or {}
    field = next((str(p) for p in loc if isinstance(p, str) and p in FIELD_LABELS), None)
    words = {"unit_for_route": unit_for_route_words, **RATE_WORDS}.get(code)
    if words is not None and (named := field or next(iter(ctx.get("fields", ())), None)):
        return PlainError(str(named), words(str(named), ctx, row))
    if field is not None:
        return PlainError(field, _field_problem(field, code, row))
    fields = tuple(str(f) for f in ctx.get("fields", ()))
    if code == "missing_dosing" and fields:
        shape = str(ctx.get("shape", ""))
        emptied = edited in _DOSING and not str(row.get(edited or "", "")).strip()
        target = edited if emptied and edited is not None else fields[0]
        because = _SHAPE_WORDS.get(shape, "")
        if target not in fields:
            return PlainError(
                target,
                f"{label(target)} is empty{_eg(target, row)}. Enter it, or give the dosing "
                "another way (Dose and Frequency, Rate, or Daily total).",
            )
        from mps_pain.presentation.dosing_hints import row_hint  # start-up seam: after paint

        if (hint := row_hint(row, shape, example_for)) is not None:
            return PlainError(hint[0] or target, hint[1])
        return PlainError(target, f"Enter the {_names(fields)}{_eg(target, row)}: {because}.")
    if code == "mixed_dosing" and fields:
        shape = str(ctx.get("shape", ""))
        return PlainError(*mixed_dosing_words(fields, _names(fields), row, shape))
    if code == "missing_concentration":
        return PlainError(
            "concentration",
            f"A volume needs the Concentration{_eg('concentration', row)}.",
        )
    if code == "unused_concentration":
        return PlainError(
            "concentration",
            "Concentration is only for a Dose or Rate in mL; clear it or enter the volume.",
        )
    return PlainError(None, "This row cannot be used as written; check each cell.")


def field_problem(field: str, text: str, row: Mapping[str, Any] | None = None) -> str:
    """Why a typed value cannot be used, headed by the field's name (``Dose: “abc” is not an
    amount…``), from the text itself: never from a message of the core."""
    return _field_problem(field, "value_error", {**(row or {}), field: text})


def patient_message(field: str, text: str) -> str:
    """Why a patient field was refused, with an example in the field's own unit."""
    if field in _PATIENT_UNITS:  # what the header reads, said (re-check 17b #8)
        said = patient_amount_words(label(field), text, _PATIENT_UNITS[field], _eg(field, {}))
        return said or _quantity_problem(field, read_alone(text, _PATIENT_UNITS[field]), {})
    return _field_problem(field, "value_error", {field: text})


def location_field(location: object) -> str | None:
    """The row field a core location names: ``("items", 2, "rate")`` (or its older dotted text)."""
    parts: Sequence[object]
    if isinstance(location, tuple):
        parts = location
    elif isinstance(location, str):
        parts = location.replace("[", ".").replace("]", "").split(".")
    else:
        return None
    return next((str(p) for p in reversed(parts) if str(p) in FIELD_LABELS), None)


def excluded_message(
    code: str,
    row: Mapping[str, Any],
    *,
    set_name: str,
    core_message: str,
    location: object = None,
    suggestions: Sequence[str] = (),
) -> PlainError:
    """Why the engine left a valid row out (unknown drug, no factor in the set, a unit slip)."""
    field = location_field(location)
    drug = str(row.get("drug") or "this drug")
    route = str(row.get("route") or "")
    if code == "unknown-drug":
        typed = str(row.get("drug") or "")
        return PlainError("drug", f"Drug: {unknown_drug_words(typed, suggestions)}")
    if code == "no-factor":
        form = form_words(str(row.get("form") or ""))
        what = f"{drug} ({route} route{', ' + form if form else ''})"
        return PlainError(
            "route",
            f"{set_name} has no conversion factor for {what}. Choose another reference set "
            "(the chart shows which sets cover it) or another route.",
        )
    if code == "implausible-amount":
        shown = next(
            (f for f in ("daily_dose", "rate", "dose") if str(row.get(f, "")).strip()), "dose"
        )
        # the core's sentence says which way the amount is out and guesses a unit slip only
        # when the ratio suggests one (plausibility.slip_guess; fuzz review 5, D4)
        return PlainError(shown, f"{label(shown)}: {core_message}")
    if code == "invalid-input" and field == "route":
        return PlainError(
            "route",
            f"Route: {drug} has no {route} route in the catalogue. Choose one from the list "
            "(Alt+Down).",
        )
    if code == "invalid-input" and field == "form":
        return PlainError(
            "form",
            f"Form: “{str(row.get('form') or '').strip()}” is not a form of {drug} by the "
            f"{route} route. Choose one from the list (Alt+Down).",
        )
    if code == "patch-rate-required":
        # start-up seam: the presentation package loads after the first paint
        from mps_pain.presentation.dosing_hints import PATCH_BY_RATE

        return PlainError(
            "rate",
            f"Rate: a {drug} patch {PATCH_BY_RATE} (e.g. 25 mcg/h), not as a dose every 72 h; "
            "what a patch contains is not its rate. Enter the Rate and clear Dose and Frequency.",
        )
    # a left-out row the words above do not cover: framed on the cell the core's location
    # names (the Drug cell only when it names none)
    return PlainError(field, f"This row cannot be counted under {set_name}; check each cell.")
