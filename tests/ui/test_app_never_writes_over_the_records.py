"""No file the app writes replaces its records database or the database's working files (fuzz
review 17, D2: the command line's `patients export -o <the database> --force` replaced every
record; the app's save dialogs reach the same files). Every writer of the app (regimen, PDF,
FHIR export, record export, practice progress) asks the one guard the command line asks; the
file dialogs are the only thing replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import InputError
from mps_pain.persistence.practice_store import PracticeStore
from mps_pain.services.patient_service import PatientService
from mps_pain.tables.loader import get_tables
from ui.files import write_document
from ui.practice.practice_window import PracticeWindow
from ui.printing.dialogs import save_pdf
from ui.records.record_files import export_record_file

SUFFIXES = ["", "-wal", "-journal"]
REGIMEN = {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]}


def _records_file(service: PatientService) -> Path:
    return Path(service.location())


def _intact(service: PatientService) -> None:
    assert [p.info.identifier for p in service.patient_listing().patients] == ["MRN-0001"]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(str(a[2])))
    return said


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_regimen_is_never_saved_over_the_records(
    records_service: PatientService, suffix: str
) -> None:
    target = Path(f"{_records_file(records_service)}{suffix}")
    with pytest.raises(InputError, match="records database"):
        write_document(RegimenDocument.model_validate(REGIMEN), target)
    _intact(records_service)


def test_a_pdf_is_never_written_over_the_records(
    qtbot: Any, records_service: PatientService, warnings: list[str]
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    written: list[Path] = []
    target = _records_file(records_service)
    done = save_pdf(window, "A4", what="plan", write=lambda p: written.append(p) or 1, path=target)
    assert done is None and written == []
    assert warnings and "records database" in warnings[0]
    _intact(records_service)


class _Host:
    def __init__(self, service: PatientService) -> None:
        self.service, self.errors = service, []

    current_identifier = "MRN-0001"

    def show_error(self, err: Exception) -> None:
        self.errors.append(str(err))

    def status_ok(self, message: str) -> None:
        raise AssertionError(f"written: {message}")


def test_a_record_is_never_exported_over_the_records(
    qtbot: Any, records_service: PatientService, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = str(_records_file(records_service))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    host = _Host(records_service)
    export_record_file(host, None)  # type: ignore[arg-type]
    assert host.errors and "records database" in host.errors[0]
    _intact(records_service)


def test_progress_is_never_exported_over_the_records(
    qtbot: Any, records_service: PatientService, warnings: list[str]
) -> None:
    window = PracticeWindow(
        get_tables(), PracticeStore(records_service.records.database), learner="A"
    )
    qtbot.addWidget(window)
    window.export_csv(str(_records_file(records_service)))
    assert warnings and "records database" in warnings[0]
    _intact(records_service)


def test_a_plan_is_never_exported_as_fhir_over_the_records(
    make_window: Any, rotation_tables: Any, records_service: PatientService, warnings: list[str]
) -> None:
    # start-up seam: as the app, the FHIR actions load on first use
    from ui.fhir_actions import export_plan_as_fhir

    window = make_window(rotation_tables)
    window.ensure_panels()
    daily = {"drug": "alphadone", "route": "oral", "form": "er", "daily_dose": "60 mg/day"}
    window.session.replace_document(RegimenDocument.model_validate({"items": [daily]}))
    window.planner.set_target("betadone", "oral", frequency="q12h", table="set-equi")
    assert window.planner.plan is not None
    assert export_plan_as_fhir(window, path=_records_file(records_service)) is None
    assert any("records database" in said for said in warnings), warnings
    _intact(records_service)
