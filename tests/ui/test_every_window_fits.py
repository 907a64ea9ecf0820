"""Every top-level window and dialog the app can open, at 1280×720 and at scale 2 (issue 10 §3;
review 5: "screenshots of every window … the converter, the check PDF, the user guide and the
records dialogs").

Each window is opened at the size it opens at on that screen (``fit_checks.opening_size``): it
fits the screen, no text is clipped (at 1280×720 not even elided with a tooltip, and no table
hides a column behind a sideways scroll bar), no widget is cut, no list is a sliver, and its
buttons (OK, Cancel, Close…) are on it whole. The main window's tabs, the practice window, the
records window and their key widgets (the total, the set selectors, the verdict, the
converter's answer) are checked in test_layout_fit.py and
test_nothing_clipped_or_below_the_fold.py; the first test here fails when a window class is
added to ``ui`` without being checked.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMessageBox,
    QWidget,
)

import ui
from mps_pain.fhir.importer import import_fhir
from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from tests.fhir.conftest import CASES
from tests.ui.fit_checks import (
    SIZES,
    clipped_texts,
    cut_widgets,
    opening_size,
    shown_whole,
    sideways_pages,
    slivers,
)
from ui.about import about_box
from ui.fhir_actions import FhirReportDialog, import_report
from ui.help.guide_window import UserGuide
from ui.main_window import MainWindow
from ui.practice.practice_window import PracticeWindow
from ui.preferences import PreferencesDialog
from ui.records import RecordsWindow
from ui.records.choose_patient import ChoosePatientDialog
from ui.records.dialogs import EventDialog, NewPatientDialog, RegimenVersionDialog
from ui.records.plans_view import PlanDialog
from ui.settings import AppSettings

FULL_HD = "1280x720"
SCALE_2 = "1280x720@2 = 640x360 logical"
CASE_1 = "takamatsu-2018-case-1"

# checked elsewhere, with their key widgets (see the module's docstring)
CHECKED_ELSEWHERE = {
    MainWindow: "test_layout_fit.py, test_nothing_clipped_or_below_the_fold.py",
    PracticeWindow: "test_layout_fit.py, test_nothing_clipped_or_below_the_fold.py",
    RecordsWindow: "test_layout_fit.py",
}


def _window_classes() -> set[type]:
    """Every class in ``ui`` that is a window: a dialog, a main window, or a widget that makes
    itself a window (the records window)."""
    found: set[type] = set()
    for module_info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, QWidget):
                continue
            source = inspect.getsource(cls)
            if issubclass(cls, QDialog | QMainWindow) or "WindowType.Window, True" in source:
                found.add(cls)
    # a base class (the main window's Workstation) is checked through the class made of it
    return {cls for cls in found if not any(cls in other.__mro__[1:] for other in found)}


@pytest.fixture
def service(tmp_path: Path, examples_sqlite: Callable[[str | None], Path]) -> PatientService:
    database = Database.open(records_copy(examples_sqlite(None), tmp_path / "records.sqlite3"))
    service = PatientService(database)
    ref = service.tables.ref("uk-palliative")
    service.save_plan(
        CASE_1,
        kind="plan",
        title="oxycodone modified-release to a fentanyl patch after the radiotherapy",
        inputs={"to": "fentanyl"},
        outputs={"table": ref.model_dump(mode="json")},
    )
    return service


def _dialogs(case_window: MainWindow, service: PatientService, tmp_path: Path) -> list[QWidget]:
    """One of each dialog, as the app opens it (with the content a user sees)."""
    tables = case_window.session.tables
    assert tables is not None
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    imported = import_fhir(
        (CASES / "takamatsu-2018-case-1-admission.fhir.json").read_text(encoding="utf-8"),
        origin="admission.json",
        tables=tables,
    )
    latest = service.regimen_versions(CASE_1)[-1].regimen
    return [
        UserGuide(case_window),
        PreferencesDialog(settings, tables, case_window),
        FhirReportDialog(case_window, "Imported from FHIR", *import_report(imported)),
        PlanDialog(service.plans(CASE_1)[0], tables.sha256, case_window),
        NewPatientDialog(case_window),
        EventDialog("calendar", case_window),
        RegimenVersionDialog("relative-days", latest, tables, case_window),
        ChoosePatientDialog(
            service, "the regimen as a new version", CASE_1, lambda _: None, case_window
        ),
        ChoosePatientDialog(service, "", None, lambda _: None, case_window, opening=True),
        about_box(case_window),
    ]


def _deleted(dialogs: list[QWidget]) -> None:
    """Gone before the next test (a helper there looks for a chooser among all windows)."""
    for dialog in dialogs:
        dialog.hide()
        dialog.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_every_window_class_of_the_app_is_checked(case_window, service, tmp_path) -> None:
    dialogs = _dialogs(case_window, service, tmp_path)
    checked = {type(dialog) for dialog in dialogs}
    _deleted(dialogs)
    checked |= set(CHECKED_ELSEWHERE)
    unchecked = {cls.__qualname__ for cls in _window_classes() - checked}
    assert unchecked == set(), "add these windows to _dialogs()"


def _problems(dialog: QWidget, size: str) -> list[str]:
    wanted = opening_size(dialog, size)
    dialog.resize(*wanted)
    for _ in range(3):
        QApplication.processEvents()
    roomy = size == FULL_HD
    larger = dialog.width() > SIZES[size][0] or dialog.height() > SIZES[size][1]
    problems = [f"{dialog.width()}×{dialog.height()} larger than {size}"] if larger else []
    problems += clipped_texts(dialog, strict=roomy) + cut_widgets(dialog) + slivers(dialog)
    problems += sideways_pages(dialog)
    for box in dialog.findChildren(QDialogButtonBox):
        problems += [
            f"button {b.text()!r} cut" for b in box.buttons() if not shown_whole(b, dialog)
        ]
    return problems


@pytest.mark.parametrize("size", [FULL_HD, SCALE_2])
def test_every_dialog_fits_with_nothing_clipped_and_its_buttons_on_it(
    case_window, service, tmp_path, size: str
) -> None:
    found = {}
    dialogs = _dialogs(case_window, service, tmp_path)
    for dialog in dialogs:
        dialog.show()  # its own size first (a dialog sizes itself when shown)
        QApplication.processEvents()
        found[dialog.windowTitle() or type(dialog).__name__] = _problems(dialog, size)
        if isinstance(dialog, QMessageBox):
            assert dialog.buttons(), "the About box has its OK button"
        dialog.hide()
    _deleted(dialogs)
    assert {title: problems for title, problems in found.items() if problems} == {}
