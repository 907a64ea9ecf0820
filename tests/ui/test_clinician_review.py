"""Defects from the first-time-clinician review (/work/review/clinician/FINDINGS.md), each typed
with real QTest keystrokes and failing on the code before its fix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mps_pain.persistence.database import Database
from mps_pain.services.patient_service import PatientService
from tests.conftest import records_copy
from tests.ui.keyboard import add_patch_row, select_cell, type_keys
from ui.records.choose_patient import ChoosePatientDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def service(records_service: PatientService) -> PatientService:
    return records_service


def _add_patch_row(window, rate_typed: str) -> int:
    """A fentanyl patch row typed in by keyboard, its Rate as given."""
    row = add_patch_row(window)
    view = select_cell(window, row, "rate")
    type_keys(view, rate_typed)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    return row


def _watch_modals() -> list[str]:
    """Answer whatever modal opens next (a message box or the patient chooser) and say what it
    showed; the patient chooser is answered by typing MRN-0001 and Enter (no one is pre-selected
    when the header names no record: review 5, defect 2)."""
    seen: list[str] = []

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox):
                seen.append("message: " + widget.text())
                widget.close()
                return
            if isinstance(widget, ChoosePatientDialog):
                QTimer.singleShot(20, save_under_the_record)  # the header names another patient
                QTest.keyClicks(widget.filter, "MRN-0001")
                QTest.keyClick(widget.filter, Qt.Key.Key_Return)
                seen.append("chooser: " + widget.error.text())
                if widget.isVisible():
                    widget.reject()
                return
        QTimer.singleShot(20, answer)

    def save_under_the_record() -> None:
        """The explicit choice the identity question asks for (H2 of the second review)."""
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                seen.append("question: " + box.text().split("\n")[0])
                button = next(b for b in box.buttons() if b.text().startswith("&Save under"))
                button.setFocus()
                QTest.keyClick(button, Qt.Key.Key_Space)

    QTimer.singleShot(0, answer)
    return seen


# --- 1. a refused row is never dropped silently from a saved record -----------------------------
def test_save_to_record_refuses_a_regimen_with_a_refused_row_and_names_it(
    case_window, service
) -> None:
    window = case_window
    rows_before = window.editor.model.rowCount()
    row = _add_patch_row(window, "50 mcg")  # a patch rate without "/h": refused (red)
    assert [r for r, _ in window.session.state.invalid_rows()] == [row]
    seen = _watch_modals()
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()
    assert service.regimen_versions("MRN-0001") == []  # nothing stored without the patch
    assert seen and seen[0].startswith("message: ")
    assert f"row {row + 1}" in seen[0].lower() and "fentanyl" in seen[0].lower()
    # the editor keeps what was typed
    assert window.editor.model.rowCount() == rows_before + 1
    assert window.session.state.rows[row].raw["rate"] == "50 mcg"


# --- 2. typing replaces a choice cell, Enter commits, prefix matches first ----------------------
def _raw(window, row: int, field: str):
    return window.session.state.rows[row].raw[field]


@pytest.mark.parametrize(
    ("row", "field", "typed"),
    [(0, "drug", "morphine"), (1, "form", "er")],  # over "oxycodone", over an editable "ir"
)
def test_typing_over_a_choice_cell_replaces_it_and_enter_commits(
    case_window, row: int, field: str, typed: str
) -> None:
    view = select_cell(case_window, row, field)
    type_keys(view, typed)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _raw(case_window, row, field) == typed
    assert QApplication.focusWidget() is view  # the first Enter committed and closed the editor


def test_enter_then_right_arrow_moves_to_the_route_cell(case_window) -> None:
    window = case_window
    model = window.editor.model
    row = model.rowCount()
    window.editor.select_row(row - 1)
    window.editor.add_row()
    view = select_cell(window, row, "drug")
    type_keys(view, "fentanyl")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    QApplication.processEvents()
    type_keys(view, "trans")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert _raw(window, row, "drug") == "fentanyl"
    assert _raw(window, row, "route") == "transdermal"


def test_drug_suggestions_put_prefix_matches_first(case_window) -> None:
    from PySide6.QtWidgets import QComboBox

    view = select_cell(case_window, 0, "drug")
    type_keys(view, "morph")
    combo = QApplication.focusWidget()
    while combo is not None and not isinstance(combo, QComboBox):
        combo = combo.parentWidget()
    assert combo is not None
    completer = combo.completer()
    shown = [
        completer.completionModel().index(i, 0).data()
        for i in range(completer.completionModel().rowCount())
    ]
    assert shown and shown[0] == "morphine", shown
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


# --- 3. the records window follows a save; a saved regimen is not "unsaved" ---------------------
def test_records_window_shows_what_was_just_saved_and_the_work_is_no_longer_unsaved(
    case_window, service
) -> None:
    from ui.records import RecordsWindow

    window = case_window
    window.show()
    window.menu_actions.by_name["records"].trigger()  # open before the save
    records = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordsWindow) and w.isVisible()
    )
    window.activateWindow()
    QApplication.processEvents()
    window.session.push(window.session.state, "an edit")  # unsaved work
    assert not window.session.undo_stack.isClean()
    seen = _watch_modals()
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()
    # the example's header is not MRN-0001's patient: asked, saved under the record's identity
    assert seen == [
        "question: The patient in the header is not the patient of record MRN-0001.",
        "chooser: ",
    ]  # saved: no error shown
    assert len(service.regimen_versions("MRN-0001")) == 1
    assert records.current_identifier == "MRN-0001"
    assert records.timeline is not None and records.timeline.points
    assert window.session.undo_stack.isClean()
    assert "*" not in window.windowTitle() and "unsaved" not in window.windowTitle().lower()
    # Patient → Records again: the same window, not a second stale one
    window.menu_actions.by_name["records"].trigger()
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordsWindow) and w.isVisible()
    ]
    assert shown == [records]
    records.close()


# --- 4. the plan PDF: one warning list, headings kept with their text ---------------------------
HEADINGS = (
    "Current regimen",
    "Worked arithmetic",
    "Switching plan",
    "Steps",
    "Transition schedule",
    "Warnings",
    "Warnings about the switch",
    "Warnings about the current regimen",
    "Monitoring",
    "Signatures",
)


def _pdf_pages(path: Path) -> list[list[str]]:
    """Each page's lines above the footer, from one pdftotext run (a form feed ends each page;
    a blank page is kept, as an empty list)."""
    import subprocess

    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    pages = []
    for text in done.stdout.split("\f")[:-1]:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = []
        for line in lines:
            if line.startswith("VERIFY BEFORE USE"):
                break
            body.append(line)
        pages.append(body)
    return pages


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="needs pdftotext")
def test_plan_pdf_lists_the_switch_warnings_once_and_keeps_headings_with_their_text(
    case_window, tmp_path
) -> None:
    from mps_pain.presentation.rotation import plan_view
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window = case_window
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("fentanyl", "transdermal", continuous=True)
    plan = window.planner.plan
    assert plan is not None and plan.warnings
    path = tmp_path / "plan.pdf"
    # the current regimen without warnings of its own (as under the UK palliative set)
    write_plan_pdf(path, replace(plan_content(window), warnings=()))
    pages = _pdf_pages(path)
    assert len(pages) >= 2
    text = " ".join(" ".join(page) for page in pages)
    assert "None." not in text  # never "no warnings" when the switch has some
    for warning in plan_view(plan).warnings:
        assert " ".join(warning.message.split()[:2]) in text
    for number, page in enumerate(pages[:-1], start=1):
        assert page[-1] not in HEADINGS, f"heading {page[-1]!r} alone at the foot of page {number}"


# --- modified tables are named in the title bar and on the PDF ----------------------------------
@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="needs pdftotext")
def test_modified_tables_are_named_in_the_title_and_the_pdf(make_window, tmp_path) -> None:
    from mps_pain.tables.loader import load_tables
    from tests.ui.conftest import CASE_1_RAISED
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    shipped = Path(__file__).resolve().parents[2] / "data" / "conversion_tables.yaml"
    edited = tmp_path / "edited_tables.yaml"
    edited.write_text(shipped.read_text(encoding="utf-8") + "\n# a local edit\n", "utf-8")
    tables = load_tables(edited)
    assert tables.modified_path is not None
    window = make_window(tables, CASE_1_RAISED)
    assert window.session.result is not None
    assert window.session.result.table.modified_path == tables.modified_path
    assert f"MODIFIED TABLES: {tables.modified_path}" in window.windowTitle()
    path = tmp_path / "plan.pdf"
    write_plan_pdf(path, plan_content(window))
    text = " ".join(" ".join(page) for page in _pdf_pages(path))
    assert "MODIFIED TABLES:" in text and edited.name in text


# --- 5. the check's current total reads "incomplete" with a refused row -------------------------
def test_check_current_total_reads_incomplete_with_a_refused_row(case_window) -> None:
    window = case_window
    _add_patch_row(window, "50 mcg")
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    shown = window.check.current_total.text()
    assert "incomplete" in shown.lower(), shown
    assert window.session.result.table.id not in shown  # the set's name, not its id
    assert window.session.result.table_name in shown


# --- 6. reopening a patient keeps the context and shows the name --------------------------------
def test_reopening_a_patient_keeps_age_and_palliative_context_and_shows_the_name(
    make_window, tables, case_window, service
) -> None:
    from datetime import UTC, datetime

    document = case_window.session.state.document
    assert document.patient.age == 31 and document.patient.cancer_or_palliative
    service.add_regimen_version(
        "MRN-0001", document, effective_from=datetime.now(UTC), reason="saved"
    )
    window = make_window(tables)
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    seen = _watch_modals()
    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    QApplication.processEvents()
    assert seen == ["chooser: "]
    patient = window.session.state.document.patient
    assert patient.age == 31
    assert patient.cancer_or_palliative is True
    shown = window.patient_header.field_widget("identifier")
    assert shown.text() == "A Patient"
    # saving again suggests the same record
    window.activateWindow()
    QApplication.processEvents()
    seen = _watch_modals()
    QTest.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()
    assert seen == ["chooser: "]
    # the reopened regimen is unchanged: no duplicate version (review 4 D14)
    assert len(service.regimen_versions("MRN-0001")) == 1
    assert "MRN-0001" in window.windowTitle()


# --- 7. a refused unit does not stick -----------------------------------------------------------
def test_after_a_refused_unit_a_bare_number_takes_the_default_unit(case_window) -> None:
    window = case_window
    row = _add_patch_row(window, "25 mcg")  # refused: a patch rate is per hour
    assert window.session.state.rows[row].item is None
    view = select_cell(window, row, "rate")
    type_keys(view, "25")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    item = window.session.state.rows[row].item
    assert item is not None, window.session.state.rows[row].raw
    assert (item.rate.value, item.rate.unit) == (25.0, "mcg/h")


# --- 10. keyboard gaps ---------------------------------------------------------------------------
@pytest.mark.parametrize("number", [1, 2, 3])
def test_ctrl_number_moves_the_focus_into_the_tab(case_window, number) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    window.patient_header.field_widget("identifier").setFocus()
    QApplication.processEvents()
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    page = window.tabs.currentWidget()
    assert window.tabs.currentIndex() == number - 1
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus), focus


def test_tab_reaches_the_checks_proposed_order_table(case_window) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.check
    check = window.check
    QApplication.processEvents()
    check.copy_button.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is check.copy_button
    QTest.keyClick(check.copy_button, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert QApplication.focusWidget() is check.proposed_editor.view


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_escape_and_ctrl_w_close_the_records_window(service, qtbot, key, modifier) -> None:
    from ui.records import RecordsWindow

    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.show()
    records.activateWindow()
    records.patients.setFocus()
    QApplication.processEvents()
    QTest.keyClick(records.patients, key, modifier)
    QApplication.processEvents()
    assert not records.isVisible()


def test_delete_clears_the_selected_cell(case_window) -> None:
    view = select_cell(case_window, 0, "note")
    assert _raw(case_window, 0, "note")
    QTest.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert _raw(case_window, 0, "note") == ""
    case_window.session.undo_stack.undo()  # one undoable step
    assert _raw(case_window, 0, "note")


# --- 9. every window fits the screen ------------------------------------------------------------
def test_the_records_window_and_its_dialogs_fit_the_available_screen(service, qtbot) -> None:
    from ui.records import RecordsWindow

    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.show()
    available = records.screen().availableGeometry()
    assert records.width() <= available.width() and records.height() <= available.height()


# --- 9. practice: new exercises never lose typed answers without asking ------------------------
def test_new_exercises_ask_before_losing_typed_answers(qtbot, tmp_path, migrated_sqlite) -> None:
    from mps_pain.persistence.practice_store import PracticeStore
    from mps_pain.tables.loader import get_tables
    from ui.practice.practice_window import PracticeWindow

    url = records_copy(migrated_sqlite, tmp_path / "practice.sqlite3")
    store = PracticeStore(Database.open(url))
    window = PracticeWindow(get_tables(), store, learner="Aiko")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    if not window.exercises:
        window.new_exercises()
    window.next_exercise()  # exercise 2
    shown = window.exercise
    field = next(iter(window.form.fields.values()))
    typed = field.quantity.number if field.quantity is not None else field.line
    typed.setFocus()
    QTest.keyClicks(typed, "45")
    seen: list[str] = []

    def refuse() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(20, refuse)
            return
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, refuse)
    from PySide6.QtWidgets import QPushButton

    button = next(b for b in window.findChildren(QPushButton) if b.text().startswith("&New"))
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)  # the button the review's Alt+N pressed
    QApplication.processEvents()
    assert seen and "would be lost" in seen[0]
    assert window.exercise is shown and window.position == 1
    assert typed.text() == "45"


# --- 8. set names, not ids, in the records window -----------------------------------------------
def test_the_timeline_title_and_saved_plans_name_the_set(case_window, service, qtbot) -> None:
    from ui.records import RecordsWindow

    seen = _watch_modals()
    case_window.show()
    case_window.activateWindow()
    QApplication.processEvents()
    case_window.tabs.setCurrentIndex(1)
    case_window.planner.set_target("fentanyl", "transdermal", continuous=True)
    QTest.keyClick(case_window, Qt.Key.Key_R, CTRL_SHIFT)
    QApplication.processEvents()
    assert seen == [
        "question: The patient in the header is not the patient of record MRN-0001.",
        "chooser: ",
    ]
    records = RecordsWindow(service)
    qtbot.addWidget(records)
    records.reload_patients(select="MRN-0001")
    title = records.chart.title()
    timeline_set = records.timeline.table.id
    assert title and timeline_set not in title
    shown = [records.plans.list.item(i).text() for i in range(records.plans.list.count())]
    plan_set = service.plans("MRN-0001")[0].table_id
    assert shown and all(plan_set not in text for text in shown), shown
