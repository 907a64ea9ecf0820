"""The records' timeline is usable on a small screen (clinician review 5, item 11): the plot of
the daily OME keeps a readable height (the chart a minimum, the chart and the tabs a splitter a
person drags), and versions a minute apart never draw one marker over another; the current value
is always labelled. Real widgets offscreen, QTest mouse drags, a real records file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSplitter

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.fit_checks import SIZES
from ui.records import RecordsWindow
from ui.records.timeline_chart import MIN_VALUE_HEIGHT

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "80 mg/day"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}


def _regimen(*items: dict) -> RegimenDocument:
    return RegimenDocument.model_validate({"table": "uk-palliative", "items": list(items)})


@pytest.fixture
def minute_apart(records_service):
    """Three versions a minute apart (202.5 → 172.5 → 202.5 OME/day in the review)."""
    start = datetime.now(UTC) - timedelta(minutes=5)
    for minute, items in enumerate(((OXY, PATCH), (OXY,), (OXY, PATCH))):
        records_service.add_regimen_version(
            "MRN-0001",
            _regimen(*items),
            effective_from=start + timedelta(minutes=minute),
            reason=f"change {minute}",
            expected_version=records_service.get_patient("MRN-0001").version,
        )
    return records_service


def _records(qtbot, service, size: str) -> RecordsWindow:
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.resize(min(1100, SIZES[size][0]), SIZES[size][1])
    records.show()
    records.select_patient("MRN-0001")
    for _ in range(3):
        QApplication.processEvents()
    return records


@pytest.mark.parametrize("size", ["1280x720", "1280x720@2 = 640x360 logical"])
def test_versions_a_minute_apart_each_have_their_own_marker(qtbot, minute_apart, size) -> None:
    chart = _records(qtbot, minute_apart, size).chart
    dots = chart.dot_positions()
    assert len(dots) == 3
    for left, right in pairwise(dots):  # was: drawn on one another
        assert (right - left).manhattanLength() >= 9, (left, right)
    assert [d.x() for d in dots] == sorted(d.x() for d in dots)  # in time order
    latest = minute_apart.timeline("MRN-0001").points[-1].ome_mg_per_day
    labels = chart.value_labels()
    assert labels[-1][1] == f"{latest:g}"  # the current value is written, at the last dot
    assert labels[-1][0].x() > dots[-1].x()


@pytest.mark.parametrize("size", ["1280x720", "1280x720@2 = 640x360 logical"])
def test_the_ome_plot_keeps_a_readable_height(qtbot, tmp_path, examples_sqlite, size) -> None:
    from mps_pain.persistence.database import Database
    from mps_pain.services.patient_service import PatientService
    from tests.conftest import records_copy

    service = PatientService(
        Database.open(records_copy(examples_sqlite(None), tmp_path / "records.sqlite3"))
    )
    records = _records(qtbot, service, size)
    records.select_patient("takamatsu-2018-case-1")  # three lanes of event labels
    QApplication.processEvents()
    chart = records.chart
    assert chart.value_height() >= MIN_VALUE_HEIGHT  # was ~56 px at scale 2
    # the splitter between the chart and the tabs: dragging it down gives the chart more room
    # (at scale 2 both are at their minimum and the page scrolls instead)
    splitter = chart.parentWidget()
    assert isinstance(splitter, QSplitter) and not splitter.childrenCollapsible()
    if size != "1280x720":
        return
    before = chart.height()
    handle = splitter.handle(1)
    middle = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    QTest.mouseMove(handle, middle + QPoint(0, 60))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(0, 60))
    QApplication.processEvents()
    assert chart.height() > before


def test_the_charts_size_is_measured_once_per_width_font_and_timeline(
    qtbot, minute_apart, monkeypatch
) -> None:
    """Every layout pass asks the chart its size (~75 times per records window shown); the
    event labels' lanes and the legend are measured again only when the width, the font or the
    timeline changed, and the size is then the one a fresh chart gives."""
    import ui.records.timeline_chart as chart_module
    from ui.records.timeline_chart import TimelineChart

    chart = _records(qtbot, minute_apart, "1280x720").chart
    measured: list[str] = []
    for name in ("label_lanes", "legend_places"):
        real = getattr(chart_module, name)
        monkeypatch.setattr(
            chart_module, name, lambda *a, _n=name, _r=real: measured.append(_n) or _r(*a)
        )

    def fresh() -> int:
        other = TimelineChart()
        qtbot.addWidget(other)
        other.setFont(chart.font())
        other.resize(chart.size())
        other.set_timeline(minute_apart.timeline("MRN-0001"), plans=chart._plans)
        return other.minimumSizeHint().height()

    first = chart.minimumSizeHint()
    measured.clear()
    for _ in range(5):
        assert chart.minimumSizeHint() == first
        assert chart.legend_places()
    assert measured == []
    assert first.height() == fresh()

    chart.resize(chart.width() // 3, chart.height())  # narrower: the legend wraps
    assert chart.minimumSizeHint().height() == fresh() > first.height()
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    chart.setFont(font)
    assert chart.minimumSizeHint().height() == fresh()
    chart.set_timeline(None)
    assert chart.minimumSizeHint() != first
