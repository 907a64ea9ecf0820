"""Fuzz review 19, D6: a regimen given to ``patients import`` was refused with "exported_at: The
record lacks 'exported_at' … (and 3 more problems)": the words do not say what the file is, nor
which command takes it.

The class: any of the program's documents given to a command that takes another. Each command
that reads a document (``mme``, ``rotate``, ``check``, ``fhir export``, ``practice grade``,
``patients import``) now says what the file is and which command reads it (one rule,
``document_kinds.other_kind``), and what it takes. A document of the right kind with a problem
keeps its own refusal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mps_pain.services.example_patients import example_documents
from tests.cli_runner import REPO, CliRun, run_cli, run_document

REGIMEN: dict[str, Any] = {
    "table": "uk-palliative",
    "items": [
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
    ],
}
SWITCH: dict[str, Any] = {
    "from": {"items": REGIMEN["items"]},
    "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    "table": "uk-palliative",
    "patient": {"age": 66, "opioid_tolerant": True},
}
CHECK: dict[str, Any] = {
    "from": {"items": REGIMEN["items"]},
    "proposed": {"items": [dict(REGIMEN["items"][0], drug="oxycodone", dose="20 mg")]},
    "table": "uk-palliative",
    "patient": {"age": 66, "opioid_tolerant": True},
}
ANSWERS: dict[str, Any] = {"exercise": "L1.x", "answers": {"ome_per_day": "60 mg/day"}}


def _plan() -> dict[str, Any]:
    done = run_document("rotate", SWITCH, "--json")
    assert done.returncode == 0, done.stderr
    plan: dict[str, Any] = json.loads(done.stdout)
    return plan


def _record() -> dict[str, Any]:
    record: dict[str, Any] = example_documents()[0].model_dump(mode="json")
    return record


def _fhir() -> dict[str, Any]:
    path = REPO / "tests" / "fhir" / "cases" / "fentanyl-patch.fhir.json"
    fhir: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return fhir


# (what the file is called, the command named as reading it, the document)
DOCUMENTS: dict[str, tuple[str, str, Callable[[], dict[str, Any]]]] = {
    "regimen": ("a regimen", "mps-pain mme", lambda: REGIMEN),
    "switch": ("a switching request", "mps-pain rotate", lambda: SWITCH),
    "check": ("a proposed order to check", "mps-pain check", lambda: CHECK),
    "plan": ("a switching plan", "mps-pain fhir export", _plan),
    "answers": ("practice answers", "mps-pain practice grade", lambda: ANSWERS),
    "record": ("a patient record file", "mps-pain patients import", _record),
    "fhir": ("a FHIR file", "mps-pain fhir import", _fhir),
}
COMMANDS = {  # the command, and the kind it reads
    "mme": "regimen",
    "rotate": "switch",
    "check": "check",
    "fhir export": "plan",
    "practice grade": "answers",
    "patients import": "record",
}


def _run(command: str, document: dict[str, Any], tmp_path: Path) -> CliRun:
    if command == "patients import":
        path = tmp_path / "in.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return run_cli("patients", "import", str(path), "--database", database)
    return run_cli(*command.split(), "-", stdin=json.dumps(document))


PAIRS = [(c, k) for c in COMMANDS for k in DOCUMENTS if COMMANDS[c] != k]


@pytest.mark.parametrize(("command", "kind"), PAIRS)
def test_a_document_of_another_kind_is_named_with_the_command_that_reads_it(
    command: str, kind: str, tmp_path: Path
) -> None:
    what, reader, build = DOCUMENTS[kind]
    done = _run(command, build(), tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    said = done.stderr
    assert said.count("\n") == 1, said
    assert f"is {what}" in said and f"`{reader}`" in said, said
    assert DOCUMENTS[COMMANDS[command]][0] in said, said  # and what this command takes


def test_the_reviews_regimen_given_to_patients_import(tmp_path: Path) -> None:
    said = _run("patients import", REGIMEN, tmp_path).stderr
    assert "exported_at" not in said and "more problem" not in said, said
    assert "This is a regimen, which `mps-pain mme` reads" in said, said
    assert said.rstrip().endswith("Nothing was imported."), said


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_right_kind_with_a_problem_keeps_its_own_refusal(command: str, tmp_path: Path) -> None:
    document = dict(DOCUMENTS[COMMANDS[command]][2]())
    document["unknown_key_here"] = 1
    done = _run(command, document, tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "unknown_key_here" in done.stderr and "reads" not in done.stderr, done.stderr
