"""Every FHIR boolean as FHIR writes it: JSON true or false, refused at its element otherwise.

Fuzz review 18, D6 refused ``asNeededBoolean: "true"``, by the element's name; fuzz re-check
18c, N6 found ``doNotPerform: 1`` and ``"true"`` read as true (the fentanyl patch left out of
the total) and ``Patient.deceasedBoolean: "false"`` accepted, because the rule went by names
ending in "Boolean" and never looked at a resource's own elements. The elements are now the
ones FHIR R4 defines as boolean, taken from the FHIR models themselves (``fhir.resources``):
a name is not enough (``system`` is a boolean in one type and a web address in another).
"""

from __future__ import annotations

import json
import typing
from functools import cache
from typing import Any

from mps_pain.fhir.model import Refusal, quoted

__all__ = ["check_booleans"]


def _model(kind: str) -> Any:
    # start-up seam: fhir.resources (large) loads only when FHIR is read or written
    from fhir.resources.R4B import get_fhir_model_class

    return get_fhir_model_class(kind)


def _element_class(annotation: Any) -> Any:
    """The FHIR model class an element's annotation names (``Dosage`` for a list of them), or
    None for a primitive."""
    for inner in typing.get_args(annotation) or (annotation,):
        if hasattr(inner, "get_model_klass"):
            return inner.get_model_klass()
        found = _element_class(inner) if typing.get_args(inner) else None
        if found is not None:
            return found
    return None


@cache
def _elements(model: Any) -> tuple[frozenset[str], dict[str, Any]]:
    """The boolean elements of ``model`` and, for each complex one, its class."""
    booleans: set[str] = set()
    complex_: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        alias = field.alias or name
        if field.annotation is bool or bool in typing.get_args(field.annotation):
            booleans.add(alias)
        else:
            found = _element_class(field.annotation)
            if found is not None:
                complex_[alias] = found
    return frozenset(booleans), complex_


def _class_of(node: dict[str, Any], model: Any) -> Any:
    """A contained resource is read by its own type; any other element by its model."""
    kind = node.get("resourceType")
    return _model(kind) if isinstance(kind, str) and "resourceType" in node else model


def check_booleans(raw: dict[str, Any]) -> None:
    """Refuse the first element of ``raw`` (one resource's JSON, what it contains included)
    that FHIR R4 defines as a boolean and that is not JSON true or false."""
    pending: list[tuple[Any, Any, str]] = [(raw, _model(raw["resourceType"]), "")]
    while pending:
        node, model, path = pending.pop()
        if isinstance(node, list):
            pending.extend((child, model, f"{path}[{i}]") for i, child in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        model = _class_of(node, model)
        booleans, complex_ = _elements(model)
        for name, value in node.items():
            where = f"{path}.{name}" if path else name
            if name in booleans and not isinstance(value, bool):
                raise Refusal(
                    "invalid-value",
                    where,
                    f"{quoted(json.dumps(value))} is not true or false; FHIR writes true or "
                    "false here, without quotes",
                )
            if name in complex_:
                pending.append((value, complex_[name], where))
