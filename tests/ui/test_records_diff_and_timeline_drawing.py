"""What the records window draws (clinician review 5, defect 3): the diff reads a stopped patch as
one removed line, and a plan saved alone is drawn with a pain score never on the OME scale. Real
widgets offscreen, a real SQLite records file (tests/ui/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mps_pain.domain.regimen import RegimenDocument

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "80 mg/day"}


PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}


NAPROXEN = {"drug": "naproxen", "route": "oral", "daily_dose": "300 mg/day"}


def _regimen(*items: dict, name: str | None = None) -> RegimenDocument:
    return RegimenDocument.model_validate(
        {"table": "uk-palliative", "patient": {"identifier": name}, "items": list(items)}
    )


def _pixels(image, colour, rows: range) -> int:
    """How many pixels of every second column of ``rows`` are close to ``colour``, read from the
    image's bytes (R, G, B, A each: one call per image, not three per pixel)."""
    from PySide6.QtGui import QImage

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data, stride, width = bytes(rgba.constBits()), rgba.bytesPerLine(), rgba.width()
    red, green, blue = colour.red(), colour.green(), colour.blue()
    found = 0
    for y in rows:
        line = data[y * stride : y * stride + 4 * width]
        for i in range(0, 4 * width, 8):
            found += abs(line[i] - red) + abs(line[i + 1] - green) + abs(line[i + 2] - blue) < 40
    return found


def test_the_records_diff_reads_a_stopped_patch_as_one_removed_line(qtbot, records_service) -> None:
    """Defect 3 in the records window: one removed line naming the patch, nothing else."""
    from ui.records.records_window import RecordsWindow

    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    for minutes, items in ((0, (OXY, PATCH, NAPROXEN)), (1, (OXY, NAPROXEN))):
        records_service.add_regimen_version(
            "MRN-0001",
            _regimen(*items),
            effective_from=start + timedelta(minutes=minutes),
            reason="patch stopped" if minutes else "first",
            expected_version=records_service.get_patient("MRN-0001").version,
        )
    records = RecordsWindow(records_service)
    qtbot.addWidget(records)
    records.show()
    records.select_patient("MRN-0001")
    records.versions.compare(0, 1)
    model = records.versions.diff_model
    rows = [[model.text(r, c) for c in range(4)] for r in range(model.rowCount())]
    assert len(rows) == 1, rows
    kind, field, before, after = rows[0]
    assert "removed" in kind and "fentanyl" in field
    assert "fentanyl transdermal" in before and "25 mcg/h" in before and after == "—"
    records.versions.grab().save("/tmp/review5-diff.png")


def test_a_plan_alone_is_drawn_and_a_pain_score_is_never_on_the_ome_scale(
    qtbot, tables, records_service
) -> None:
    """Defect 11: a patient with only a saved plan showed no diamond; NRS 7 was a bar to ~60 on
    the mg/day axis."""
    from mps_pain.services.rotation_service import plan_rotation
    from ui.records.records_window import RecordsWindow
    from ui.records.timeline_chart import PLAN_COLOUR
    from ui.records.timeline_drawing import EVENT_COLOURS

    request = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=tables)
    records_service.save_plan("MRN-0001", kind="plan", title="to a patch", inputs=request,
                              outputs=plan)  # fmt: skip
    records = RecordsWindow(records_service)
    qtbot.addWidget(records)
    records.resize(900, 700)
    records.show()
    records.select_patient("MRN-0001")
    chart = records.chart
    image = chart.grab().toImage()
    assert _pixels(image, PLAN_COLOUR, range(image.height())) > 0
    # a pain score beside a regimen: its marker stays at the top, whatever the OME scale
    now = datetime.now(UTC)
    for when, reason in ((now - timedelta(days=2), "first"), (now - timedelta(days=1), "up")):
        records_service.add_regimen_version(
            "MRN-0001",
            _regimen(OXY),
            effective_from=when,
            reason=reason,
            expected_version=records_service.get_patient("MRN-0001").version,
        )
    records_service.add_event(
        "MRN-0001",
        kind="nrs",
        nrs=7,
        occurred_at=now - timedelta(hours=12),
        title="NRS 7",
        expected_version=records_service.get_patient("MRN-0001").version,
    )
    records.select_patient("MRN-0001")
    image = chart.grab().toImage()
    rect = chart._plot_rect()
    lower_half = range(int(rect.center().y()), int(rect.bottom()) - 1)
    assert _pixels(image, EVENT_COLOURS["nrs"], lower_half) == 0
    # at the top, in the pain scores' own strip above the plot (clinician review 15 #16: a
    # marker inside the plot's top edge read as an OME of ~110), never within the plot
    strip = chart.pain_rect()
    assert strip is not None and strip.bottom() < rect.top()
    assert _pixels(image, EVENT_COLOURS["nrs"], range(int(rect.top()), int(rect.bottom()))) == 0
    upper = range(int(strip.top()), int(strip.bottom()) + 1)
    assert _pixels(image, EVENT_COLOURS["nrs"], upper) > 0
