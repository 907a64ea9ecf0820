"""Files in the CLI's format, the printed plan, the crash hook and `mps-pain gui --smoke`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.services.documents import parse_document_text
from mps_pain.services.mme_service import calculate_mme
from ui.app import crash_log_path, install_exception_hook
from ui.files import read_document, write_document
from ui.printing.plan_pdf import write_plan_pdf
from ui.printing_actions import plan_content

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_saved_files_reopen_identically_and_the_cli_reads_them(case_window, tmp_path, suffix):
    path = tmp_path / f"regimen{suffix}"
    document = case_window.session.state.document
    write_document(document, path)
    assert read_document(path) == document
    raw = parse_document_text(path.read_text(encoding="utf-8"))
    assert calculate_mme(raw).total_mme_per_day == case_window.session.result.total_mme_per_day
    assert case_window.open_path(path)
    assert case_window.session.path == path
    assert case_window.settings.recent_files[0] == str(path)


def test_a_broken_file_is_refused_and_the_regimen_kept(case_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    bad = tmp_path / "bad.yaml"
    bad.write_text("items:\n  - drug: oxycodone\n    route: oral\n    doze: 5 mg\n")
    assert not case_window.open_path(bad)
    assert "did you mean “dose”" in shown[0]  # the key the file meant, in words
    assert case_window.results_panel.total_label.text() == "90 MME/day"


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_plan_pdf_holds_the_clinical_document(case_window, tmp_path, page_size) -> None:
    content = plan_content(case_window)
    path = tmp_path / "out" / f"plan-{page_size}.pdf"
    pages = write_plan_pdf(path, content, page_size=page_size)
    assert pages >= 1
    text = " ".join(_pdf_text(path).split())
    tables = case_window.session.tables
    for expected in (
        "Takamatsu 2018 case 1",
        "Age: 31 years",
        "Tables version:",
        tables.version,
        tables.sha256[:32],
        "Reference set: CDC 2022 Clinical Practice Guideline MME table",
        "90 MME/day",
        "oxycodone oral ER",
        "Worked arithmetic",
        "Warnings",
        "not applied to this patient",  # CDC's scope note replaces its danger (palliative case)
        "Prescriber",
        "Checking pharmacist",
        "VERIFY BEFORE USE",
        f"Page 1 of {pages}",
    ):
        assert expected in text, expected
    box = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert ("595 x 842" in box) if page_size == "A4" else ("612 x 792" in box)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_the_pdf_includes_the_switching_plan_when_there_is_one(
    make_window, rotation_tables, tmp_path
) -> None:
    window = make_window(rotation_tables)
    window.ensure_panels()  # the planner tab, as when first shown
    window.session.replace_document(
        RegimenDocument.model_validate(
            {
                "items": [
                    {"drug": "alphadone", "route": "oral", "form": "er", "daily_dose": "60 mg/day"}
                ]
            }
        )
    )
    window.planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    path = tmp_path / "plan.pdf"
    write_plan_pdf(path, plan_content(window))
    text = " ".join(_pdf_text(path).split())
    for expected in (
        "Switching plan",
        "Switch to betadone oral",
        "Target daily dose",
        "Breakthrough dose",
        "Transition schedule",
        "Steps",
        "Monitoring",
    ):
        assert expected in text, expected


def test_an_unexpected_error_is_logged_calmly_and_the_regimen_kept(
    qtbot, case_window, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    previous = sys.excepthook
    try:
        hook = install_exception_hook(lambda: case_window, case_window.recovery_snapshot)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            hook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    log = crash_log_path()
    assert log.is_relative_to(tmp_path)
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in text
    assert "daily_dose" in text  # the regimen at the time is kept in the log
    box = case_window.findChild(QMessageBox, "crash_message")
    assert box is not None and "still open" in box.text() and str(log) in box.text()
    box.close()
    assert case_window.results_panel.total_label.text() == "90 MME/day"


def test_settings_default_set_applies_to_a_new_regimen(make_window, tables, app_settings) -> None:
    app_settings.default_set = "uk-palliative"
    app_settings.prn_default = "exclude"
    window = make_window(tables)
    window.new_document()
    assert window.session.state.document.table == "uk-palliative"
    assert window.session.result.table.id == "uk-palliative"
    assert window.session.result.prn == "exclude"


def test_about_box_names_the_versions(case_window) -> None:
    from ui.about import about_html

    text = about_html(case_window.session.tables)
    assert case_window.session.tables.sha256 in text and "PySide6" in text


def test_gui_smoke_run_opens_an_example_and_exits_0(tmp_path) -> None:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "mps_pain_cli", "gui", "--smoke"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "first paint:" in done.stdout
    # no preference stored: the example opens under the palliative default set (uk-palliative)
    assert "first MME shown:" in done.stdout and "(90 OME/day)" in done.stdout


def test_the_mme_command_never_loads_qt() -> None:
    code = (
        "import sys; from mps_pain_cli.main import main;"
        "main(['mme', 'data/cases/takamatsu-2018-case-1/step-3-oxycodone-raised.yaml']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'shiboken6')];"
        "raise SystemExit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_a_printed_plan_without_a_dose_says_so_and_the_reduction_reads_as_a_percentage(
    naive_window, tmp_path
) -> None:
    window = naive_window
    window.planner.set_target("fentanyl", "transdermal")
    path = tmp_path / "no-dose.pdf"
    write_plan_pdf(path, plan_content(window))
    text = " ".join(_pdf_text(path).split())
    assert "New regimen NO DOSE" in text
    # no dose, no reduction to copy (pharmacist review 5b, N3: "Reduction 25%" under NO DOSE)
    assert "Reduction for incomplete cross-tolerance not applied: no dose is proposed" in text
    assert "25%" not in text.split("Switching plan", 1)[1].split("Steps", 1)[0]
    window.planner.set_target("morphine", "oral", form="er", frequency="q12h")
    write_plan_pdf(path, plan_content(window))
    text = " ".join(_pdf_text(path).split())
    assert "Reduction for incomplete cross-tolerance 25%" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_japanese_label_citations_print_as_text_not_boxes(case_window, tmp_path) -> None:
    case_window.ensure_panels()  # the planner tab, as when first shown
    case_window.planner.set_target("methadone", "oral", frequency="q8h", table="jspm-2010")
    path = tmp_path / "methadone.pdf"
    write_plan_pdf(path, plan_content(case_window))
    assert "メサペイン" in _pdf_text(path)
