"""Review 5 (outside review of issue 10 §3): what was still clipped or below the fold.

1. At 1280×720 the planner's reference-set selector read "…Scottish Palliative Care G": every
   set the planner, the check and the converter offer reads whole there.
2. The regimen-change dialog (records) hid its Note column behind a sideways scroll bar.
3. Practice's "Warnings to raise" showed 2½ of its choices.
4. At scale 2 the check's set selector and verdict and the planner's set selector were below
   the fold, and the converter's answer line was cut: on every screen they are on it, whole,
   without scrolling.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from mps_pain.persistence.database import Database
from mps_pain.persistence.practice_store import PracticeStore
from tests.ui.conftest import ask_oxycodone_to_patch
from tests.ui.fit_checks import (
    SIZES,
    clipped_texts,
    opening_size,
    shown_whole,
    table_clipped,
)
from ui.main_window import MainWindow
from ui.practice.practice_window import PracticeWindow
from ui.records.dialogs import RegimenVersionDialog

FULL_HD = "1280x720"


def _laid_out(window: QWidget, size: tuple[int, int]) -> None:
    if isinstance(window, MainWindow):
        window.ensure_panels()  # every tab built: the tabs are as large as their largest page
    window.resize(*size)
    window.show()
    for _ in range(3):
        QApplication.processEvents()


def _combo_reads_whole(combo: QComboBox, window: QWidget) -> list[str]:
    """Each choice of ``combo``, chosen in turn: the texts of the window clipped (strict)."""
    clipped = []
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        QApplication.processEvents()
        clipped += [
            text for text in clipped_texts(window, strict=True) if combo.currentText()[:20] in text
        ]
    return clipped


def test_every_set_reads_whole_in_the_planner_check_and_converter_at_1280x720(
    case_window: MainWindow,
) -> None:
    window = case_window
    window.ensure_panels()  # the planner, check and converter tabs, as when first shown
    _laid_out(window, SIZES[FULL_HD])
    for tab, combo in (
        (1, window.planner.table),
        (2, window.check.table),
        (3, window.converter.table),
    ):
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        # was: "UK palliative care ratios (BNF / Scottish Palliative Care G…" in the planner
        assert _combo_reads_whole(combo, window) == [], window.tabs.tabText(tab)


@pytest.mark.parametrize("size", list(SIZES))
def test_the_set_verdict_and_answer_are_on_screen_without_scrolling(
    case_window: MainWindow, size: str
) -> None:
    window = case_window
    window.tabs.setCurrentIndex(1)
    _laid_out(window, SIZES[size])
    assert window.planner is not None and window.check is not None
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    assert shown_whole(window.planner.table, window)  # was: below the fold at scale 2
    window.tabs.setCurrentIndex(2)
    window.check.copy_current()
    window.check.run_check()
    QApplication.processEvents()
    assert window.check.result is not None
    assert shown_whole(window.check.table, window)  # was: below the fold at scale 2
    assert shown_whole(window.check.verdict, window)
    # the answer under every set: the UK palliative set's answer runs to six lines at scale 2
    for set_id in ("fpm-2021", "uk-palliative", "jspm-2010"):
        converter = ask_oxycodone_to_patch(window, set_id)
        QApplication.processEvents()
        assert converter.answer.text().startswith("Give fentanyl"), set_id
        assert shown_whole(converter.answer, window), set_id  # was: cut at scale 2
        assert shown_whole(converter.table, window), set_id


def test_the_regimen_change_dialog_shows_every_column_at_1280x720(case_window, tables) -> None:
    state = case_window.session.state
    assert state is not None
    dialog = RegimenVersionDialog("calendar", state.document, tables, case_window)
    _laid_out(dialog, opening_size(dialog, FULL_HD))
    # was: Note behind a sideways scroll bar in a 900 px dialog
    assert table_clipped(dialog.editor.view, strict=True) == []
    dialog.close()


@pytest.mark.parametrize("size", [FULL_HD, "1280x720@2 = 640x360 logical"])
def test_practice_shows_every_warning_to_raise(qtbot, tmp_path: Path, tables, size) -> None:
    store = PracticeStore(Database.open(f"sqlite:///{tmp_path / 'practice.sqlite3'}"))
    practice = PracticeWindow(tables, store, learner="Aiko")
    qtbot.addWidget(practice)
    seen_lists = 0
    for _exercise in range(4):  # exercises that ask for the warnings
        _laid_out(practice, SIZES[size])
        QTest.mouseClick(practice.check_button, Qt.MouseButton.LeftButton)  # marks appear
        QApplication.processEvents()
        field = practice.form.fields.get("warnings")
        if field is not None and field.list is not None:
            view = field.list
            seen_lists += 1
            assert not view.verticalScrollBar().isVisible()  # was: 2½ of its choices shown
            for row in range(view.count()):
                rect = view.visualItemRect(view.item(row))
                assert view.viewport().rect().contains(rect), view.item(row).text()
            if size == FULL_HD:  # and the page still does not scroll
                corner = view.mapTo(practice, QPoint(0, 0))
                assert corner.y() + view.height() <= practice.height()
        practice.next_exercise()
    assert seen_lists


def test_a_saved_plan_does_not_stretch_a_relative_record_to_day_20000(
    qtbot, tmp_path: Path, examples_sqlite
) -> None:
    """Seen on the screenshots: a plan saved on a published case (a record in day offsets) sat
    at its clock time, "day 20000", and squeezed the record's 182 days into the axis' first
    pixels. On a relative record a save marks the record's last day."""
    from mps_pain.persistence.database import Database as Records
    from mps_pain.services.patient_service import PatientService
    from tests.conftest import records_copy
    from ui.records import RecordsWindow

    url = records_copy(examples_sqlite(None), tmp_path / "records.sqlite3")
    service = PatientService(Records.open(url))
    ref = service.tables.ref("uk-palliative")
    service.save_plan(
        "takamatsu-2018-case-1",
        kind="plan",
        title="oxycodone modified-release to a fentanyl patch",
        inputs={"to": "fentanyl"},
        outputs={"table": ref.model_dump(mode="json")},
    )
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.reload_patients(select="takamatsu-2018-case-1")
    _laid_out(records, (1100, SIZES[FULL_HD][1]))
    chart = records.chart
    plot = chart._plot_rect()
    last = max(mark.end or mark.start for mark in chart._marks)  # day 182, the last event
    assert chart._x(last, plot) > plot.left() + 0.8 * plot.width()  # was: near day 0
    [plan] = chart.plans
    assert abs(chart.plan_x(plan) - chart._x(last, plot)) < 1


