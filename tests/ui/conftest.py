"""UI test fixtures: offscreen Qt, settings in a temporary .ini, windows made and torn down."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import load_tables
from tests.conftest import records_copy
from ui.converter.describe import ConversionQuestion
from ui.examples import examples_dir
from ui.main_window import MainWindow
from ui.screen_fit import remember_sizes_in
from ui.settings import AppSettings
from ui.startup import set_aside_feature_hook

# PySide6's ``__feature__`` hook wraps every import statement of the process (every test's
# function-level imports too; 954k calls in one run of the suite) and reads the source of each
# module imported after Qt. The app sets it aside at start-up (ui/startup.py; no module of
# ours uses a feature switch, which test_startup_process.py checks); so does each test process,
# once, as soon as Qt is loaded. That test puts the hook back for its own check.
set_aside_feature_hook()

if TYPE_CHECKING:
    from mps_pain.services.patient_service import PatientService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASE_1_RAISED = examples_dir() / "takamatsu-2018-case-1" / "step-3-oxycodone-raised.yaml"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin says it cannot propagate size hints, raise a window or grab
    # the keyboard (a suggestion list opening); that is not our fault.
    for item in items:
        if "tests/ui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(
                pytest.mark.qt_log_ignore("propagateSizeHints", "This plugin does not support")
            )


@pytest.fixture(autouse=True)
def _window_sizes_not_shared_between_tests() -> Iterator[None]:
    """A main window points ``ui.screen_fit`` at its test's settings; the next test starts
    without remembered window sizes."""
    yield
    remember_sizes_in(None)


@pytest.fixture(autouse=True)
def _windows_deleted_after_each_test() -> Iterator[None]:
    """The windows a test made are deleted when it ends, as the app's event loop deletes a
    closed window. pytest-qt closes each ``qtbot.addWidget`` window and calls ``deleteLater``,
    but without a running event loop the deletion waited for the next test that ran one: a
    worker held up to ~1,600 top-level windows and ~17,000 widgets of earlier tests, and every
    application-wide event (polish, screen and style changes, the wheel guard's filter) walked
    them. Torn down after the test's other fixtures (autouse: set up first), so they still see
    their windows."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _every_dialog_answer_used() -> Iterator[None]:
    """A test that scripted an answer for a dialog that never opened fails here, instead of its
    answer polling on into the next test and answering that test's dialog."""
    yield
    from tests.ui.record_dialogs import unused_steps  # it imports this conftest

    left = unused_steps()
    assert not left, f"answers scripted for dialogs that never opened: {left}"


@pytest.fixture(scope="session")
def rotation_tables() -> TableIndex:
    """Made-up drugs (alphadone, betadone…) with rotation rules: planner and check tests."""
    return load_tables(FIXTURES / "rotation_tables.yaml")


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    """A user who chose CDC 2022 as the default set: these tests were written against its MME
    totals. The palliative default by market (no set chosen) is tested in test_default_set.py."""
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.default_set = "cdc-2022"
    return settings


@pytest.fixture
def fresh_settings(tmp_path: Path) -> AppSettings:
    """No preference stored: the app's own defaults."""
    return AppSettings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, app_settings: AppSettings) -> Iterator[Callable[..., MainWindow]]:
    """``make(tables, path)``: a main window as the app starts it. Its planner, check and
    converter tabs are built when first shown, as in the app (a third of a window's cost, and
    each later edit re-plans in them): a test that reads them without opening the tab calls
    ``window.ensure_panels()``."""
    made: list[MainWindow] = []

    def make(
        tables: TableIndex | None = None,
        path: Path | None = None,
        *,
        settings: AppSettings | None = None,
    ) -> MainWindow:
        window = MainWindow(settings or app_settings)
        window.ask_before_discard = False
        qtbot.addWidget(window)
        window.start(tables=tables, path=None)
        if path is not None:
            assert window.open_path(path, example=True)
        made.append(window)
        return window

    yield make
    for window in made:
        window.session.undo_stack.setClean()


@pytest.fixture
def case_window(make_window, tables: TableIndex) -> MainWindow:
    """The main window with Takamatsu case 1, step 3 (oxycodone ER 60 mg/day) open."""
    return make_window(tables, CASE_1_RAISED)


def shown(window: MainWindow) -> MainWindow:
    """The window shown and active, as a person has it (keys go to its focus widget)."""
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window


def ask_oxycodone_to_patch(
    window: MainWindow, table: str | None = None, amount: str = "60 mg/day"
) -> Any:
    """The quick converter (its tab) asked oxycodone ``amount`` oral → a fentanyl patch, under
    ``table`` if given; returns the converter panel."""
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    if table is not None:
        panel.table.setCurrentIndex(panel.table.findData(table))
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", amount, "", "fentanyl", "transdermal", "")
    )
    return panel


@pytest.fixture
def naive_window(make_window, tables: TableIndex) -> MainWindow:
    """An opioid-naive regimen for a patch (tramadol 50 mg qid, FPM 2021): a switch to a patch
    proposes no dose."""
    window = make_window(tables)
    window.ensure_panels()  # the planner and check tabs, as when first shown
    tramadol = {"drug": "tramadol", "route": "oral", "dose": "50 mg", "frequency": "qid"}
    document = {"table": "fpm-2021", "prn": "include", "items": [tramadol]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    return window


@pytest.fixture
def records_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite: Path
) -> Iterator[PatientService]:
    """The app's records (``MPS_PAIN_DATABASE_URL``) in a fresh copy of the migrated template,
    holding one patient, MRN-0001 "A Patient"; the service the tests read it back with."""
    # start-up seam: only tests that use a records file load SQLAlchemy and alembic
    from mps_pain.persistence.database import Database
    from mps_pain.persistence.records import PatientInfo
    from mps_pain.services.patient_service import PatientService

    url = records_copy(migrated_sqlite, tmp_path / "records.sqlite3")
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    database = Database.open(url)
    service = PatientService(database)
    service.create_patient(PatientInfo(identifier="MRN-0001", display_name="A Patient"))
    yield service
    database.close()
