"""Fuzz review 16, N4 and N6. N4: every refusal argparse made (--jobs, --count, --seed, --level,
a choice, an unknown option or command) printed its 2-line usage block before the message, where
the README promises "one line on standard error naming the field". N6: a 5,000-character value
of --topic, --set or a patient identifier was echoed up to 2,000 characters (--jobs cut its echo
to 20). Every refusal is one line naming the option, and a long quoted value is cut to its start
and its length (``common.one_line``, the one function for echoed text)."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_cli

_LONG = "9" * 5000


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (("mme", "--batch", "-", "--jobs", "65"), "--jobs"),
        (("practice", "new", "--count", "0"), "--count"),
        (("practice", "new", "--seed", "３"), "--seed"),
        (("practice", "new", "--level", "6"), "--level"),
        (("mme", "--prn", "sometimes"), "--prn"),
        (("mme", "--bogus"), "--bogus"),
        (("nosuch",), "nosuch"),
        (("rotate", "--table"), "--table"),
    ],
)
def test_an_option_refusal_is_one_line_naming_the_option(argv: tuple[str, ...], named: str) -> None:
    done = run_cli(*argv)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and not done.stderr.startswith("usage"), done.stderr
    assert done.stderr.startswith("mps-pain: ") and named in done.stderr, done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ("practice", "new", "--topic", _LONG),
        ("practice", "new", "--set", _LONG),
        ("mme", "--table", _LONG, "-"),
        ("practice", "new", "--seed", _LONG),
    ],
)
def test_a_very_long_value_is_echoed_briefly(argv: tuple[str, ...]) -> None:
    done = run_cli(*argv, stdin="")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr[:300]
    assert len(done.stderr) < 400, (len(done.stderr), done.stderr[:300])
