"""Duplicate keys, NaN and huge numbers are refused in every document the program reads."""

from __future__ import annotations

import pytest

from mps_pain.errors import DocumentFormatError
from mps_pain.fhir.model import FhirInputError
from mps_pain.fhir.reading import read_fhir
from mps_pain.strict_load import loads_json, loads_yaml


def test_a_fhir_file_with_a_key_written_twice_is_refused() -> None:
    text = '{"resourceType": "MedicationRequest", "status": "active", "status": "stopped"}'
    with pytest.raises(FhirInputError, match="'status' is written twice"):
        read_fhir(text, origin="order.json")


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',
        '{"a": NaN}',
        '{"a": -Infinity}',
        '{"a": 1e999}',
        '{"a": ' + "1" * 19 + "}",
        "[" * 40 + "]" * 40,
    ],
)
def test_strict_json_refuses(text: str) -> None:
    with pytest.raises(DocumentFormatError):
        loads_json(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: .nan\n",
        "a: -.inf\n",
        "a: " + "1" * 19 + "\n",
        "a: &x 1\nb: *x\n",
        "a: !!python/object:os.system x\n",
    ],
)
def test_strict_yaml_refuses(text: str) -> None:
    with pytest.raises(DocumentFormatError):
        loads_yaml(text)


def test_plain_documents_still_load() -> None:
    assert loads_json('{"a": [1, 2.5, "x"], "b": {"c": null}}') == {
        "a": [1, 2.5, "x"],
        "b": {"c": None},
    }
    assert loads_yaml("a: [1, 2.5, x]\nb: {c: null}\n") == {"a": [1, 2.5, "x"], "b": {"c": None}}
