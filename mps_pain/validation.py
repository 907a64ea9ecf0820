"""Turn pydantic validation errors on user documents into InputError with a field path."""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from mps_pain.document_kinds import other_kind, other_kind_words
from mps_pain.errors import DocumentFormatError, InputError
from mps_pain.json_kinds import as_written, json_kind, keys_in_words
from mps_pain.locations import location_text
from mps_pain.plural import counted
from mps_pain.units import excerpt

__all__ = [
    "NOT_TEXT",
    "document_keys",
    "field_names",
    "format_location",
    "input_error",
    "lone_surrogate_at",
    "missing_key",
    "more_problems",
    "plain_words",
    "refuse_lone_surrogates",
    "refuse_other_document",
    "unknown_key",
    "validate_model",
]

M = TypeVar("M", bound=BaseModel)


def format_location(loc: tuple[int | str, ...], prefix: str = "") -> str:
    """``('items', 2, 'rate')`` → ``items[2].rate`` (``locations.location_text``), without
    pydantic's internal union and validator labels, which are not fields."""
    return location_text(
        (
            element
            for element in loc
            if isinstance(element, int)
            or not (element.startswith("function-") or element in ("str", "dict"))
        ),
        prefix,
    )


def document_keys(model: type[BaseModel]) -> list[str]:
    """The keys of ``model`` as a document writes them: a field's alias where it has one
    (``from``, never the Python name ``from_``: outside fuzz review 5, R3)."""
    return [info.alias or name for name, info in model.model_fields.items()]


def field_names(*models: type[BaseModel]) -> set[str]:
    """All keys of these models and the models they contain, as a document writes them
    (``document_keys``). Each caller gets its own set; the walk is done once per models (a
    model's fields do not change once it is built, and each request validated named them)."""
    return set(_field_names(models))


@cache
def _field_names(models: tuple[type[BaseModel], ...]) -> frozenset[str]:
    names: set[str] = set()
    pending = list(models)
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
            annotation = info.annotation
            for candidate in (annotation, *getattr(annotation, "__args__", ())):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    pending.append(candidate)
                for inner in getattr(candidate, "__args__", ()):
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        pending.append(inner)
    return frozenset(names)


def missing_key(name: str) -> str:
    return f"required key '{name}' is missing"


def unknown_key(name: str) -> str:
    return f"unknown key '{name}'"


def more_problems(count: int) -> str:
    """`` (and 2 more problems)`` after the first problem of a document; empty for none."""
    return f" (and {count} more problem{'s' if count > 1 else ''})" if count else ""


#: refusals made once a whole row is read (a model's own check) but about one of its fields,
#: which their context names: located at that field (a rate by a route that takes none,
#: ``domain/bare_rate.rate_not_for_route``: ``items[0].rate``, not ``items[0]``)
_AT_THEIR_FIELD = frozenset({"rate_not_for_route"})


