"""Fuzz review 19, D6 (wording): refusals that named the wrong thing.

- a raw NUL inside a JSON text was "a line break or tab";
- a byte-order mark inside a YAML file was "this line's indentation does not line up";
- YAML tags were refused in the library's words ("could not determine a constructor"), and
  `drug: !!binary bW9ycGhpbmU=` was read as morphine while the file does not show the word;
- `nocte` was read as once a day and `mane` refused;
- an identifier of 5,000 characters was "longer than the 1000 a record holds", one of 201
  "at most 200" (one limit, one sentence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mps_pain.domain.frequency import parse_frequency
from tests.cli_runner import run_cli

FUZZ19 = Path(__file__).parent / "fixtures" / "fuzz19"
TAGS = "tags (!name or !!name) are not accepted"


def test_a_nul_in_a_json_text_is_named() -> None:
    done = run_cli("mme", str(FUZZ19 / "json-raw-NUL-in-string-called-line-break.json"))
    assert done.returncode == 2
    assert "U+0000" in done.stderr and "line break" not in done.stderr, done.stderr


def test_a_line_break_in_a_json_text_is_still_called_so() -> None:
    done = run_cli("mme", "-", stdin='{"items": [{"drug": "morphine\n", "route": "oral"}]}')
    assert done.returncode == 2
    assert "holds a line break" in done.stderr, done.stderr


def test_a_byte_order_mark_inside_a_yaml_file_is_named_where_it_is() -> None:
    done = run_cli("mme", str(FUZZ19 / "y-bom-middle.yaml"))
    assert done.returncode == 2
    assert "byte-order mark (U+FEFF)" in done.stderr and "line 3" in done.stderr, done.stderr
    assert "indentation" not in done.stderr


@pytest.mark.parametrize(
    "name",
    [
        "y-python-tag.yaml",
        "y-custom-tag.yaml",
        "yaml-binary-tag-drug-read-as-morphine.yaml",
        "yaml-binary-tag-hides-dose-300mg.yaml",
    ],
)
def test_tags_are_refused_in_plain_words(name: str) -> None:
    done = run_cli("mme", str(FUZZ19 / name))
    assert done.returncode == 2, done.stdout[-300:]
    assert TAGS in done.stderr and "constructor" not in done.stderr, done.stderr
    assert "Total:" not in done.stdout


@pytest.mark.parametrize("tag", ["!!set {morphine}", "!!omap [{a: 1}]", "!!pairs [{a: 1}]"])
def test_safe_tags_that_make_no_plain_value_are_refused(tag: str) -> None:
    document = f"items:\n  - drug: {tag}\n    route: oral\n    dose: 10 mg\n    frequency: q4h\n"
    done = run_cli("mme", "-", stdin=document)
    assert done.returncode == 2
    assert TAGS in done.stderr, done.stderr


@pytest.mark.parametrize(("morning", "night"), [("mane", "nocte"), ("in the morning", "at night")])
def test_mane_is_read_as_nocte_is(morning: str, night: str) -> None:
    read, nightly = parse_frequency(morning), parse_frequency(night)
    assert read.doses_per_day == nightly.doses_per_day == 1
    assert read.label == morning  # kept as written, as nocte is


def _record(identifier: str) -> str:
    record = json.loads((FUZZ19 / "patient-identifier-201-chars.json").read_text("utf-8"))
    record["patient"]["identifier"] = identifier
    return json.dumps(record)


def test_the_identifier_limit_is_one_number(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    for length in (201, 5000):
        done = run_cli("patients", "import", "--database", url, "-", stdin=_record("a" * length))
        assert done.returncode == 2
        assert f"is {length} characters long; at most 200" in done.stderr, done.stderr
        assert "1000" not in done.stderr
