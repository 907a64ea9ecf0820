"""Fuzz review 8, #8: ``pain_controlled`` took lax booleans.

``"no"``, ``"false"``, ``0``, ``0.0`` and ``"0"`` were read as false, ``"yes"`` and ``1`` as
true: a typo such as ``"pain_controlled": 0`` silently removed the cross-tolerance reduction.
Every boolean field of every input document (found from the published JSON Schemas, so a new
one is covered when it is added) accepts only JSON ``true``/``false`` (``null`` stays "not
stated" where the field is optional), and refuses anything else naming the field.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from mps_pain.errors import InputError
from mps_pain.validation import field_names, validate_model
from mps_pain_cli.input_documents import INPUT_DOCUMENTS
from tests.cli_runner import run_cli

LAX = ["yes", "no", "true", "false", "0", "1", "", 0, 1, 0.0, 1.0, [], {}]
ORAL = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}
PATIENT = {"age": 70}
REGIMEN = {"items": [ORAL]}
BASES: dict[str, dict[str, Any]] = {
    "regimen": {"items": [ORAL], "patient": PATIENT},
    "rotation": {
        "from": REGIMEN,
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "patient": PATIENT,
    },
    "check": {"from": REGIMEN, "proposed": {"items": [ORAL]}, "patient": PATIENT},
}
PATIENT_FLAGS = ["opioid_tolerant", "frail", "fever", "cancer_or_palliative"]
Place = tuple[str | int, ...]
# (document kind, where the field is, the schema's name of the field)
CASES: list[tuple[str, Place, str]] = [
    ("regimen", ("items", 0, "prn"), "RegimenItem.prn"),
    ("rotation", ("from", "items", 0, "prn"), "RegimenItem.prn"),
    ("check", ("from", "items", 0, "prn"), "RegimenItem.prn"),
    ("check", ("proposed", "items", 0, "prn"), "RegimenItem.prn"),
    ("rotation", ("pain_controlled",), "RotationRequest.pain_controlled"),
    ("check", ("pain_controlled",), "CheckRequest.pain_controlled"),
    ("rotation", ("to", "continuous"), "TargetSpec.continuous"),
    *[
        (kind, ("patient", flag), f"Patient.{flag}")
        for kind in ("regimen", "rotation", "check")
        for flag in PATIENT_FLAGS
    ],
]


def _booleans(schema: dict[str, Any], name: str, found: set[str]) -> None:
    for key, prop in schema.get("properties", {}).items():
        kinds = [prop.get("type")] + [p.get("type") for p in prop.get("anyOf", [])]
        if "boolean" in kinds:
            found.add(f"{name}.{key}")
    for sub_name, sub in schema.get("$defs", {}).items():
        _booleans(sub, sub_name, found)


def _boolean_fields() -> set[str]:
    found: set[str] = set()
    for model in INPUT_DOCUMENTS.values():
        _booleans(model.model_json_schema(), model.__name__, found)
    return found


def test_every_boolean_field_of_the_input_documents_is_exercised_here() -> None:
    assert _boolean_fields() == {name for _kind, _place, name in CASES}


def _with(kind: str, place: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(BASES[kind])
    parent: Any = document
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = value
    return document


def _validate(kind: str, document: dict[str, Any]) -> None:
    model = INPUT_DOCUMENTS[kind]
    validate_model(model, document, known_keys=field_names(model))


@pytest.mark.parametrize(("kind", "place", "name"), CASES)
def test_a_boolean_field_takes_only_true_or_false(kind: str, place: Place, name: str) -> None:
    for value in (True, False):
        document = _with(kind, place, value)
        if name == "TargetSpec.continuous":  # a continuous target has no frequency
            document["to"] = {"drug": "morphine", "route": "sc", "continuous": value}
            if not value:
                document["to"]["frequency"] = "q4h"
        if place[-1] == "prn" and value:  # an as-needed item: a dose and the doses taken
            item = {"drug": "morphine", "route": "oral", "dose": "5 mg", "doses_per_day": 2}
            document = _with(kind, place[:-1], {**item, "prn": True})
        _validate(kind, document)
    for value in LAX:
        with pytest.raises(InputError) as refused:
            _validate(kind, _with(kind, place, value))
        location = str(refused.value.location)
        assert str(place[-1]) in location, (kind, place, value, location)
        assert "true or false" in str(refused.value), (kind, place, value, str(refused.value))


def test_fuzz8_8_pain_controlled_zero_is_refused_naming_the_field() -> None:
    document = {**BASES["rotation"], "pain_controlled": 0}
    run = run_cli("rotate", "-", stdin=json.dumps(document))
    assert run.returncode == 2, run.stdout[:300]
    assert "pain_controlled" in run.stderr and "true or false" in run.stderr
