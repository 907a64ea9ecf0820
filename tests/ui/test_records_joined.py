"""Records joined to the work (issue 10 §5, clinician review): the records window tells what a
record's history is worth (imported, dated in the future, a look-alike patient), saved plans and
checks reopen from the timeline chart itself, the time axis says each date once and whole, times
are local, and the planner starts on the regimen's own set. Real widgets, QTest keys and clicks."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from tests.ui.conftest import CASE_1_RAISED, shown
from tests.ui.vocabulary import developer_words, shown_texts
from ui.records import RecordsWindow
from ui.records.plans_view import PlanDialog

CASE_1 = "takamatsu-2018-case-1"
ORAL = {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "20 mg/day"}


@pytest.fixture
def service(tmp_path: Path, migrated_sqlite: Path) -> Iterator[PatientService]:
    database = Database.open(records_copy(migrated_sqlite, tmp_path / "records.sqlite3"))
    yield PatientService(database)
    database.close()


@pytest.fixture
def examples_service(tmp_path: Path, examples_sqlite) -> Iterator[PatientService]:
    """Records holding the five published example patients (a copy of the session's template,
    imported by ``PatientService.import_examples``)."""
    database = Database.open(records_copy(examples_sqlite(), tmp_path / "records.sqlite3"))
    yield PatientService(database)
    database.close()


@pytest.fixture
def tokyo() -> Iterator[None]:
    """The computer's zone is Tokyo (UTC+9, no summer time): local time differs from UTC."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def _go(window: RecordsWindow, identifier: str) -> None:
    """Choose the patient in the list with the keyboard (Home, then Down)."""
    window.patients.setFocus()
    QTest.keyClick(window.patients, Qt.Key.Key_Home)
    row = window.patients.row(window.patients.findItems(identifier, Qt.MatchFlag.MatchExactly)[0])
    for _ in range(row):
        QTest.keyClick(window.patients, Qt.Key.Key_Down)
    assert window.current_identifier == identifier


def _records(qtbot: QtBot, service: PatientService, identifier: str) -> RecordsWindow:
    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.show()
    _go(window, identifier)
    return window


def _import_forged(service: PatientService, tmp_path: Path, as_identifier: str) -> None:
    """A record exported elsewhere whose history has an entry dated in the year 2999."""
    document = service.export_patient("Case-01").model_dump(mode="json")
    claimed = {"os_user": "chief-pharmacist", "app_version": "0.1.0", "entity_key": "Case-01"}
    # the event its history says was added (a file missing it is refused: fuzz review 21, D2)
    document["events"] = [
        {
            "kind": "note",
            "occurred_at": "2999-01-01T00:00:00Z",
            "title": "a note",
            "created_at": "2999-01-01T00:00:00Z",
            "created_by": "chief-pharmacist",
        }
    ]
    document["audit"] = [
        claimed | {"occurred_at": "2019-03-01T10:00:00Z", "action": "create", "entity": "patient"},
        claimed | {"occurred_at": "2999-01-01T00:00:00Z", "action": "add", "entity": "event"},
    ]
    service.import_patient(json.dumps(document), as_identifier=as_identifier)


def test_imported_future_dated_and_look_alike_records_are_told_in_words(
    qtbot: QtBot, service: PatientService, tmp_path: Path
) -> None:
    service.create_patient(PatientInfo(identifier="Case-01"))
    _import_forged(service, tmp_path, "CASE-O1")  # a letter O for the zero
    window = _records(qtbot, service, "CASE-O1")
    notices = window.notices.text()
    assert window.notices.isVisible()
    assert "CHECK THE PATIENT: “CASE-O1” differs only by capitals" in notices
    assert "“Case-01”" in notices
    assert "IMPORTED HISTORY DATED IN THE FUTURE: 1 entry" in notices
    assert "Imported record: 2 entries of its history come from" in notices
    window.tabs.setCurrentWidget(window.audit)
    rows = [
        [window.audit_model.text(r, c) for c in range(window.audit_model.columnCount())]
        for r in range(window.audit_model.rowCount())
    ]
    imported = [r for r in rows if r[5].startswith("imported")]
    assert [r[1] for r in imported] == ["chief-pharmacist", "chief-pharmacist"]
    assert "DATED IN THE FUTURE" in imported[1][0] and "DATED IN THE FUTURE" not in imported[0][0]
    assert [r[3:5] for r in imported] == [
        ["created", "patient record"],
        ["added", "clinical event"],
    ]
    found = developer_words(shown_texts(window))
    assert not found, found
    # the original record has no look-alike warning about itself being imported
    _go(window, "Case-01")
    assert "Imported record" not in window.notices.text()
    assert "CHECK THE PATIENT" in window.notices.text()  # the look-alike is told on both


