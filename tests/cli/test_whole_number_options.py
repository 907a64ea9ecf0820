"""Fuzz review 15, #10: `--count ３` and `--level ٣` (full-width and Arabic-Indic digits) were
read while `--seed ３` was refused. Every whole-number option is read by one rule
(`common.whole_number`): ASCII digits within the option's bounds, refused by name otherwise."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_cli


@pytest.mark.parametrize(
    "argv",
    [
        ("practice", "--count", "３", "new"),
        ("practice", "--level", "٣", "new"),
        ("practice", "--seed", "３", "new"),
        ("practice", "--count", "0", "new"),
        ("practice", "--count", "501", "new"),
        ("practice", "--level", "6", "new"),
        ("mme", "--batch", "/dev/null", "--jobs", "２"),
    ],
)
def test_digit_signs_and_out_of_bounds_are_refused_by_name(argv: tuple[str, ...]) -> None:
    done = run_cli(*argv)
    assert done.returncode == 2
    option = next(a for a in argv if a.startswith("--") and a != "--batch")
    assert option in done.stderr, done.stderr


def test_ascii_digits_within_bounds_are_read() -> None:
    done = run_cli("practice", "--count", "2", "--level", "3", "--seed", "7", "new")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Exercise L3.") == 2
