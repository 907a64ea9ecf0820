"""The CLI's text total says what the app's headline says (clinician review 9 #1): a danger
names its row beside the total, never a calm number."""

from __future__ import annotations

from pathlib import Path

from tests.cli_runner import run_cli


def _total(tmp_path: Path, rate: str) -> str:
    file = tmp_path / "regimen.yaml"
    file.write_text(
        "table: uk-palliative\nitems:\n"
        "  - {drug: oxycodone, route: oral, form: ER, daily_dose: 60 mg/day}\n"
        f"  - {{drug: fentanyl, route: transdermal, rate: {rate}}}\n",
        encoding="utf-8",
    )
    done = run_cli("mme", str(file))
    assert done.returncode == 0, done.stderr
    return next(line for line in done.stdout.splitlines() if line.startswith("Total:"))


def test_a_ten_times_patch_marks_the_text_total(tmp_path: Path) -> None:
    assert _total(tmp_path, "250 mcg/h") == "Total: 690 OME/day — check row 2: danger"
    assert _total(tmp_path, "25 mcg/h") == "Total: 150 OME/day"
