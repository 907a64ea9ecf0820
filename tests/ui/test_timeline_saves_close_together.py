"""The records timeline (second clinician review, L1): two saves close together are two diamonds.
The test failed on main before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_l1_two_saves_close_together_are_two_diamonds(
    qtbot, tmp_path: Path, tables, examples_sqlite
) -> None:
    """Before: two saves a minute apart were drawn at the same place, one diamond."""
    from mps_pain.services.rotation_service import plan_rotation
    from ui.records import RecordsWindow
    from ui.records.plans_view import PlanDialog

    # the five published example patients (the session's template, imported once)
    database = Database.open(records_copy(examples_sqlite(), tmp_path / "records.sqlite3"))
    service = PatientService(database)
    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=tables)
    for title in ("first save", "second save"):
        service.save_plan("takamatsu-2018-case-1", kind="plan", title=title, inputs=request,
                          outputs=plan)  # fmt: skip
    window = RecordsWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.reload_patients(select="takamatsu-2018-case-1")
    QApplication.processEvents()
    chart = window.chart
    first, second = (chart.plan_point(p) for p in chart.plans)
    assert abs(first.x() - second.x()) < 10  # the same moment on this scale
    assert abs(first.y() - second.y()) >= 10  # but two diamonds
    QTest.mouseClick(chart, Qt.MouseButton.LeftButton, pos=second.toPoint())
    opened = [d for d in window.findChildren(PlanDialog) if d.isVisible()]
    assert opened and "second save" in opened[-1].windowTitle()
    database.close()
