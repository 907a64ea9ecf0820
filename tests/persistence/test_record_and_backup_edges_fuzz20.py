"""Two edges of the records' files (fuzz review 20, D7 and D9).

- D7: ``format_version: "1"`` (text) was refused as "The file's record format version is 1; this
  program reads version 1", a sentence that contradicts itself: the refusal says it is text.
- D9: ``backup`` wrote a file whose name held a line break, where ``patients import --as``
  refuses control characters: a file the program writes (a backup, an --output) is refused a name
  with a control character, and nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mps_pain.errors import InputError
from mps_pain.input_files import refuse_special_file
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import run_cli


@pytest.mark.parametrize("version", ["1", "2", " 1"])
def test_a_format_version_written_as_text_is_said_to_be_text(
    sqlite_url: str, tmp_path: Path, version: str
) -> None:
    source = PatientService(Database.open(sqlite_url), user="tester")
    source.create_patient(PatientInfo(identifier="p"))
    document = source.export_patient("p").model_dump(mode="json")
    document["format_version"] = version
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli("patients", "import", str(path), "--as", "q", "--database", sqlite_url)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"the text '{version}'" in done.stderr
    assert "the number 1" in done.stderr
    assert f"version is {version};" not in done.stderr


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x1b", "\x00"])
def test_a_written_file_name_with_a_control_character_is_refused(tmp_path: Path, char: str) -> None:
    path = tmp_path / f"bk{char}nl.sqlite3"
    if char == "\x00":
        with pytest.raises(InputError, match="control character"):
            refuse_special_file(str(path), location="PATH", output=True)
        return
    with pytest.raises(InputError, match="control character"):
        refuse_special_file(path, location="PATH", output=True)
    assert not path.exists()


def test_the_reviews_backup_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    target = tmp_path / "bk\nnl.sqlite3"
    done = run_cli("backup", "--database", sqlite_url, str(target))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "control character" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if "nl" in p.name) == []
