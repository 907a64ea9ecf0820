"""Fuzz review 15, D8: a JSON number no field can take is refused at its field, not "(document)".

A 20-digit integer (or 1e400, or NaN) was refused by the JSON parser's number hooks before the
field was known, so a dose written 12345678901234567890 said "(document): … an integer of 20
digits is out of range": in a 100-item regimen the user could not find it. The property: any
JSON number written at any numeric field of a valid regimen, rotation or check is either
accepted (exit 0) or refused (exit 2) naming that field (the quantity, or its ``value``); never
"(document)", never exit 3.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.errors import path_segments
from mps_pain.strict_load import check_parsed, loads_json
from tests.robustness.cli import call

SLOT = "@@NUMBER@@"


def _items() -> list[dict[str, Any]]:
    """Items with a JSON number at each numeric place: every kind of amount a regimen holds."""
    return [
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "ER",
            "dose": {"value": 10, "unit": "mg"},
            "frequency": "q12h",
        },
        {
            "drug": "oxycodone",
            "route": "oral",
            "form": "IR",
            "dose": {"value": 5, "unit": "mg"},
            "prn": True,
            "doses_per_day": 2,
        },
        {
            "drug": "morphine",
            "route": "sc",
            "rate": {"value": 0.5, "unit": "mL/h"},
            "concentration": {"value": 1, "unit": "mg/mL"},
        },
        {"drug": "fentanyl", "route": "transdermal", "rate": {"value": 12, "unit": "mcg/h"}},
        {"drug": "morphine", "route": "oral", "daily_dose": {"value": 30, "unit": "mg/day"}},
    ]


PATIENT = {"age": 70}
DOCUMENTS: dict[str, dict[str, Any]] = {
    "mme": {"table": "fpm-2021", "patient": PATIENT, "items": _items()},
    "rotate": {
        "from": {"items": _items()},
        "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "fpm-2021",
        "reduction": 0.25,
        "patient": PATIENT,
    },
    "check": {
        "from": {"items": _items()},
        "proposed": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "ER",
                    "dose": {"value": 30, "unit": "mg"},
                    "frequency": "q12h",
                }
            ]
        },
        "table": "fpm-2021",
    },
}


def _numeric_places(node: Any, loc: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, dict):
        return [p for key, child in node.items() for p in _numeric_places(child, (*loc, key))]
    if isinstance(node, list):
        return [p for i, child in enumerate(node) for p in _numeric_places(child, (*loc, i))]
    return [loc] if isinstance(node, int | float) and not isinstance(node, bool) else []


PLACES = [(command, place) for command, doc in DOCUMENTS.items() for place in _numeric_places(doc)]


def _with_slot(document: Any, place: tuple[str | int, ...]) -> str:
    copy = json.loads(json.dumps(document))
    node = copy
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = SLOT
    return json.dumps(copy).replace(f'"{SLOT}"', "{number}")


def _field(place: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The field a number belongs to: a quantity's, for the ``value`` of ``{value, unit}``."""
    return place[:-1] if place[-1] == "value" else place


digits = st.integers(min_value=1, max_value=9).map(str)
json_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.builds(lambda n, d: d + "0" * n, st.integers(18, 400), digits),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.builds(
        lambda m, e: f"{m}e{e}",
        st.integers(-99, 99),
        st.integers(-400, 400),
    ),
    st.sampled_from(["1e400", "-1e400", "1e-400", "5e-324", "-0", "0", "0.0", "1E+2", "-1"]),
    st.just("9" * 5000),
)


def _assert_answered_or_refused_at(command: str, place: tuple[str | int, ...], number: str) -> None:
    text = _with_slot(DOCUMENTS[command], place).replace("{number}", number)
    outcome = call([command, "-", "--json"], text)
    assert outcome.returncode in (0, 2), (number[:40], outcome.stderr[:300])
    if outcome.returncode == 2:
        error = json.loads(outcome.stdout)["error"]
        where = path_segments(error["location"] or "")
        if place[-2:] == ("concentration", "value") and where == (*place[:-2], "rate"):
            # an amount in mL/h too high or low is refused at the rate, naming both fields
            assert "concentration" in error["message"], error
            return
        assert where in (place, _field(place)), (number[:40], error)


def test_the_documents_are_valid_as_written() -> None:
    for command, document in DOCUMENTS.items():
        outcome = call([command, "-", "--json"], json.dumps(document))
        assert outcome.returncode == 0, (command, outcome.stderr)


@pytest.mark.parametrize(("command", "place"), PLACES, ids=lambda p: str(p))
@pytest.mark.parametrize("number", ["12345678901234567890", "1e400", "-1e400", "NaN", "-Infinity"])
def test_a_number_no_field_takes_is_refused_at_its_field(
    command: str, place: tuple[str | int, ...], number: str
) -> None:
    _assert_answered_or_refused_at(command, place, number)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(PLACES), number=json_numbers)
