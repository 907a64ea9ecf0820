"""Clinician review 15, #16: on the records timeline the event labels were cut ("Pain still
uncontrolled, unplea…" where the chart had room for the whole title), and a pain score (NRS 7)
was drawn inside the OME plot at its top edge, where it read as an OME of ~110.

Pain scores now have their own strip above the OME plot with its own 0–10 scale (as saved plans
have theirs below the time axis); an event's label is its whole title wherever the chart has room,
and any label (cut on a narrow chart) shows the whole title, its kind and time on hover, as the
Events tab lists it. Real widgets offscreen, a real records file; screenshots looked at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.fit_checks import SIZES
from ui.records import RecordsWindow
from ui.records.timeline_drawing import EVENT_COLOURS

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"}


def _pixels(image, colour, rows: range, columns: range | None = None) -> int:
    columns = columns or range(image.width())
    return sum(
        1
        for y in rows
        for x in columns
        if 0 <= y < image.height() and image.pixelColor(x, y).rgb() == colour.rgb()
    )


def _records(qtbot, service, patient: str, size: tuple[int, int]) -> RecordsWindow:
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.resize(*size)
    records.show()
    records.select_patient(patient)
    for _ in range(3):
        QApplication.processEvents()
    return records


@pytest.fixture
def takamatsu(tmp_path, examples_sqlite):
    from mps_pain.persistence.database import Database
    from mps_pain.services.patient_service import PatientService
    from tests.conftest import records_copy

    url = records_copy(examples_sqlite(None), tmp_path / "records.sqlite3")
    return PatientService(Database.open(url))


def test_event_labels_are_whole_where_the_chart_has_room(qtbot, takamatsu) -> None:
    records = _records(qtbot, takamatsu, "takamatsu-2018-case-1", (1100, 700))
    chart = records.chart
    titles = [e.title for e in records.timeline.events]
    assert "Pain still uncontrolled, unpleasant sleepiness" in titles
    shown = [text for _mark, _box, text in chart.event_labels()]
    assert shown == titles, shown  # was "Pain still uncontrolled, unplea…"
    chart.grab().save("/tmp/review15-timeline-labels.png")


@pytest.mark.parametrize("size", ["1280x720@2 = 640x360 logical", "1280x720"])
def test_every_label_shows_its_whole_title_on_hover(qtbot, takamatsu, size) -> None:
    width, height = SIZES[size]
    records = _records(qtbot, takamatsu, "takamatsu-2018-case-1", (min(1100, width), height))
    chart = records.chart
    events = records.timeline.events
    labels = chart.event_labels()
    assert len(labels) == len(events)
    for (mark, box, text), event in zip(labels, events, strict=True):
        hover = chart.hover_text(box.center().x(), box.center().y())
        assert hover is not None and event.title in hover, (text, hover)
        assert mark.label == event.title
    if size != "1280x720":
        assert any(text.endswith("…") for _m, _b, text in labels)  # cut: the hover has it


def test_a_pain_score_has_its_own_strip_and_scale(qtbot, records_service) -> None:
    now = datetime.now(UTC)
    for when, reason in ((now - timedelta(days=2), "first"), (now - timedelta(days=1), "up")):
        records_service.add_regimen_version(
            "MRN-0001",
            RegimenDocument.model_validate({"table": "uk-palliative", "items": [OXY]}),
            effective_from=when,
            reason=reason,
            expected_version=records_service.get_patient("MRN-0001").version,
        )
    for hours, score in ((36, 3), (12, 7)):
        records_service.add_event(
            "MRN-0001",
            kind="nrs",
            nrs=score,
            occurred_at=now - timedelta(hours=hours),
            title=f"pain score {score}",
            expected_version=records_service.get_patient("MRN-0001").version,
        )
    chart = _records(qtbot, records_service, "MRN-0001", (1100, 700)).chart
    image = chart.grab().toImage()
    image.save("/tmp/review15-timeline-pain.png")
    plot, strip = chart._plot_rect(), chart.pain_rect()
    assert strip is not None and strip.bottom() < plot.top()  # apart from the OME scale
    red = EVENT_COLOURS["nrs"]
    assert _pixels(image, red, range(int(plot.top()), int(plot.bottom()))) == 0
    assert _pixels(image, red, range(int(strip.top()), int(strip.bottom()) + 1)) > 0
    # its own 0–10 scale: a higher score is higher in the strip, each at its place on 0–10
    points = chart.pain_points()
    assert [score for _point, score in points] == [3, 7]
    for point, score in points:
        expected = strip.bottom() - score / 10 * strip.height()
        assert abs(point.y() - expected) < 0.5, (score, point.y(), expected)
    assert chart.pain_scale() == ["0", "10"]
    hover = chart.hover_text(points[1][0].x(), points[1][0].y())
    assert hover is not None and "Pain score (NRS 0–10): 7" in hover, hover
    # no NRS label among the events' labels: the score is written at its dot
    assert all(mark.kind != "nrs" for mark, _box, _text in chart.event_labels())


def test_no_pain_strip_without_a_pain_score(qtbot, takamatsu) -> None:
    chart = _records(qtbot, takamatsu, "takamatsu-2018-case-1", (1100, 700)).chart
    assert chart.pain_rect() is None and chart.pain_points() == []
