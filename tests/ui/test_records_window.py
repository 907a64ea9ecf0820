"""The records window under pytest-qt: timeline drawn, versions diffed, plans re-opened, stale
saves refused, and everything still there after closing and reopening."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.timeline import RELATIVE_DAY_ZERO
from tests.conftest import records_copy
from ui.records import RecordsWindow
from ui.records.plans_view import PlanDialog
from ui.records.timeline_drawing import EVENT_COLOURS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
CASE_1 = "takamatsu-2018-case-1"


@pytest.fixture
def url(tmp_path: Path, examples_sqlite) -> str:
    """A records file holding the five published example patients: a copy of the session's
    template (``examples_sqlite``), imported by ``PatientService.import_examples`` once."""
    return records_copy(examples_sqlite(), tmp_path / "records.sqlite3")


@pytest.fixture
def service(url: str) -> Iterator[PatientService]:
    database = Database.open(url)
    yield PatientService(database)
    database.close()


@pytest.fixture
def window(qtbot: QtBot, service: PatientService) -> RecordsWindow:
    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.reload_patients(select=CASE_1)
    window.show()
    return window


def _has_colour(image: object, colour: QColor, tolerance: int = 40) -> bool:
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red())
                + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())
            ) < tolerance:
                return True
    return False


def test_case_1_timeline_shows_rising_ome_with_radiotherapy_marked(window: RecordsWindow) -> None:
    timeline = window.timeline
    assert timeline is not None and window.current_identifier == CASE_1
    omes = [p.ome_mg_per_day for p in timeline.points]
    assert window.chart.point_count == 3 and omes == sorted(omes) and omes[0] < omes[-1]
    assert any(e.kind == "radiotherapy" and "IMRT" in e.title for e in timeline.events)
    image = window.chart.grab().toImage()
    assert _has_colour(image, EVENT_COLOURS["radiotherapy"])  # the IMRT line is drawn
    assert _has_colour(image, window.chart.palette().highlight().color())  # the OME steps
    assert window.versions.model.rowCount() == 3
    assert window.versions.model.text(2, 1) == f"{omes[2]:g}"


def test_models_pass_the_qt_model_tester(window: RecordsWindow, qtmodeltester: object) -> None:
    for model in (window.versions.model, window.events_model, window.audit_model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_selecting_two_versions_shows_their_diff(window: RecordsWindow) -> None:
    window.versions.compare(1, 2)
    diff = window.versions.diff_model
    rows = {diff.text(r, 1): (diff.text(r, 2), diff.text(r, 3)) for r in range(diff.rowCount())}
    # each row named with its drug (review 4, D11: "Row 2: Dose" did not say which drug)
    assert rows["Row 1 (oxycodone): Daily total"] == ("20 mg/day", "60 mg/day")
    # an added medicine is one line naming it (review 5, defect 3: items matched by drug)
    assert rows["Row 6 (betamethasone)"][0] == "—"
    assert rows["Row 6 (betamethasone)"][1].startswith("betamethasone oral")
    # each change is said in words, not by its colour alone (clinician review 3)
    marks = {diff.text(r, 1): diff.text(r, 0) for r in range(diff.rowCount())}
    assert marks["Row 1 (oxycodone): Daily total"] == "changed"
    assert marks["Row 6 (betamethasone)"] == "+ added"
    # the diff speaks the editor's words: no row paths, no True/False (issue 10 §2)
    assert not [path for path in rows if "[" in path or "_" in path]
    assert not [v for pair in rows.values() for v in pair if v in ("True", "False", "None")]


def test_a_saved_plan_is_listed_and_reopens_with_its_provenance(
    qtbot: QtBot, window: RecordsWindow, service: PatientService
) -> None:
    ref = service.tables.ref("uk-palliative")
    service.save_plan(
        CASE_1,
        kind="plan",
        title="oxycodone to morphine",
        inputs={"to": "morphine"},
        outputs={"table": ref.model_dump(mode="json")},
    )
    window.select_patient(CASE_1)
    window.tabs.setCurrentWidget(window.plans)
    window.plans.list.setCurrentRow(0)
    with qtbot.waitSignal(window.plans.planOpened, timeout=2000) as opened:
        window.plans.open_button.click()
    assert opened.args[0].title == "oxycodone to morphine"
    dialogs = window.findChildren(PlanDialog)
    assert dialogs and "oxycodone to morphine" in dialogs[-1].windowTitle()
    dialogs[-1].close()


def test_a_stale_save_from_a_second_window_is_refused_and_shown(
    qtbot: QtBot, window: RecordsWindow, url: str
) -> None:
    other_db = Database.open(url)
    other = RecordsWindow(PatientService(other_db))
    qtbot.addWidget(other)
    other.reload_patients(select=CASE_1)
    day = RELATIVE_DAY_ZERO + timedelta(days=30)
    assert window.record_event(kind="nrs", nrs=3, occurred_at=day, title="NRS after IMRT")
    assert not other.record_event(kind="nrs", nrs=8, occurred_at=day, title="stale NRS")
    assert "changed elsewhere" in other.status.text() and "NOT saved" in other.status.text()
    assert [e.nrs for e in other.timeline.events if e.kind == "nrs"] == [3]  # reloaded
    other_db.close()


def test_create_record_close_reopen_everything_is_there_with_its_audit(
    qtbot: QtBot, url: str
) -> None:
    database = Database.open(url)
    first = RecordsWindow(PatientService(database))
    qtbot.addWidget(first)
    assert first.create_patient(
        PatientInfo(identifier="case-1-by-hand", time_basis="relative-days")
    )
    steps = [
        (0, "tramadol", None, "200 mg/day"),
        (14, "oxycodone", "ER", "20 mg/day"),
        (21, "oxycodone", "ER", "60 mg/day"),
    ]
    for day, drug, form, daily in steps:
        item = {"drug": drug, "route": "oral", "daily_dose": daily} | (
            {"form": form} if form else {}
        )
        assert first.record_regimen_change(
            {"items": [item]},
            effective_from=RELATIVE_DAY_ZERO + timedelta(days=day),
            reason=f"step on day {day}",
        )
    assert first.record_event(
        kind="radiotherapy",
        title="IMRT 45 Gy/25 fr",
        occurred_at=RELATIVE_DAY_ZERO + timedelta(days=28),
        ends_at=RELATIVE_DAY_ZERO + timedelta(days=62),
    )
    before = first.timeline
    first.close()
    database.close()

    reopened_db = Database.open(url)
    second = RecordsWindow(PatientService(reopened_db))
    qtbot.addWidget(second)
    second.reload_patients(select="case-1-by-hand")
    after = second.timeline
    assert before is not None and after is not None
    assert after.points == before.points and after.events == before.events
    second.tabs.setCurrentWidget(second.audit)  # the audit trail loads when it is shown
    assert second.audit_model.rowCount() == 5  # create + 3 regimen versions + 1 event
    # in words, not the stored action codes
    assert [second.audit_model.text(r, 3) for r in range(5)] == ["created"] + ["added"] * 4
    reopened_db.close()


def test_an_unopenable_database_leaves_a_clear_message_not_a_crash(tmp_path: Path) -> None:
    from mps_pain.errors import StorageError
    from mps_pain.services.patient_service import default_service

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 300)
    with pytest.raises(StorageError, match="damaged"):
        default_service(f"sqlite:///{bad}")


def test_the_list_highlights_the_patient_that_is_shown(window: RecordsWindow) -> None:
    window.select_patient("kodama-2024-case-2")
    assert window.patients.currentItem().text() == "kodama-2024-case-2"
    assert window.current_identifier == "kodama-2024-case-2"
    window.select_patient(CASE_1)
    assert window.patients.currentItem().text() == CASE_1


def test_the_header_says_how_often_the_record_was_saved_not_a_version(
    window: RecordsWindow,
) -> None:
    """Review L1: "record version 1" was the save counter (patients.version), easily read as a
    regimen version."""
    header = window.header.text().splitlines()[0]
    assert "record version" not in header
    assert "record saved once, last " in header  # imported: saved once
    assert window.record_event(
        kind="nrs", nrs=3, occurred_at=RELATIVE_DAY_ZERO + timedelta(days=30), title="NRS 3"
    )
    assert "record saved 2 times, last " in window.header.text().splitlines()[0]


def test_a_saved_plan_names_who_saved_it_as_the_computer_account(
    qtbot: QtBot, window: RecordsWindow, service: PatientService
) -> None:
    """Review L1: the dialog read "saved … by root", an unlabelled name; review 7 #8: "saved by
    user root" read as a person called root. It is the computer account, said as such."""
    ref = service.tables.ref("uk-palliative")
    plan = service.save_plan(
        CASE_1,
        kind="plan",
        title="oxycodone to morphine",
        inputs={"to": "morphine"},
        outputs={"table": ref.model_dump(mode="json")},
    )
    dialog = PlanDialog(plan, service.tables.sha256, window)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    said = f"saved on the computer account “{plan.created_by}” (not a signed-in person)<br>"
    assert any(said in text for text in texts), texts
    assert not any("saved by user" in text for text in texts), texts


def test_a_stored_version_without_a_computable_ome_shows_why_never_0(
    qtbot: QtBot, service: PatientService
) -> None:
    """Fuzz review 7, 1: a database written before import checked regimens holds a version of
    100 g/day oxycodone cached as 0.0 with an error; the window says "not computable — why"."""
    from mps_pain.domain.regimen import RegimenDocument
    from mps_pain.persistence.records import RegimenVersion
    from mps_pain.services.timeline import compute_ome_cache

    first = service.regimen_versions(CASE_1)[0]
    bad = RegimenDocument.model_validate(
        {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "100 g/day"}]}
    )
    cache = compute_ome_cache(bad, service.tables, service.timeline_table)
    assert cache.ome_mg_per_day == 0.0 and cache.error
    later = first.model_copy(
        update={"id": None, "regimen": bad, "effective_from": first.effective_from + timedelta(99)}
    )
    with service.records.writing() as repo:
        repo.add_regimen_version(CASE_1, RegimenVersion.model_validate(later.model_dump()), cache)
    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.reload_patients(select=CASE_1)
    model = window.versions.model
    shown = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert shown[-1].startswith("not computable — ") and "unit slip" in shown[-1]
    assert "0" not in shown[-1].split("—")[0]