def input_error(exc: ValidationError, *, known_keys: set[str], prefix: str = "") -> InputError:
    """The first problem, as a sentence naming the field; counts the others."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
    fields = tuple((first.get("ctx") or {}).get("fields", ()))
    if first["type"] in _AT_THEIR_FIELD and fields and loc[-len(fields) :] != fields:
        loc = (*loc, *fields)
    if first["type"] == "invalid_key":  # the key is no place: the mapping that holds it is
        loc = loc[:-1]
    location = format_location(loc, prefix)
    kind = first["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        shown = excerpt(key)
        hint: dict[str, object] = {"key": shown}
        if key in known_keys:
            message = f"'{shown}' is not a key at this level of the document"
        else:
            # difflib is quadratic in the length: no suggestion for a key no known key is near
            close = (
                difflib.get_close_matches(key, sorted(known_keys), n=1) if len(key) <= 60 else []
            )
            message = unknown_key(shown) + (f"; did you mean '{close[0]}'?" if close else "")
            hint |= {"suggestion": close[0]} if close else {}
    elif kind == "missing":
        message = missing_key(excerpt(str(loc[-1])))
    elif kind == "too_short":  # fuzz review 15: "List should have at least 1 item after …"
        least = (first.get("ctx") or {}).get("min_length", 1)
        message = f"empty: give at least {counted(least, 'item')}"
    elif kind == "too_long" and loc[-1:] == ("items",):  # fields.MAX_ITEMS
        most = (first.get("ctx") or {}).get("max_length")
        message = f"more than {most} items; a regimen holds at most {most}"
    elif kind in ("model_type", "list_type", "dict_type"):
        message = f"wrong shape: {plain_words(first)}" + more_problems(len(errors) - 1)
        return DocumentFormatError(message, location=location, reason=kind)
    else:
        message = plain_words(first)
    message += more_problems(len(errors) - 1)
    context: dict[str, object] = {str(k): v for k, v in (first.get("ctx") or {}).items()}
    if kind == "extra_forbidden":
        context |= hint
    if isinstance(first.get("input"), str):
        context["input"] = first["input"]  # what was typed, for an edge's own sentence
    return InputError(message, location=location, reason=kind, context=context)


# pydantic's error kinds in plain words (own fuzz after fuzz review 15, D9): one rule for every
# document and, through fhir/reading.py, for the FHIR resources fhir.resources rejects
_OBJECT = "an object (a set of fields)"
_BY_TYPE = {
    "list_type": "a list",
    "string_type": "a text",
    **dict.fromkeys(
        (
            "model_type",
            "dict_type",
            "model_attributes_type",
            "json_invalid",  # the library parses a text given for an object as JSON
            "model_validation_format",
        ),
        _OBJECT,
    ),
    **dict.fromkeys(("bool_type", "bool_parsing"), "true or false"),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), "a number without a fraction"),
    **dict.fromkeys(("float_type", "float_parsing", "decimal_type", "decimal_parsing"), "a number"),
}
# the library's own words for a value that does not match a FHIR primitive type's form
_SPEC = re.compile(r"(Decimal|Date|DateTime|Time|Instant) value string does not match")
_FORMS = {
    "Decimal": "is not a decimal number",
    "Date": "is not a date (YYYY-MM-DD)",
    **dict.fromkeys(("DateTime", "Instant"), "is not a date and time (YYYY-MM-DDThh:mm:ss)"),
    "Time": "is not a time of day (hh:mm:ss)",
}
_DATE_TYPES = {"date_type": "Date", "date_parsing": "Date", "time_type": "Time"}
_DATE_TYPES |= {"time_parsing": "Time", "datetime_type": "DateTime", "datetime_parsing": "DateTime"}
_PATTERN_WORDS = {
    r"^[^\s]+(\s[^\s]+)*$": "a code has no spaces at its ends and never two in a row",  # FHIR
    r"^[A-Z]{2}$": "a market is two capital letters, such as JP",  # RegimenDocument.market
}


def plain_words(error: ErrorDetails) -> str:
    """The error's problem in plain words (without the element, which the refusal names)."""
    kind, given = error["type"], error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _BY_TYPE:
        return f"expected {_BY_TYPE[kind]}, got {_given_words(given)}"
    if kind in _DATE_TYPES:
        return f"{_quoted(given)} {_FORMS[_DATE_TYPES[kind]]}"
    if kind == "extra_forbidden":
        return "not a field at this place"
    if kind == "invalid_key":  # fuzz review 20, D6: "[1]: Keys should be strings"
        return f"the key {as_written(given)} is not a field name: a key is a text, such as 'items'"
    if kind == "literal_error":
        if not isinstance(given, str):  # a list or an object is named by its kind, never repr
            return f"expected one of {ctx.get('expected')}, got {_given_words(given)}"
        return f"{_quoted(given)} is not one of {ctx.get('expected')}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "empty: write at least 1 character, or leave the field out"
    if kind == "string_too_long":
        return f"too long: at most {ctx.get('max_length')} characters"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _bound(kind, given, ctx)
    if kind == "int_parsing_size":  # fuzz review 17, D5: "exceeded maximum size", 1e308 as an id
        return f"{_quoted(given)} is out of range for a whole number"
    if kind == "string_pattern_mismatch":
        form = _PATTERN_WORDS.get(str(ctx.get("pattern")), "not of the form this field takes")
        return f"{_quoted(given)}: {form}"
    if kind.endswith("missing"):
        return "required, and missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    spec = _SPEC.match(message)
    if spec is not None:
        return f"{_quoted(given)} {_FORMS[spec.group(1)]}"
    return message.rstrip(".")


