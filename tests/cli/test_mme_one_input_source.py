"""``mme`` reads one of FILE, --fhir or --batch (fuzz review 20, D8).

``mme --batch FILE --fhir X`` ran the batch and ignored --fhir without a word, where FILE with
--fhir was refused: a user could believe the FHIR regimen was counted. Every pair is refused, and
--jobs (like --summary) is refused without --batch."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

REGIMEN = (
    '{"table": "cdc-2022", "items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg"}]}'
)


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, list[str]]:
    regimen = tmp_path / "r.json"
    regimen.write_text(REGIMEN, encoding="utf-8")
    batch = tmp_path / "b.jsonl"
    batch.write_text(REGIMEN + "\n", encoding="utf-8")
    fhir = Path(__file__).parents[1] / "fhir" / "cases" / "fentanyl-patch.fhir.json"
    return {
        "FILE": [str(regimen)],
        "--fhir": ["--fhir", str(fhir)],
        "--batch": ["--batch", str(batch)],
    }


@pytest.mark.parametrize("pair", list(itertools.combinations(["FILE", "--fhir", "--batch"], 2)))
def test_two_input_sources_are_refused(
    sources: dict[str, list[str]], pair: tuple[str, str]
) -> None:
    done = run_cli("mme", *sources[pair[0]], *sources[pair[1]])
    assert done.returncode == 2, done.stdout
    assert done.stderr.count("\n") == 1
    assert all(name in done.stderr for name in pair)
    assert not done.stdout


def test_jobs_without_batch_is_refused(sources: dict[str, list[str]]) -> None:
    done = run_cli("mme", *sources["FILE"], "--jobs", "2")
    assert done.returncode == 2
    assert "--jobs" in done.stderr and "--batch" in done.stderr
