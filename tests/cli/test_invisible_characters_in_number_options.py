"""Fuzz re-check 18c, N9: the number options (``--jobs``, ``--level``, ``--seed``, ``--count``)
and ``--expect-head`` echoed a no-break space as ``'\\xa0'``, a Python escape, where a text option
said "only white space" and the identifier check names the character ("ZERO WIDTH SPACE,
U+200B"). An invisible character in a value (white space alone included) is named by the one
rule the identifier check uses (``echo.character_name``)."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_cli

_OPTIONS = [
    ("--level", ["practice", "new", "--level"]),
    ("--seed", ["practice", "new", "--seed"]),
    ("--count", ["practice", "new", "--count"]),
    ("--jobs", ["mme", "--batch", "-", "--jobs"]),
    ("--expect-head", ["patients", "verify", "--expect-head"]),
]


@pytest.mark.parametrize(("option", "argv"), _OPTIONS)
@pytest.mark.parametrize(
    ("space", "name"),
    [
        ("\u00a0", "NO-BREAK SPACE, U+00A0"),
        ("\u3000", "IDEOGRAPHIC SPACE, U+3000"),
        (" \u2007 ", "FIGURE SPACE, U+2007"),
    ],
)
def test_a_number_option_of_white_space_alone_names_the_character(
    option: str, argv: list[str], space: str, name: str
) -> None:
    done = run_cli(*argv, space)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert option in done.stderr and f"invisible character ({name})" in done.stderr, done.stderr


@pytest.mark.parametrize(("option", "argv"), _OPTIONS)
def test_an_invisible_character_in_a_number_option_is_named(option: str, argv: list[str]) -> None:
    done = run_cli(*argv, "2\u200b")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert option in done.stderr and "(ZERO WIDTH SPACE, U+200B)" in done.stderr, done.stderr