@pytest.mark.parametrize("size", [FULL_HD, "1280x720@2 = 640x360 logical"])
def test_the_timeline_values_never_overlap(qtbot, tmp_path: Path, examples_sqlite, size) -> None:
    """Seen on the scale-2 screenshots: case 1's "20" and "30" (day 0 and day 14) overlapped.
    Each value is written where no other is; at 1280×720 every one of them."""
    from PySide6.QtCore import QPointF, QRectF

    from mps_pain.persistence.database import Database as Records
    from mps_pain.services.patient_service import PatientService
    from tests.conftest import records_copy
    from ui.records import RecordsWindow
    from ui.records.timeline_drawing import place_values

    service = PatientService(
        Records.open(records_copy(examples_sqlite(None), tmp_path / "records.sqlite3"))
    )
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.reload_patients(select="takamatsu-2018-case-1")
    _laid_out(records, (min(1100, SIZES[size][0]), SIZES[size][1]))
    chart = records.chart
    plot = chart._plot_rect()
    dots = [
        (QPointF(chart._x(t, plot), chart._y(value, plot)), value)
        for t, value in chart._steps
        if value is not None
    ]
    metrics = chart.fontMetrics()
    placed = place_values(dots, metrics)
    boxes = [
        QRectF(at.x(), at.y() - metrics.ascent(), metrics.horizontalAdvance(text), metrics.height())
        for at, text in placed
    ]
    for index, box in enumerate(boxes):
        assert not any(box.intersects(other) for other in boxes[index + 1 :]), placed
    if size == FULL_HD:
        assert [text for _at, text in placed] == ["20", "30", "90"]
    assert "90" in [text for _at, text in placed]  # the current value is always written
