"""Fuzz review 18, D7: ``patients import --as 'fpm-2021 '`` (or with a trailing NBSP) stored
``fpm-2021``, while ``patients show 'takamatsu-2018-case-1<NBSP>'`` said "no patient". Every
command that takes a patient id reads it by the one rule the stored ids were made by
(``clean_identifier``: NFC, trimmed), so an id typed as ``import`` reads it finds the patient."""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain_cli.main import _parser
from tests.cli.test_option_values_and_paths import VALUE_PLACES
from tests.cli_runner import run_cli

PATIENT = "takamatsu-2018-case-1"
SPELT = [f"{PATIENT} ", f" {PATIENT}", f"{PATIENT}\u00a0", f"\u3000{PATIENT}\t"]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ids') / 'records.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0
    return url


@pytest.mark.parametrize("typed", SPELT)
@pytest.mark.parametrize("action", ["show", "export"])
def test_an_id_with_surrounding_space_finds_the_patient(
    records: str, action: str, typed: str
) -> None:
    done = run_cli("patients", action, typed, "--database", records)
    assert done.returncode == 0, done.stderr
    assert PATIENT in done.stdout


def test_every_patient_id_of_every_command_is_read_by_the_one_rule() -> None:
    ids = [(w, a) for w, a in VALUE_PLACES if a.dest in ("identifier", "as_identifier")]
    assert {w for w, _ in ids} == {("patients", c) for c in ("show", "export", "import")}
    for words, action in ids:
        argv = [*words, *action.option_strings[:1], f"{PATIENT}\u00a0"]
        if words[-1] != "import":
            parsed = _parser("patients").parse_args(argv)
        else:
            parsed = _parser("patients").parse_args([*argv, "-"])
        assert getattr(parsed, action.dest) == PATIENT, (words, action.dest)


def test_an_id_imported_with_a_trailing_space_is_found_as_typed(
    records: str, tmp_path: Path
) -> None:
    out = tmp_path / "p.json"
    assert (
        run_cli("patients", "export", PATIENT, "--database", records, "-o", str(out)).returncode
        == 0
    )
    assert (
        run_cli("patients", "import", str(out), "--as", "copy-1 ", "--database", records).returncode
        == 0
    )
    assert run_cli("patients", "show", "copy-1\u00a0", "--database", records).returncode == 0
