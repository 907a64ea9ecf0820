"""Selection options before the sub-command are honoured or refused, never ignored (outside
fuzz review 3, "Low": ``practice --level 3 --seed 5 new`` printed the level-any, seed-0
exercise)."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_cli


def _new(*args: str) -> str:
    run = run_cli(*args)
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--level", "3", "--seed", "5"], []),
        (["--level", "3"], ["--seed", "5"]),
        (["--seed", "5", "--count", "2"], ["--level", "3"]),
        (["--topic", "renal", "--seed", "4"], []),
        (["--set", "published-cases", "--count", "3"], []),
    ],
)
def test_options_before_new_select_the_same_exercises_as_after_it(
    before: list[str], after: list[str]
) -> None:
    written_before = _new("practice", *before, "new", *after, "--json")
    written_after = _new("practice", "new", *before, *after, "--json")
    assert written_before == written_after


def test_options_before_new_are_not_ignored() -> None:
    chosen = _new("practice", "--level", "3", "--seed", "5", "new", "--json")
    assert chosen != _new("practice", "new", "--json")
    assert len(_new("practice", "--count", "3", "new", "--json").splitlines()) == 3


def test_new_alone_still_prints_one_exercise() -> None:
    assert len(_new("practice", "new", "--json").splitlines()) == 1


def test_an_option_given_twice_with_different_values_is_refused() -> None:
    run = run_cli("practice", "--level", "3", "new", "--level", "2")
    assert run.returncode == 2
    assert "--level" in run.stderr and "Traceback" not in run.stderr


def test_the_same_value_on_both_sides_is_accepted() -> None:
    assert run_cli("practice", "--seed", "5", "new", "--seed", "5").returncode == 0


@pytest.mark.parametrize("option", [["--level", "3"], ["--seed", "5"], ["--count", "2"]])
def test_a_selection_option_before_grade_is_refused(option: list[str]) -> None:
    run = run_cli("practice", *option, "grade", stdin="{}")
    assert run.returncode == 2
    assert option[0] in run.stderr and "grade" in run.stderr
