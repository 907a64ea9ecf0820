"""A number a record field cannot hold is refused in plain words naming the field (fuzz review
17, D5: a regimen version's id of 1e308 was refused with pydantic's "Unable to parse input
string as an integer, exceeded maximum size"; an NRS of 10**17 with "Input should be less than
or equal to 10"; an id of 1.5 with "should be a number", which it is). One rule for every
pydantic kind: ``validation.plain_words``, which every other document's refusal uses."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.cli_runner import run_cli

LIBRARY_WORDS = ("Input should", "Unable to parse", "exceeded maximum size", "valid integer")
FIELDS = [
    (("regimen_versions", 0, "id"), "'id' of regimen version 1"),
    (("events", 0, "nrs"), "'nrs' of event 1"),
    (("events", 0, "id"), "'id' of event 1"),
]
NUMBERS = st.one_of(
    st.sampled_from([1e308, -1e308, 1e20, 5e-324, 1.5, -1, 10**17, 11, 2**63]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**18), max_value=10**18),
)


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("records")
    url = f"sqlite:///{folder / 'source.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0
    exported = run_cli("patients", "export", "takamatsu-2018-case-1", "--database", url)
    document: dict[str, Any] = json.loads(exported.stdout)
    document["events"][0] |= {"kind": "nrs", "nrs": 5}
    return document


def _with(record: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(record)
    holder: Any = changed
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return changed


@settings(max_examples=40, deadline=None)
@given(field=st.sampled_from(FIELDS), value=NUMBERS)
@example(field=FIELDS[1], value=5).via("two accepted values in a row: the second import is new")
@example(field=FIELDS[1], value=6).via("two accepted values in a row: the second import is new")
def test_a_number_a_field_cannot_hold_is_said_in_plain_words(
    record: dict[str, Any],
    fresh_records: Callable[[], str],
    field: tuple[tuple[str | int, ...], str],
    value: Any,
) -> None:
    path, words = field
    # each example empty records of its own: in one file for all of a test's examples (tmp_path),
    # an accepted value's patient 'n1' was there when the next accepted value was imported
    url = fresh_records()
    text = json.dumps(_with(record, path, value))
    run = run_cli("patients", "import", "-", "--as", "n1", "--database", url, stdin=text)
    if run.returncode == 0:
        return  # a value the field holds (an NRS of 0 to 10)
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    bracketed = f"{path[0]}[{path[1]}].{path[2]}"  # the strict reader's place (19+ digits)
    assert words in run.stderr or bracketed in run.stderr, run.stderr
    assert not any(phrase in run.stderr for phrase in LIBRARY_WORDS), run.stderr


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (1e308, "is out of range for a whole number"),
        (1.5, "should be a whole number"),
        (10**17, "must be at most 10"),
        (-1, "must be at least 0"),
    ],
)
def test_the_nrs_refusals_read(
    record: dict[str, Any], tmp_path: Path, value: Any, said: str
) -> None:
    url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    text = json.dumps(_with(record, ("events", 0, "nrs"), value))
    run = run_cli("patients", "import", "-", "--as", "n1", "--database", url, stdin=text)
    assert run.returncode == 2
    assert "'nrs' of event 1" in run.stderr and said in run.stderr, run.stderr