def _save_plan(service: PatientService, identifier: str, title: str) -> None:
    from mps_pain.services.rotation_service import plan_rotation

    request = {
        "from": {"items": [ORAL]},
        "to": {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=service.tables)
    service.save_plan(identifier, kind="plan", title=title, inputs=request, outputs=plan)


def test_a_saved_plan_reopens_from_the_timeline_by_click_and_by_enter(
    qtbot: QtBot, examples_service: PatientService
) -> None:
    service = examples_service
    _save_plan(service, CASE_1, "oxycodone to morphine ER")
    window = _records(qtbot, service, CASE_1)
    chart = window.chart
    assert [p.title for p in chart.plans] == ["oxycodone to morphine ER"]
    x = round(chart.plan_x(chart.plans[0]))
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(x, chart.height() // 2))
    dialogs = window.findChildren(PlanDialog)
    assert dialogs and "oxycodone to morphine ER" in dialogs[-1].windowTitle()
    texts = shown_texts(dialogs[-1])
    assert any("Rounded to strengths" in t or "New regimen" in t for t in texts)  # in words
    found = developer_words(texts)
    assert not found, found
    for dialog in dialogs:
        dialog.close()
    QApplication.processEvents()
    assert not [d for d in window.findChildren(PlanDialog) if d.isVisible()]
    chart.setFocus()
    QTest.keyClick(chart, Qt.Key.Key_Right)  # choose the (only) saved plan
    assert chart.chosen_plan is not None and "Enter opens it" in chart.toolTip()
    QTest.keyClick(chart, Qt.Key.Key_Return)
    QApplication.processEvents()
    reopened = [d for d in window.findChildren(PlanDialog) if d.isVisible()]
    assert reopened and "oxycodone to morphine ER" in reopened[0].windowTitle()


def _calendar_patient(service: PatientService, identifier: str, days: list[int]) -> None:
    service.create_patient(PatientInfo(identifier=identifier, time_basis="calendar"))
    start = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    for day in days:
        version = service.get_patient(identifier).version
        service.add_regimen_version(
            identifier,
            {"items": [ORAL]},
            effective_from=start + timedelta(days=day),
            reason=f"day {day}",
            expected_version=version,
        )


def test_the_time_axis_says_each_date_once_and_never_cuts_the_last(
    qtbot: QtBot, service: PatientService
) -> None:
    _calendar_patient(service, "december", [0, 9, 20])
    window = _records(qtbot, service, "december")
    chart = window.chart
    chart.resize(820, 360)
    metrics = QFontMetrics(chart.font())
    labels = chart.time_labels(metrics)
    texts = [text for _x, _left, text in labels]
    assert len(labels) >= 3
    assert len(set(texts)) == len(texts), texts  # not "Dec 2026" again and again
    assert sum("2026" in t for t in texts) == 1  # the year once, on the first date
    for _x, left, text in labels:
        assert left >= 0 and left + metrics.horizontalAdvance(text) <= chart.width()


def test_the_chart_names_the_day_of_its_first_version_and_no_empty_days_follow(
    qtbot: QtBot, service: PatientService
) -> None:
    """Clinician review 16 #13: versions made on one evening sat left of the first tick, the
    next day's date, and three empty future days filled the plot."""
    _calendar_patient(service, "evening", [0])
    service.add_regimen_version(
        "evening",
        {"items": [ORAL]},
        effective_from=datetime(2026, 12, 1, 0, 4, tzinfo=UTC),
        reason="four minutes later",
        expected_version=service.get_patient("evening").version,
    )
    chart = _records(qtbot, service, "evening").chart
    chart.resize(820, 360)
    texts = [text for _x, _left, text in chart.time_labels(QFontMetrics(chart.font()))]
    first = datetime(2026, 12, 1, tzinfo=UTC).astimezone()
    assert texts[0].startswith(f"{first.day} {first:%b}"), texts
    days = [text for text in texts if " " in text]  # "1 Dec 00:00"; the hours alone: "06:00"
    assert len(days) <= 2, texts  # that day, and at most the next one


def test_record_times_are_local_everywhere_and_stored_in_utc(
    qtbot: QtBot, service: PatientService, tokyo: None
) -> None:
    _calendar_patient(service, "tokyo", [0])
    version = service.get_patient("tokyo").version
    service.add_event(
        "tokyo",
        kind="nrs",
        nrs=6,
        title="pain at night",
        occurred_at=datetime(2026, 12, 1, 15, 0, tzinfo=UTC),
        expected_version=version,
    )
    _save_plan(service, "tokyo", "to morphine")
    window = _records(qtbot, service, "tokyo")
    assert window.versions.model.text(0, 0) == "2026-12-01 09:00 JST"  # 00:00 UTC
    assert window.events_model.text(0, 0) == "2026-12-02 00:00 JST"  # 15:00 UTC
    assert window.events_model.text(0, 1) == "pain score (NRS)"
    assert window.plans.list.item(0).text().split("  ")[0].endswith("JST")
    window.tabs.setCurrentWidget(window.audit)
    assert all(
        window.audit_model.text(r, 0).endswith("JST") for r in range(window.audit_model.rowCount())
    )
    stored = service.timeline("tokyo").points[0].effective_from
    assert stored.utcoffset() == timedelta(0) and stored.hour == 0  # stored in UTC


def test_in_a_fresh_session_the_planner_starts_on_the_regimens_set(
    make_window, fresh_settings, tables
) -> None:
    window = shown(make_window(tables, CASE_1_RAISED, settings=fresh_settings))
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    regimen_set = window.session.effective_table()
    assert regimen_set == "uk-palliative"
    assert window.planner.table.currentData() == regimen_set
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert window.planner.plan is not None and window.planner.plan.table.id == regimen_set
    window.session.undo_stack.setClean()


def test_a_saved_check_above_the_range_says_danger_in_the_list_the_chart_and_its_window(
    qtbot: QtBot, examples_service: PatientService
) -> None:
    """Review M2 (clinician review 2): a check whose verdict was "DANGER: ABOVE the expected range
    — risk of overdose" was listed as "check: Pharmacist check: above". The list, the timeline's
    tooltip and the reopened window lead with the verdict in words, severity included, read from
    the stored result (so checks saved before this fix say it too)."""
    from mps_pain.services.rotation_service import check_proposal

    service = examples_service
    request = {
        "from": {"items": [ORAL]},
        "proposed": {
            "items": [
                {
                    "drug": "morphine",
                    "route": "oral",
                    "form": "er",
                    "dose": "100 mg",
                    "frequency": "q12h",
                }
            ]
        },
        "table": "uk-palliative",
    }
    result = check_proposal(request, tables=service.tables)
    assert result.verdict == "above"
    service.save_plan(
        CASE_1, kind="check", title="Pharmacist check: above", inputs=request, outputs=result
    )
    window = _records(qtbot, service, CASE_1)
    lines = [window.plans.list.item(i).text() for i in range(window.plans.list.count())]
    assert len(lines) == 1 and "DANGER" in lines[0] and "overdose" in lines[0], lines
    chart = window.chart
    chart.setFocus()
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert "DANGER" in chart.toolTip() and "overdose" in chart.toolTip()
    QTest.keyClick(chart, Qt.Key.Key_Return)
    QApplication.processEvents()
    reopened = [d for d in window.findChildren(PlanDialog) if d.isVisible()]
    assert reopened and "DANGER" in reopened[0].windowTitle()
