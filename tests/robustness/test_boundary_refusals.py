"""Issue 12 classes 2–4: inputs that crashed (exit 3), hung or gave a silently wrong total are
refused at the boundary with one line naming the field, exit 2."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.robustness.cli import CliRun, call

ORAL = {"drug": "oxycodone", "route": "oral"}


def _doc(**item: Any) -> str:
    return json.dumps({"items": [{**ORAL, **item}]})


def _refused(outcome: CliRun) -> dict[str, Any]:
    assert outcome.returncode == 2, outcome.stderr
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 400, outcome.stderr[:500]
    error: dict[str, Any] = json.loads(outcome.stdout)["error"]
    return error


@pytest.mark.parametrize(
    ("document", "code", "location", "fragment"),
    [
        # overflow: 1e308 mg six times a day was infinity, and the refusal message crashed (a
        # JSON number: as text, "1e308 mg" is refused for its exponent, review 5b item 6)
        (
            _doc(dose={"value": 1e308, "unit": "mg"}, frequency="q4h"),
            "invalid-input",
            "items[0].dose",
            "range",
        ),
        # 1e308 g is infinite in mg; × 0 doses was NaN
        (
            _doc(dose={"value": 1e308, "unit": "g"}, prn=True, doses_per_day=0),
            "invalid-input",
            "items[0].dose",
            "range",
        ),
        (
            _doc(dose="10 mg", frequency="every 0." + "0" * 400 + "1 h"),
            "invalid-input",
            "items[0].frequency",
            "too long",
        ),
        (
            _doc(dose="10 mg", frequency="every 0.001 h"),
            "invalid-input",
            "items[0].frequency",
            "interval",
        ),
        (
            _doc(dose="10 mg", frequency="every 1e320 h"),
            "invalid-input",
            "items[0].frequency",
            "frequency",
        ),
        (
            _doc(dose="10 mg", frequency="every 100000 h"),
            "invalid-input",
            "items[0].frequency",
            "interval",
        ),
        # silently wrong: atomic mass units, daltons and grains read as masses
        (_doc(dose="10 u", frequency="q4h"), "invalid-input", "items[0].dose", "mcg, mg, g, mL"),
        (_doc(dose="10 dalton", frequency="q4h"), "invalid-input", "items[0].dose", "mcg, mg"),
        (_doc(dose="5 gr", frequency="q4h"), "invalid-input", "items[0].dose", "mcg, mg, g, mL"),
        (_doc(rate="2 gr/h"), "invalid-input", "items[0].rate", "mg/h"),
        (json.dumps({"table": "", "items": []}), "invalid-input", "table", "at least 1"),
        (json.dumps({"table": "   ", "items": []}), "invalid-input", "table", "at least 1"),
        # JSON that Python reads but should not be accepted
        (
            '{"items":[{"drug":"oxycodone","route":"oral","dose":"10 mg","dose":"100 mg",'
            '"frequency":"q4h"}]}',
            "malformed-document",
            "items[0].dose",  # named where it is (fuzz review 15, own fuzz)
            "'dose' is written twice",
        ),
        (
            '{"items":[{"drug":"oxycodone","route":"oral","dose":{"value":'
            + "9" * 5000
            + ',"unit":"mg"},"frequency":"q4h"}]}',
            "malformed-document",
            "items[0].dose.value",  # fuzz review 15, D8: at its field
            "digits",
        ),
        ("[" * 100_000 + "]" * 100_000, "malformed-document", "(document)", "nested"),
        (
            '{"items":[{"drug":"oxycodone","route":"oral","dose":{"value":NaN,"unit":"mg"},'
            '"frequency":"q4h"}]}',
            "malformed-document",
            "items[0].dose.value",  # fuzz review 15, D8: at its field
            "NaN",
        ),
        (
            '{"items":[{"drug":"oxycodone","route":"oral","dose":{"value":1e400,"unit":"mg"},'
            '"frequency":"q4h"}]}',
            "malformed-document",
            "items[0].dose.value",  # fuzz review 15, D8: at its field
            "finite",
        ),
        # YAML documents: the same rules
        (
            "items:\n- drug: oxycodone\n  route: oral\n  dose: 10 mg\n  dose: 100 mg\n"
            "  frequency: q4h\n",
            "malformed-document",
            "line 5, column 3",
            "appears twice",
        ),
        ("a: &x [1, 2]\nb: [*x, *x]\n", "malformed-document", "line 1, column 4", "aliases"),
        (
            "items:\n- drug: oxycodone\n  route: oral\n  dose: {value: .nan, unit: mg}\n"
            "  frequency: q4h\n",
            "malformed-document",
            "line 4, column 17",
            "finite",
        ),
        (
            "title: " + "[" * 5000 + "]" * 5000 + "\n",
            "malformed-document",
            "line 1, column 1007",
            "nesting depth",
        ),
        (
            "title: " + "[" * 600 + "]" * 600 + "\n",
            "malformed-document",
            "(document)",
            "nested more than 32",
        ),
    ],
)
def test_mme_refuses_at_the_boundary(
    document: str, code: str, location: str, fragment: str
) -> None:
    error = _refused(call(["mme", "-", "--json"], document))
    assert (error["code"], error["location"]) == (code, location)
    assert fragment in error["message"]


def test_a_one_megabyte_field_is_refused_unread() -> None:
    # The quantity grammar was quadratic: this input took more than two minutes.
    document = _doc(dose="10 m" + " " * 1_000_000 + "x", frequency="q4h")
    error = _refused(call(["mme", "-", "--json"], document))
    assert (error["code"], error["location"]) == ("invalid-input", "items[0].dose")
    assert "too long for a quantity" in error["message"]


@pytest.mark.parametrize("field", ["drug", "form", "note"])
def test_a_one_megabyte_text_field_is_refused_naming_it(field: str) -> None:
    item = {**ORAL, "dose": "10 mg", "frequency": "q4h", field: "x" * 1_000_000}
    error = _refused(call(["mme", "-", "--json"], json.dumps({"items": [item]})))
    assert error["location"] == f"items[0].{field}"
    assert "2000 characters" in error["message"]


def test_a_one_megabyte_unknown_key_is_named_briefly() -> None:
    item = {**ORAL, "dose": "10 mg", "frequency": "q4h", "k" * 1_000_000: 1}
    error = _refused(call(["mme", "-", "--json"], json.dumps({"items": [item]})))
    assert error["message"].startswith("unknown key 'kkkk") and len(error["message"]) < 200


def test_non_utf8_standard_input_is_refused_naming_the_byte() -> None:
    outcome = call(["mme", "-", "--json"], b'{"items": []}\n\xff\n')
    error = _refused(outcome)
    assert error["code"] == "malformed-document" and "0xff" in error["message"]
    assert error["location"] == "line 2, column 1"


def test_control_characters_in_an_echoed_name_stay_on_one_line() -> None:
    document = _doc(drug="oxy\ncodone\x1b[31m", dose="10 mg", frequency="q4h")
    outcome = call(["mme", "-"], document)
    assert outcome.returncode == 2 and len(outcome.stderr.splitlines()) == 1
    assert "\x1b" not in outcome.stderr


ROTATION = {
    "from": {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]},
    "to": {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
}


@pytest.mark.parametrize("reduction", ["nan%", "-Infinity", "-1e400", "inf%", "-5%", "150%"])
def test_rotate_refuses_reductions_that_are_not_a_percentage(reduction: str) -> None:
    error = _refused(
        call(["rotate", "-", "--json"], json.dumps({**ROTATION, "reduction": reduction}))
    )
    assert (error["code"], error["location"]) == ("invalid-input", "reduction")


@pytest.mark.parametrize("number", ["-Infinity", "-1e400", "NaN"])
def test_rotate_refuses_non_finite_json_numbers(number: str) -> None:
    text = json.dumps(ROTATION)[:-1] + f', "reduction": {number}}}'
    error = _refused(call(["rotate", "-", "--json"], text))
    assert error["code"] == "malformed-document"


def test_check_refuses_a_blank_table() -> None:
    document = {"from": ROTATION["from"], "proposed": ROTATION["from"], "table": ""}
    error = _refused(call(["check", "-", "--json"], json.dumps(document)))
    assert error["location"] == "table"


@pytest.mark.parametrize(
    ("argv", "location"),
    [(["mme", "-", "--json", "--table", ""], "--table"), (["tables", "--set", ""], "--set")],
)
def test_a_blank_set_option_is_refused_not_read_as_the_default(
    argv: list[str], location: str
) -> None:
    outcome = call(argv, _doc(dose="10 mg", frequency="q4h"))
    assert outcome.returncode == 2 and outcome.stderr.startswith(f"mps-pain: {location}: ")


def test_a_long_unknown_schema_name_is_echoed_briefly() -> None:
    outcome = call(["schema", "x" * 100_000])
    assert outcome.returncode == 2 and len(outcome.stderr) < 300


@pytest.mark.parametrize(
    ("item", "shown", "bound"),
    [  # fuzz review 12, #2: an amount just past a dose bound read as the bound itself
        ({"daily_dose": "25.0001 g/day"}, "25.0001 g/day", "25 g/day"),
        ({"dose": "2.0001 g", "frequency": "daily"}, "one dose of 2000.1 mg", "2 g"),
        ({"daily_dose": "0.19999 mg/day"}, "0.19999 mg/day", "0.2 mg/day"),
    ],
)
def test_an_amount_past_a_dose_bound_never_reads_as_the_bound(
    item: dict[str, Any], shown: str, bound: str
) -> None:
    outcome = call(["mme", "--json", "-"], stdin=_doc(drug="morphine", route="oral", **item))
    error = _refused(outcome)
    assert f"{shown} of morphine (oral) is " in error["message"], error
    assert f" {bound} " in error["message"], error
