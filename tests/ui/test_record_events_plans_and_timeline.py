"""The records' events, saved plans and timeline (clinician review 4, D4, D6, D14): an event's pain
score starts empty and is required and its kinds read as words, a saved plan or check says what
was asked as orders, and the timeline keeps saved plans off the OME axis and stops its line at
today. Real widgets offscreen, QTest keys, a real SQLite records file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
)
from pytestqt.qtbot import QtBot

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from ui.records import RecordsWindow
from ui.records.dialogs import EventDialog
from ui.records.plans_view import PlanDialog

PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}


MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}


@pytest.fixture
def service(tmp_path: Path, migrated_sqlite: Path) -> Iterator[PatientService]:
    database = Database.open(records_copy(migrated_sqlite, tmp_path / "records.sqlite3"))
    yield PatientService(database)
    database.close()


def _records(qtbot: QtBot, service: PatientService, identifier: str) -> RecordsWindow:
    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.reload_patients(select=identifier)
    assert window.current_identifier == identifier
    return window


# --- D6: what was asked, as orders ------------------------------------------------------------
def _asked_text(window: RecordsWindow, row: int) -> str:
    window.tabs.setCurrentWidget(window.plans)
    window.plans.list.setFocus()
    window.plans.list.setCurrentRow(row)
    QTest.keyClick(window.plans.list, Qt.Key.Key_Return)
    QApplication.processEvents()
    dialogs = [d for d in window.findChildren(PlanDialog) if d.isVisible()]
    assert dialogs
    text = dialogs[-1].findChild(QTextBrowser).toPlainText()
    for dialog in dialogs:
        dialog.close()
    return text.split("What was asked", 1)[1]


def _calendar_patient_today(service: PatientService) -> None:
    service.create_patient(PatientInfo(identifier="T-1", time_basis="calendar"))
    now = datetime.now(UTC)
    service.add_regimen_version(
        "T-1",
        {
            "items": [
                {"drug": "oxycodone", "route": "oral", "form": "er", "daily_dose": "40 mg/day"}
            ]
        },
        effective_from=now - timedelta(days=2),
        reason="started",
    )
    from mps_pain.services.rotation_service import plan_rotation

    asked = {"from": {"items": [PATCH_25]}, "to": MORPHINE_ER, "table": "uk-palliative"}
    plan = plan_rotation(asked, tables=service.tables)
    service.save_plan("T-1", kind="plan", title="a plan", inputs=asked, outputs=plan)


def _near(colour: QColor, other: QColor) -> bool:
    return (
        abs(colour.red() - other.red())
        + abs(colour.green() - other.green())
        + abs(colour.blue() - other.blue())
    ) < 90


# --- D4: an event's defaults never record "NRS 0" ------------------------------------------------
def test_a_pain_score_starts_empty_is_required_and_kinds_read_as_words(
    qtbot: QtBot, service: PatientService
) -> None:
    service.create_patient(PatientInfo(identifier="E-1"))
    window = _records(qtbot, service, "E-1")
    seen: dict[str, object] = {}

    def answer() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, EventDialog)]
        dialog = next((d for d in dialogs if d.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        try:
            seen["kinds"] = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
            score = dialog.findChild(QLineEdit, "pain_score") or dialog.nrs
            seen["score"] = score.text() if isinstance(score, QLineEdit) else str(score.value())
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            seen["ok"] = ok.isEnabled()
            dialog.title_edit.setFocus()
            QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter with no score
            seen["open after Enter"] = dialog.isVisible()
            missing = dialog.findChild(QLabel, "missing")
            seen["said"] = missing.text() if missing is not None else ""
            if isinstance(score, QLineEdit):
                QTest.keyClicks(score, "6")
                QTest.keyClick(score, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    window.add_event_button.setFocus()
    QTest.keyClick(window.add_event_button, Qt.Key.Key_Space)
    QApplication.processEvents()
    kinds = seen["kinds"]
    assert "Pain score (NRS 0–10)" in kinds and "nrs" not in kinds, kinds
    assert all(k[:1].isupper() for k in kinds), kinds
    assert seen["score"] == ""
    assert seen["ok"] is False
    assert seen["open after Enter"] is True
    assert "pain score" in str(seen["said"]).lower()
    (event,) = service.events("E-1")
    assert (event.kind, event.nrs) == ("nrs", 6)
    assert event.title != "nrs" and "6" in event.title


def test_a_saved_plan_and_check_say_what_was_asked_as_orders(
    qtbot: QtBot, service: PatientService
) -> None:
    from mps_pain.services.rotation_service import check_proposal, plan_rotation

    service.create_patient(PatientInfo(identifier="Q-1"))
    asked = {"from": {"items": [PATCH_25]}, "to": MORPHINE_ER, "table": "uk-palliative"}
    plan = plan_rotation(asked, tables=service.tables)
    service.save_plan("Q-1", kind="plan", title="patch to morphine", inputs=asked, outputs=plan)
    proposed = {**MORPHINE_ER, "dose": "30 mg"}
    question = {
        "from": {"items": [PATCH_25]},
        "proposed": {"items": [proposed]},
        "table": "uk-palliative",
    }
    check = check_proposal(question, tables=service.tables)
    service.save_plan("Q-1", kind="check", title="check", inputs=question, outputs=check)
    window = _records(qtbot, service, "Q-1")
    texts = [_asked_text(window, row) for row in range(2)]
    plan_text = next(t for t in texts if "To" in t and "morphine oral ER q12h" in t)
    check_text = next(t for t in texts if t is not plan_text)
    for text in texts:
        assert "fentanyl transdermal patch 25 mcg/h" in text, text
        for code in ("Items", "Value:", "Unit:", "Prn:", "Drug:", "uk-palliative"):
            assert code not in text, (code, text)
    assert "morphine oral ER 30 mg q12h" in check_text, check_text
    assert "UK palliative" in plan_text, plan_text


def test_the_timeline_keeps_plans_off_the_ome_axis_and_stops_at_today(
    qtbot: QtBot, service: PatientService
) -> None:
    _calendar_patient_today(service)
    window = _records(qtbot, service, "T-1")
    chart = window.chart
    chart.resize(820, 360)
    QApplication.processEvents()
    plot = chart._plot_rect()
    (plan,) = chart.plans
    # the diamond is below the time axis, in its own strip: never read as an OME of 0
    assert chart.plan_point(plan).y() > plot.bottom() + 4
    # the step line stops at now: no line pixels to the right of today
    image = chart.grab().toImage()
    line = chart.palette().highlight().color()
    now_x = chart._x(datetime.now(UTC).timestamp(), plot)
    assert now_x < plot.right() - 20  # the axis runs on a little past today
    value = chart._timeline.points[-1].ome_mg_per_day
    y = round(chart._y(value, plot))
    ratio = image.width() / chart.width()
    future = [
        x
        for x in range(round(now_x) + 6, round(plot.right()) - 2)
        for dy in (-1, 0, 1)
        if _near(QColor(image.pixel(round(x * ratio), round((y + dy) * ratio))), line)
    ]
    assert not future, future[:5]