def test_any_json_number_at_a_numeric_field_is_taken_or_refused_there(
    where: tuple[str, tuple[str | int, ...]], number: str
) -> None:
    command, place = where
    _assert_answered_or_refused_at(command, place, number)


def test_the_reported_example_names_the_dose() -> None:
    text = (
        '{"items":[{"drug":"oxycodone","route":"oral","dose":{"value":12345678901234567890,'
        '"unit":"mg"},"frequency":"q12h"}]}'
    )
    outcome = call(["mme", "-"], text)
    assert outcome.returncode == 2
    assert outcome.stderr.startswith("mps-pain: items[0].dose.value: "), outcome.stderr
    assert "20 digits" in outcome.stderr


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ('{"a": [1, {"b": 1e400}]}', "a[1].b"),
        ('{"a": {"b": 1, "c": NaN}}', "a.c"),
        ("[0, 1, " + "7" * 30 + "]", "[2]"),
        ('{"x": 1e999, "y": ' + "1" * 40 + "}", "x"),  # the first in the document is named
    ],
)
def test_the_strict_reader_names_where_the_number_is(text: str, location: str) -> None:
    with pytest.raises(Exception) as raised:
        loads_json(text)
    assert getattr(raised.value, "location", None) == location


def test_an_already_parsed_document_names_where_the_number_is() -> None:
    with pytest.raises(Exception) as raised:
        check_parsed({"events": [{"nrs": 1}, {"nrs": 10**40}]})
    assert getattr(raised.value, "location", None) == "events[1].nrs"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("12345678901234567890", "20 digits"), ("1.0e+400", "not a finite number")],
)
def test_yaml_names_the_field_of_such_a_number_too(value: str, fragment: str) -> None:
    text = f"items:\n- drug: oxycodone\n  route: oral\n  dose: {{value: {value}, unit: mg}}\n"
    outcome = call(["mme", "-"], text + "  frequency: q12h\n")
    assert outcome.returncode == 2
    assert "line 4, column 17" in outcome.stderr and "items[0].dose.value: " in outcome.stderr
    assert fragment in outcome.stderr


@pytest.mark.parametrize(
    ("command", "text", "location"),
    [
        (
            "mme",
            '{"items":[{"drug":"oxycodone","route":"oral","dose":"10 mg","dose":"100 mg",'
            '"frequency":"q4h"}]}',
            "items[0].dose",
        ),
        (
            "rotate",
            '{"from":{"items":[{"drug":"morphine","route":"oral","dose":"10 mg",'
            '"frequency":"q4h"}]},"to":{"drug":"oxycodone","drug":"morphine","route":"oral"}}',
            "to.drug",
        ),
        ("check", '{"table":"fpm-2021","table":"cdc-2022"}', "table"),
    ],
)
def test_a_key_written_twice_is_named_where_it_is(command: str, text: str, location: str) -> None:
    """Own fuzz, the same class as D8: the parser's object hook refused a key written twice
    before its place was known ("(document)"); in a long regimen the user could not find it."""
    outcome = call([command, "-", "--json"], text)
    assert outcome.returncode == 2
    error = json.loads(outcome.stdout)["error"]
    assert error["location"] == location, error
    assert "written twice" in error["message"]


def test_the_first_problem_in_the_document_is_the_one_named() -> None:
    with pytest.raises(Exception) as raised:
        loads_json('{"a": {"b": 1, "b": 2}, "c": 1e400}')
    assert getattr(raised.value, "location", None) == "a.b"
    with pytest.raises(Exception) as raised:
        loads_json('{"c": 1e400, "a": {"b": 1, "b": 2}}')
    assert getattr(raised.value, "location", None) == "c"


BATCH = [
    (
        '{"items":[{"drug":"oxycodone","route":"oral","dose":{"value":12345678901234567890,'
        '"unit":"mg"},"frequency":"q12h"}]}',
        "items[0].dose.value",
    ),
    (
        '{"items":[{"drug":"oxycodone","route":"oral","dose":"10 mg","dose":"20 mg",'
        '"frequency":"q12h"}]}',
        "items[0].dose",
    ),
    (
        '{"items":[{"drug":"morphine","route":"oral","dose":"10 mg","frequency":"q4h"},'
        '{"drug":"oxycodone","route":"oral","dose":{"value":1e400,"unit":"mg"},"frequency":"q12h"}]}',
        "items[1].dose.value",
    ),
]


MODES = [[], ["--summary"], ["--jobs", "2"], ["--summary", "--jobs", "2"]]


@pytest.mark.parametrize("flags", MODES)
def test_a_batch_line_names_the_field_in_every_mode(flags: list[str]) -> None:
    data = "\n".join(line for line, _ in BATCH) + "\n"
    outcome = call(["mme", "--batch", "-", *flags], data)
    found = [json.loads(line)["error"]["location"] for line in outcome.stdout.splitlines()]
    assert found == [location for _, location in BATCH]
