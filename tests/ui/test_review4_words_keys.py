"""Review 4 (clinician), D11 and D13: plain words (no doubled clause, mcg never µg, names not
ids, one plural rule, a drug named with its row) and keys (Ctrl+Return from a patient field,
a refused rate reopened as typed, mnemonics), with real widgets and QTest keystrokes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.plural import counted
from mps_pain.services.regimen_diff import diff_regimens
from tests.ui.keyboard import add_patch_row, cell_index, select_cell, type_keys
from ui.delegates.quantity_delegate import QuantityEditor
from ui.error_words import path_words
from ui.records.records_window import records_file_name

PATCH_AND_OXY = (
    "patient: {identifier: W-1, age: 70}\ntable: uk-palliative\nitems:\n"
    "  - {drug: fentanyl, route: transdermal, rate: 25 mcg/h}\n"
    "  - {drug: oxycodone, route: oral, dose: 20 mg, frequency: q12h}\n"
)


def test_the_reduction_reads_once_and_the_slider_shows_the_same_number(
    make_window, tables, tmp_path: Path
) -> None:
    """A mixed switch's 27.5%: the plan's reduction line names its percent once, and the
    slider's label shows 27.5% (it read 28%)."""
    from mps_pain.presentation.rotation import plan_view

    source = tmp_path / "mixed.yaml"
    source.write_text(PATCH_AND_OXY, encoding="utf-8")
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("morphine", "oral", frequency="q4h")
    plan = window.planner.plan
    assert plan is not None, window.planner.error
    percent = f"{plan.reduction * 100:g}%"
    assert percent == "27.5%"
    assert window.planner.reduction_value.text() == percent
    line = next(f.value for f in plan_view(plan).facts if f.value.startswith(percent))
    assert line.count(percent) == 1, line


def test_citations_write_mcg_and_name_their_sources(tables) -> None:
    text = Path("data/conversion_tables.yaml").read_text(encoding="utf-8")
    assert "µg" not in text and "μg" not in text
    assert "also pallicalc, closedi.jp, j-cope" not in text


def test_one_plural_rule() -> None:
    assert counted(1, "change") == "1 change"
    assert counted(2, "change") == "2 changes"
    assert counted(1, "dose") + "/day" == "1 dose/day"


def test_a_once_daily_line_reads_one_dose_a_day(tables) -> None:
    from mps_pain.domain.mme import compute_mme

    document = RegimenDocument.model_validate(
        {"items": [{"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "daily"}]}
    )
    line = compute_mme(tables, document, table_id="uk-palliative").items[0].explanation
    assert "(1 dose/day)" in line and "doses/day" not in line


def test_the_version_diff_names_the_drug_of_the_row() -> None:
    item = {"drug": "oxycodone", "route": "oral", "dose": "20 mg", "frequency": "q12h"}
    first = RegimenDocument.model_validate({"items": [{**item, "drug": "morphine"}, item]})
    second = RegimenDocument.model_validate(
        {"items": [{**item, "drug": "morphine"}, {**item, "dose": "30 mg"}]}
    )
    (change,) = diff_regimens(first, second)
    assert path_words(change.path, change.drug) == "Row 2 (oxycodone): Dose"


def test_the_records_window_is_titled_by_the_file_name() -> None:
    assert records_file_name("sqlite:////home/ann/.local/share/mps/records.sqlite") == (
        "records.sqlite"
    )


def test_the_records_window_title_and_tooltip(qtbot, records_service) -> None:
    from ui.records.records_window import RecordsWindow

    window = RecordsWindow(records_service)
    qtbot.addWidget(window)
    location = records_service.location()
    assert window.windowTitle() == f"Patient records — {records_file_name(location)}"
    assert "/" not in window.windowTitle()
    assert location in window.patients_label.toolTip()


def test_ctrl_return_in_the_age_field_adds_a_row(case_window) -> None:
    window = case_window
    window.show()
    window.activateWindow()
    rows = window.editor.model.rowCount()
    age = window.patient_header._edits["age"]
    age.setFocus()
    QApplication.processEvents()
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    QApplication.processEvents()
    assert window.editor.model.rowCount() == rows + 1
    assert window.tabs.currentIndex() == 0


def test_a_refused_negative_rate_reopens_exactly_as_typed(case_window) -> None:
    """ "-5" typed with the list at mcg/h reopens (F2) as "-5" and mcg/h, never "-5 mcg/h" in
    the number box; committing again appends nothing."""
    row = add_patch_row(case_window)
    view = select_cell(case_window, row, "rate")
    type_keys(view, "-5")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    stored = cell_index(case_window, row, "rate").data(Qt.ItemDataRole.EditRole)
    assert stored == "-5 mcg/h"
    # shown as typed, the unit list's unit not added (review 5: test_refused_cell_as_typed.py)
    assert cell_index(case_window, row, "rate").data() == "-5"
    for _ in range(2):
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = view.findChildren(QuantityEditor)[-1]
        assert (editor.number.text(), editor.unit.currentText()) == ("-5", "mcg/h")
        QTest.keyClick(editor.number, Qt.Key.Key_Return)
        assert cell_index(case_window, row, "rate").data(Qt.ItemDataRole.EditRole) == stored


def test_edit_menu_items_and_pdf_exports_have_mnemonics(case_window) -> None:
    menus = {a.text(): a.menu() for a in case_window.menuBar().actions() if a.menu()}
    edit = [a.text() for a in menus["&Edit"].actions() if not a.isSeparator()]
    assert all("&" in text for text in edit), edit
    letters = [text[text.index("&") + 1].lower() for text in edit]
    assert len(letters) == len(set(letters)), edit
    exports = [
        a.text()
        for menu in menus.values()
        for a in menu.actions()
        if "as PDF" in a.text().replace("&", "")
    ]
    assert exports and all("&" in text for text in exports), exports
