"""Fuzz review 15: a document of the wrong kind, or a quantity or reduction given as a list, a
number-less true/false or null, was refused in Python's words: "(document): expected an object
with keys such as ['from', 'market', …], got NoneType", "items[0].dose: expected a quantity such
as '10 mg', got bool". A refusal names what the person wrote as JSON and YAML call it (text, a
number, a list, true/false, null), one rule (`mps_pain.json_kinds.json_kind`), and lists the
keys as words, not as a Python list."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli_runner import run_cli

PYTHON_WORDS = re.compile(r"got (str|float|int|bool|list|dict|NoneType|tuple)\b|\['")


def _kind(value: object) -> str:
    """What a person wrote, in JSON's words (written out here, not read from the code)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "text" if isinstance(value, str) else "a list"


# floats without an exponent: YAML reads "1e+16" as text
WRONG = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-1e6, 1e6).map(lambda x: round(x, 3)),
    st.text(max_size=5), st.lists(st.integers(0, 3), max_size=2),
)  # fmt: skip
ITEM = {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h"}
TARGET = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}


def _refusal(command: str, document: object) -> str:
    done = run_cli(command, "-", stdin=json.dumps(document))
    assert done.returncode == 2, done.stderr
    assert not PYTHON_WORDS.search(done.stderr), done.stderr
    return done.stderr


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
@given(value=WRONG)
def test_a_document_of_another_kind_is_named_in_words(command: str, value: object) -> None:
    said = _refusal(command, value)
    if "not valid YAML" not in said:  # text such as "\ud800" is refused as it is read
        assert "(document): expected an object with keys such as '" in said
        assert said.rstrip().endswith(f"got {_kind(value)}")


@given(value=st.one_of(st.booleans(), st.lists(st.integers(0, 3), max_size=2)))
def test_a_dose_of_another_kind_is_named_in_words(value: object) -> None:
    said = _refusal("mme", {"items": [ITEM | {"dose": value}]})
    assert "items[0].dose" in said and f"got {_kind(value)}" in said


@given(value=st.one_of(st.booleans(), st.lists(st.integers(0, 3), max_size=2)))
def test_a_reduction_of_another_kind_is_named_in_words(value: object) -> None:
    said = _refusal("rotate", {"from": {"items": [ITEM]}, "to": TARGET, "reduction": value})
    assert "reduction" in said
    assert isinstance(value, bool) or "got a list" in said


def test_a_grade_document_of_another_kind() -> None:
    done = run_cli("practice", "grade", "-", stdin='"L1.mme-single.cdc-2016.0.0"')
    assert done.returncode == 2
    assert not PYTHON_WORDS.search(done.stderr), done.stderr
    assert "got text" in done.stderr
