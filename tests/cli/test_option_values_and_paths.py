"""Fuzz review 18, D2 and D4.

D2: an empty value was read as something else: ``--database ''`` imported into (and created) the
default records file, ``--fhir ''`` was ignored, ``-o ''`` wrote to standard output. Every value
of every option and argument of every command, taken from the parser itself (a new option is
covered), refuses an empty, white-space or NUL value in one line naming it.

D4: ``backup`` to a 300-character file name exited 3 ("internal error (OSError: [Errno 36] …)")
while ``export -o`` refused it. Every path the user names, of every command, refused by the
system (too long a name, a missing folder, a folder, a NUL) is one line naming the option, never
exit 3.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain_cli.main import COMMAND_MODULES, _parser
from tests.cli_runner import run_cli

Place = tuple[tuple[str, ...], argparse.Action]


def _places(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> Iterator[Place]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _places(sub, (*words, name))
        elif action.nargs != 0 and not isinstance(action, argparse._VersionAction):
            yield words, action


VALUE_PLACES = [
    place
    for command in (c for names in COMMAND_MODULES.values() for c in names)
    for place in _places(_parser(command), ())
    if place[0][0] == command
]


def _name(action: argparse.Action) -> str:
    return "/".join(action.option_strings) or str(action.metavar or action.dest)


def _said(action: argparse.Action) -> str:
    """How a refusal names it: the option, or the argument without its ``|-``."""
    return _name(action).split("|")[0]


def _argv(place: Place, value: str) -> list[str]:
    words, action = place
    return [*words, *([action.option_strings[0]] if action.option_strings else []), value]


def _parse(argv: list[str]) -> tuple[int, str]:
    """Parse only (nothing runs: a blank FILE of ``gui`` must not open a window)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            _parser(argv[0]).parse_args(argv)
        except SystemExit as exit_:
            return int(exit_.code or 0), err.getvalue()
    return 0, err.getvalue()


def test_the_sweep_sees_every_commands_value_options() -> None:
    names = {(words, _name(action)) for words, action in VALUE_PLACES}
    for expected in [
        (("patients", "import"), "--database"),
        (("mme",), "--fhir"),
        (("patients", "export"), "-o/--output"),
        (("backup",), "PATH"),
        (("practice", "new"), "--topic"),
    ]:
        assert expected in names


@settings(max_examples=150, deadline=None)
@given(
    place=st.sampled_from(VALUE_PLACES),
    blank=st.text(alphabet=" \t\u00a0\u2003\u3000\n", max_size=3) | st.sampled_from(["a\0b", "\0"]),
)
def test_a_blank_value_of_any_option_is_refused_naming_it(place: Place, blank: str) -> None:
    code, stderr = _parse(_argv(place, blank))
    assert code == 2, (place[0], _name(place[1]), blank)
    assert stderr.count("\n") == 1 and stderr.startswith("mps-pain: "), stderr
    assert f"mps-pain: {_said(place[1])}: " in stderr or "argument " in stderr, stderr
    assert _said(place[1]) in stderr, stderr


def test_an_empty_database_never_reaches_the_default_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("MPS_PAIN_DATABASE_URL", raising=False)
    done = run_cli("patients", "import", "--database", "", "--examples")
    assert done.returncode == 2 and "--database" in done.stderr, done.stderr
    assert not any(tmp_path.rglob("*.sqlite3"))


# --- D4: every path the user names ----------------------------------------------------------

Argv = Callable[[str, str], list[str]]  # (the bad path, a records URL) -> argv

