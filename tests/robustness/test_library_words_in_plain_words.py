"""Own fuzz after fuzz review 15 (D9): a field of the wrong kind in a regimen, rotation or check
was refused in pydantic's words: "Input should be a valid string", "wrong shape: input should be
a valid dictionary or instance of regimenitem", "Input should be 'oral', 'iv', … or 'rectal'",
"String should match pattern '^[A-Z]{2}$'", "Input should be a valid number, unable to parse
string as a number", "String should have at least 1 character". One rule
(``validation.plain_words``, which the FHIR import uses too) says each in plain words, with what
was written in JSON's words, at the field."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_runner import run_cli

LIBRARY_WORDS = re.compile(
    r"Input should|input should|instance of|String should|should have|pattern|unable to parse|"
    r"Value error|regimenitem|currentregimen|targetspec|Extra inputs"
)
ITEM = {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h"}
TARGET = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}


def _refused(command: str, document: Any) -> tuple[str, str]:
    done = run_cli(command, "-", "--json", stdin=json.dumps(document))
    assert done.returncode == 2, done.stdout[:200]
    error = json.loads(done.stdout)["error"]
    assert not LIBRARY_WORDS.search(error["message"]), error
    return error["location"], error["message"]


@pytest.mark.parametrize(
    ("document", "location", "fragment"),
    [
        ({"items": [ITEM | {"drug": 5}]}, "items[0].drug", "expected a text, got a number"),
        ({"items": [ITEM | {"drug": ""}]}, "items[0].drug", "empty"),
        ({"items": [ITEM | {"route": "by mouth"}]}, "items[0].route", "'oral'"),
        ({"items": [5]}, "items[0]", "expected an object"),
        ({"items": {"a": 1}}, "items", "expected a list, got an object"),
        ({"items": [ITEM], "market": "jp"}, "market", "two capital letters"),
        ({"items": [ITEM], "table": 7}, "table", "expected a text"),
        ({"items": [ITEM], "prn": "all"}, "prn", "'include'"),
        ({"items": [ITEM], "patient": {"age": "old"}}, "patient.age", "expected a number"),
        ({"items": [ITEM], "patient": []}, "patient", "expected an object"),
    ],
)
def test_a_field_of_the_wrong_kind_is_refused_in_plain_words(
    document: dict[str, Any], location: str, fragment: str
) -> None:
    where, message = _refused("mme", document)
    assert where == location
    assert fragment in message, message


def test_a_rotation_s_parts_are_refused_in_plain_words() -> None:
    assert _refused("rotate", {"from": [ITEM], "to": TARGET})[0] == "from"
    assert _refused("rotate", {"from": {"items": [ITEM]}, "to": "oxycodone"})[0] == "to"
    assert _refused("check", {"from": {"items": [ITEM]}, "proposed": {"items": [7]}})[0] == (
        "proposed.items[0]"
    )


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=4),
    st.lists(st.integers(0, 2), max_size=2), st.dictionaries(st.sampled_from("ab"), st.none()),
)  # fmt: skip
FIELDS = ["drug", "route", "form", "product", "note", "prn", "frequency", "dose", "rate"]
TOP = ["table", "prn", "market", "title", "note", "patient"]


@settings(max_examples=150, deadline=None)
@given(value=VALUES, field=st.sampled_from(FIELDS), top=st.sampled_from(TOP), where=st.booleans())
def test_no_refusal_of_a_regimen_speaks_the_library_s_words(
    value: Any, field: str, top: str, where: bool
) -> None:
    document: dict[str, Any] = {"items": [dict(ITEM)]}
    if where:
        document["items"][0][field] = value
    else:
        document[top] = value
    done = run_cli("mme", "-", "--json", stdin=json.dumps(document))
    if done.returncode == 2:
        message = json.loads(done.stdout)["error"]["message"]
        assert not LIBRARY_WORDS.search(message), message


def test_a_text_too_long_is_refused_in_plain_words() -> None:
    location, message = _refused("mme", {"items": [ITEM], "title": "x" * 2001})
    assert location == "title" and message == "too long: at most 2000 characters"


@pytest.mark.parametrize(("value", "kind"), [({"value": 1}, "an object"), ([1], "a list")])
def test_a_choice_given_as_a_list_or_object_is_named_by_its_kind(value: Any, kind: str) -> None:
    location, message = _refused("mme", {"items": [ITEM | {"route": value}]})
    assert location == "items[0].route"
    assert message.startswith("expected one of 'oral'") and message.endswith(f"got {kind}")
    assert "{" not in message and "[" not in message


PYTHON_SPELLINGS = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\['|\{'")


@pytest.mark.parametrize(
    ("item", "location", "written"),
    [
        ({"dose": {"value": None, "unit": "mg"}}, "items[0].dose", "null"),
        ({"dose": {"value": [1], "unit": "mg"}}, "items[0].dose", "[1]"),
        ({"dose": {"value": 1, "unit": None}}, "items[0].dose", "null"),
        ({"dose": {"value": 1, "unit": True}}, "items[0].dose", "true"),
        ({"frequency": ["q4h"]}, "items[0].frequency", '["q4h"]'),
        (
            {"frequency": None, "prn": True, "doses_per_day": {"a": 1}},
            "items[0].doses_per_day",
            '{"a": 1}',
        ),
    ],
)
def test_a_value_is_echoed_as_the_document_wrote_it(
    item: dict[str, Any], location: str, written: str
) -> None:
    """Own fuzz: "'value' must be a number, got None", "got ['q4h']", "'{'a': 1}' is not a
    number of doses": Python's spellings of null, a list and an object. A value is echoed in
    JSON's spelling, one rule (``json_kinds.as_written``)."""
    document = {"items": [{k: v for k, v in (ITEM | item).items() if v is not None}]}
    document["items"][0] |= {k: v for k, v in item.items() if k != "frequency" or v is not None}
    where, message = _refused("mme", document)
    assert where == location, message
    assert written in message and not PYTHON_SPELLINGS.search(message), message


def test_a_quantity_s_unknown_keys_are_listed_as_words() -> None:
    """Own fuzz: "unknown key(s) ['amount']", a Python list."""
    where, message = _refused(
        "mme", {"items": [ITEM | {"dose": {"value": 5, "unit": "mg", "amount": 1}}]}
    )
    assert where == "items[0].dose"
    assert "'amount'" in message and "[" not in message, message
