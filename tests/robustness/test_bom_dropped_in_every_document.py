"""A UTF-8 byte-order mark at the start of any input document is dropped, as the docs promise
and as plain ``mme`` did (fuzz review 17, D3: ``patients import`` and ``fhir import`` refused a
record or Bundle saved by a Windows editor with "a byte-order mark (U+FEFF) is only accepted at
the start of a file", exactly where it was). Every command reads its document through one reader
(``input_files.read_document``), so each gives the same answer with and without the mark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import CliRun, run_cli

BOM = b"\xef\xbb\xbf"
FHIR_CASE = Path(__file__).parents[1] / "fhir" / "cases" / "fentanyl-patch.fhir.json"
RECHECK_PLAN = Path(__file__).parents[1] / "fhir" / "fixtures" / "recheck16b" / "F-R07.json"
REGIMEN = {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}
ROTATION = {
    "from": REGIMEN,
    "to": {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"},
    "table": "uk-palliative",
}
YAML_REGIMEN = b"items:\n  - {drug: morphine, route: oral, dose: 10 mg, frequency: q4h}\n"
CHECK = {"from": REGIMEN, "proposed": REGIMEN}

DOCUMENTS: dict[str, tuple[list[str], bytes]] = {
    "mme": (["mme", "--json"], json.dumps(REGIMEN).encode()),
    "mme yaml": (["mme", "--json"], YAML_REGIMEN),
    "rotate": (["rotate", "--json"], json.dumps(ROTATION).encode()),
    "check": (["check", "--json"], json.dumps(CHECK).encode()),
    "fhir import": (["fhir", "import", "--json"], FHIR_CASE.read_bytes()),
    "fhir export": (["fhir", "export"], RECHECK_PLAN.read_bytes()),
}


def _both(argv: list[str], body: bytes, tmp_path: Path, *, stdin: bool) -> tuple[CliRun, CliRun]:
    runs = []
    for folder, data in (("plain", body), ("marked", BOM + body)):
        if stdin:
            runs.append(run_cli(*argv, "-", stdin=data))
        else:  # one file name in two folders: the name is in some outputs
            (tmp_path / folder).mkdir()
            (tmp_path / folder / "document.json").write_bytes(data)
            runs.append(run_cli(*argv, str(tmp_path / folder / "document.json")))
    return runs[0], runs[1]


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
@pytest.mark.parametrize("command", sorted(DOCUMENTS))
def test_a_bom_at_the_start_changes_nothing(command: str, stdin: bool, tmp_path: Path) -> None:
    argv, body = DOCUMENTS[command]
    plain, marked = _both(argv, body, tmp_path, stdin=stdin)
    assert plain.returncode == 0, plain.stderr
    assert marked.returncode == 0, marked.stderr
    assert marked.stdout == plain.stdout


def test_mme_fhir_reads_a_marked_bundle(tmp_path: Path) -> None:
    marked = tmp_path / "marked.fhir.json"
    marked.write_bytes(BOM + FHIR_CASE.read_bytes())
    plain = run_cli("mme", "--json", "--fhir", str(FHIR_CASE))
    run = run_cli("mme", "--json", "--fhir", str(marked))
    assert run.returncode == plain.returncode == 0, run.stderr
    assert run.stdout == plain.stdout


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_patients_import_reads_a_marked_record(stdin: bool, tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", source).returncode == 0
    exported = run_cli("patients", "export", "takamatsu-2018-case-1", "--database", source)
    assert exported.returncode == 0, exported.stderr
    target = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    marked = BOM + exported.stdout.encode("utf-8")
    path = tmp_path / "marked.json"
    path.write_bytes(marked)
    argv = ["patients", "import", "-" if stdin else str(path), "--as", "bom1", "--database", target]
    run = run_cli(*argv, stdin=marked if stdin else None)
    assert run.returncode == 0, run.stderr
    assert "bom1" in run_cli("patients", "list", "--database", target).stdout


def test_a_bom_anywhere_else_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "inside.json"
    path.write_bytes(b"{" + BOM + b'"items": []}')
    run = run_cli("fhir", "import", str(path))
    assert run.returncode == 2
    assert run.stderr.startswith("mps-pain: line 1, column 2: inside.json is not valid JSON")
