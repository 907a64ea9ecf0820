"""YAML 1.1 number forms never change a dose silently (fuzz review 2, finding 1).

PyYAML reads ``012`` as octal 10, ``1:30`` as sexagesimal 90, ``0x1E`` as 30, ``0b11`` as 3 and
``1_000`` as 1000. The strict loader lets only plain decimal numbers through (the JSON forms, a
leading ``+`` and the ``1.``/``.5`` spellings whose decimal reading is the same); every other form
is refused naming the field (docs/reliability.md, "YAML numbers").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import DocumentFormatError
from mps_pain.strict_load import loads_yaml
from tests.robustness.cli import call

_REGIMEN = """table: uk-palliative
items:
  - drug: morphine
    route: oral
    dose: {{value: {dose}, unit: mg}}
    frequency: q4h
"""


@pytest.mark.parametrize(
    "text",
    [
        "012",
        "015",
        "0x1E",
        "0b11",
        "1:30",
        "1:00",
        "1_000",
        "-012",
        "+0x1E",
        "012.5",
        "1_0.5",
        "190:20:30.15",
        ".inf",
        "-.inf",
        ".nan",
    ],
)
def test_a_non_decimal_yaml_number_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(DocumentFormatError) as caught:
        loads_yaml(f"doses_per_day: {text}\n")
    assert "doses_per_day" in str(caught.value)
    assert caught.value.location is not None and "line 1" in str(caught.value.location)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("0", 0),
        ("-3", -3),
        ("+5", 5),
        ("0.5", 0.5),
        ("10.25", 10.25),
        ("1.", 1.0),
        (".5", 0.5),
        ("1.5e+3", 1500.0),
        ("-0.0", -0.0),
    ],
)
def test_a_plain_decimal_yaml_number_loads_as_its_decimal_value(text: str, value: float) -> None:
    assert loads_yaml(f"a: {text}\n") == {"a": value}


def test_a_non_decimal_number_in_a_list_names_the_item() -> None:
    with pytest.raises(DocumentFormatError, match=r"a\[1\]"):
        loads_yaml("a: [1, 012]\n")


def test_the_octal_dose_of_the_review_is_refused_by_mme(tmp_path: Path) -> None:
    path = tmp_path / "dose.yaml"
    path.write_text(_REGIMEN.format(dose="015"), encoding="utf-8")
    run = call(["mme", str(path)])
    assert run.returncode == 2, run.stdout
    assert "items[0].dose.value" in run.stderr and "015" in run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr


_NUMBER_LIKE = st.from_regex(
    re.compile(
        r"[-+]?(0[xob]?)?[0-9_]{0,5}(:[0-5]?[0-9]){0,2}(\.[0-9_]{0,3})?([eE][-+]?[0-9]{1,2})?"
    ),
    fullmatch=True,
)


def _decimal_reading(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


@given(_NUMBER_LIKE)
def test_a_number_like_scalar_loads_as_its_decimal_reading_or_is_refused(text: str) -> None:
    try:
        loaded = loads_yaml(f"v: {text}\n")["v"]
    except DocumentFormatError:
        return
    if loaded is None or isinstance(loaded, str):  # text (or empty): the field's parser decides
        assert loaded == (text or None)
        return
    assert isinstance(loaded, int | float) and not isinstance(loaded, bool)
    assert "_" not in text
    assert loaded == _decimal_reading(text)