PATH_OPTIONS: dict[tuple[tuple[str, ...], str], Argv] = {
    (("mme",), "FILE|-"): lambda p, db: ["mme", p],
    (("mme",), "--fhir"): lambda p, db: ["mme", "--fhir", p],
    (("mme",), "--batch"): lambda p, db: ["mme", "--batch", p],
    (("rotate",), "FILE|-"): lambda p, db: ["rotate", p],
    (("rotate",), "--fhir"): lambda p, db: ["rotate", "--fhir", p, "-"],
    (("check",), "FILE|-"): lambda p, db: ["check", p],
    (("check",), "--fhir"): lambda p, db: ["check", "--fhir", p, "-"],
    (("fhir", "import"), "FILE|-"): lambda p, db: ["fhir", "import", p],
    (("fhir", "export"), "PLAN.json|-"): lambda p, db: ["fhir", "export", p],
    (("practice", "grade"), "FILE|-"): lambda p, db: ["practice", "grade", p],
    (("patients", "import"), "FILE"): lambda p, db: ["patients", "import", "--database", db, p],
    (("patients", "export"), "-o/--output"): lambda p, db: [
        *("patients", "export", "takamatsu-2018-case-1", "--database", db, "-o", p)
    ],
    (("backup",), "PATH"): lambda p, db: ["backup", "--database", db, p],
}
"""Each path option, with the words that reach it. ``gui FILE`` is the window's (ui/files.py)."""

DATABASE_COMMANDS: dict[tuple[str, ...], Argv] = {
    ("patients", "list"): lambda url, db: ["patients", "list", "--database", url],
    ("patients", "show"): lambda url, db: ["patients", "show", "x", "--database", url],
    ("patients", "export"): lambda url, db: ["patients", "export", "x", "--database", url],
    ("patients", "import"): lambda url, db: ["patients", "import", "--examples", "--database", url],
    ("patients", "verify"): lambda url, db: ["patients", "verify", "--database", url],
    ("db", "grant"): lambda url, db: ["db", "grant", "role", "--database", url],
    ("backup",): lambda url, db: ["backup", "--database", url, url.removeprefix("sqlite:///")],
}

_PATHS = {"FILE", "FILE|-", "PATH", "PLAN.json|-", "FILE.jsonl", "-o/--output", "--fhir"}


def test_the_path_sweep_covers_every_path_option_of_every_command() -> None:
    found = {(w, _name(a)) for w, a in VALUE_PLACES if {_name(a), str(a.metavar)} & _PATHS}
    assert found - {(("gui",), "FILE")} == set(PATH_OPTIONS)
    urls = {w for w, a in VALUE_PLACES if _name(a) == "--database"}
    assert urls == set(DATABASE_COMMANDS)


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('records') / 'records.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0
    return url


def _bad_paths(folder: Path) -> dict[str, str]:
    return {
        "a name too long": str(folder / ("x" * 300)),
        "a whole path too long": str(folder / "/".join(["y" * 200] * 30)),
        "a missing folder": str(folder / "no-such-folder" / "file.json"),
        "a folder": str(folder),
        "a NUL": str(folder / "a\0b"),
    }


@pytest.mark.parametrize("kind", list(_bad_paths(Path("/tmp"))))
@pytest.mark.parametrize("option", list(PATH_OPTIONS), ids=lambda o: " ".join((*o[0], o[1])))
def test_a_path_the_system_refuses_is_one_line_naming_the_option(
    option: tuple[tuple[str, ...], str], kind: str, records: str, tmp_path: Path
) -> None:
    argv = PATH_OPTIONS[option](_bad_paths(tmp_path)[kind], records)
    done = run_cli(*argv, stdin="{}")
    assert done.returncode == 2, (argv[:3], done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    name = option[1]  # a positional is said as FILE (read_input_text) or as its metavar
    named = (name.split("/")[-1],) if name.startswith("-") else ("FILE", name.split("|")[0])
    assert any(f"{n}: " in done.stderr for n in named), done.stderr
    assert "Errno" not in done.stderr and "internal error" not in done.stderr, done.stderr


@pytest.mark.parametrize("kind", list(_bad_paths(Path("/tmp"))))
@pytest.mark.parametrize("command", list(DATABASE_COMMANDS), ids=" ".join)
def test_a_records_path_the_system_refuses_never_exits_3(
    command: tuple[str, ...], kind: str, records: str, tmp_path: Path
) -> None:
    url = f"sqlite:///{_bad_paths(tmp_path)[kind]}"
    done = run_cli(*DATABASE_COMMANDS[command](url, records))
    assert done.returncode in (0, 2), done.stderr
    assert "internal error" not in done.stderr and "Errno" not in done.stderr, done.stderr
    if done.returncode == 2:
        assert done.stderr.count("\n") == 1, done.stderr
