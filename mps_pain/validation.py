"""Turn pydantic validation errors on user documents into InputError with a field path."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mps_pain.errors import DocumentFormatError, InputError
from mps_pain.json_kinds import json_kind, keys_in_words
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
    "refuse_lone_surrogates",
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


def input_error(exc: ValidationError, *, known_keys: set[str], prefix: str = "") -> InputError:
    """The first problem, as a sentence naming the field; counts the others."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first["loc"])
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
        message = f"wrong shape: {first['msg'].lower()}" + more_problems(len(errors) - 1)
        return DocumentFormatError(message, location=location, reason=kind)
    else:
        message = first["msg"].removeprefix("Value error, ")
    message += more_problems(len(errors) - 1)
    context: dict[str, object] = {str(k): v for k, v in (first.get("ctx") or {}).items()}
    if kind == "extra_forbidden":
        context |= hint
    if isinstance(first.get("input"), str):
        context["input"] = first["input"]  # what was typed, for an edge's own sentence
    return InputError(message, location=location, reason=kind, context=context)


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
        raise input_error(exc, known_keys=known_keys, prefix=prefix) from None