def _bound(kind: str, given: Any, ctx: dict[str, Any]) -> str:
    words = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }[kind]
    return f"must be {words[0]} {ctx.get(words[1])}, got {_quoted(given)}"


def _given_words(given: Any) -> str:
    """What the file holds: a short value as written, else its kind in JSON's words."""
    if isinstance(given, str | int | float) and not isinstance(given, bool):
        return f"{json_kind(given)} {_quoted(given)}"
    return json_kind(given)


def _quoted(given: Any) -> str:
    """An echoed value in JSON's words: a list or an object by its kind, else as JSON writes it
    (fuzz review 18, D6: "'{'unit': 'mg'}' is not a decimal number", Python's spelling)."""
    if isinstance(given, dict | list | tuple):
        return json_kind(given)
    return f"'{excerpt(given if isinstance(given, str) else as_written(given))}'"


NOT_TEXT = "Input should be a valid string, unable to parse raw data as a unicode string"
"""pydantic's own sentence for a string field holding a lone surrogate (``"\\ud800"`` is valid
JSON but no character): every field and key says it, whatever validator it would reach."""


def _shown(key: str) -> str:
    """A key for a location: a lone surrogate in it written as its escape (printable, encodable)."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def lone_surrogate_at(raw: Any) -> tuple[int | str, ...] | None:
    """Where the first text (a value or a key) holding a lone surrogate is; None if none does.
    A document whose every text encodes (nearly all) is told by one walk that builds no
    locations (``_all_encode``); only a document with such a text is searched for the first."""
    return None if _all_encode(raw) else first_lone_surrogate(raw)


def first_lone_surrogate(raw: Any) -> tuple[int | str, ...] | None:
    """``lone_surrogate_at`` by a search that builds each text's location as it goes."""
    pending: list[tuple[tuple[int | str, ...], Any]] = [((), raw)]
    while pending:
        loc, value = pending.pop()
        if isinstance(value, str) and not _encodes(value):
            return loc
        children: list[tuple[tuple[int | str, ...], Any]] = []
        if isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(key, str) and not _encodes(key):
                    return (*loc, _shown(key))
                children.append(((*loc, str(key)), inner))
        elif isinstance(value, list | tuple):
            children = [((*loc, index), inner) for index, inner in enumerate(value)]
        pending.extend(reversed(children))  # document order: the first one found is named
    return None


def _all_encode(raw: Any) -> bool:
    """Every text in ``raw`` (values and keys, at any depth) encodes as UTF-8."""
    pending = [raw]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if not value.isascii() and not _encodes(value):
                return False
        elif isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and not key.isascii() and not _encodes(key):
                    return False
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
    return True


def _encodes(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def refuse_lone_surrogates(raw: Any, prefix: str = "") -> None:
    """Refuse a document with a lone surrogate in any text, naming the field (fuzz review 4,
    C2: one in ``reduction`` reached a validator that echoes its input and crashed)."""
    loc = lone_surrogate_at(raw)
    if loc is not None:
        raise InputError(NOT_TEXT, location=format_location(loc, prefix), reason="string_unicode")


def validate_model(model: type[M], raw: Any, *, known_keys: set[str], prefix: str = "") -> M:
    """``model.model_validate(raw)``, raising InputError/DocumentFormatError instead."""
    if not isinstance(raw, dict):
        raise DocumentFormatError(
            "expected an object with keys such as "
            f"{keys_in_words(sorted(document_keys(model))[:4])}, got {json_kind(raw)}",
            location=prefix or "(document)",
        )
    refuse_lone_surrogates(raw, prefix)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        if not prefix:  # a whole document: another of the program's documents is named as such
            refuse_other_document(raw, document_keys(model))
        raise input_error(exc, known_keys=known_keys, prefix=prefix) from None


def refuse_other_document(raw: dict[Any, Any], reads: list[str]) -> None:
    """Refuse a document that is another of the program's documents than the one whose keys
    are ``reads``, saying what it is and which command reads it (fuzz review 19, D6)."""
    found = other_kind(raw, reads)
    if found is not None:
        raise DocumentFormatError(
            other_kind_words(found, reads),
            reason="another-document",
            context={"reader": found.reader},
        )
