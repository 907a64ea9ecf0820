"""The quick converter (issue 10 §4): keyboard only, the planner's numbers, alert, spread, save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from mps_pain.persistence.database import Database
from mps_pain.persistence.records import PatientInfo
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.units import format_number
from tests.ui.conftest import ask_oxycodone_to_patch, shown
from tests.ui.keyboard import choose_patient_when_asked, open_chooser
from tests.ui.keyboard import press as _keys
from ui.converter.describe import ConversionQuestion
from ui.main_window import MainWindow
from ui.records.choose_patient import ChoosePatientDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _focus() -> object:
    QApplication.processEvents()
    return QApplication.focusWidget()


def test_ctrl_k_opens_the_converter_with_the_focus_on_the_first_box(make_window, tables) -> None:
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.converter
    assert _focus() is window.converter.from_drug


def test_keyboard_only_oxycodone_60_mg_day_to_a_fentanyl_patch(make_window, tables) -> None:
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    # From: Oxycodone (typed), oral (default), 60 [mg/day], no frequency; To: Fentanyl, transdermal
    _keys("Oxyc", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "60", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    _keys(Qt.Key.Key_Tab, "Fen", Qt.Key.Key_Tab, "t")
    assert panel.from_drug.currentData() == "oxycodone"
    assert panel.to_route.currentData() == "transdermal"
    assert panel.plan is not None
    expected = plan_rotation(
        {
            "from": {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": panel.table.currentData(),
        },
        tables=tables,
    )
    assert panel.plan == expected  # the same planner, the same numbers
    line = panel.result.text()
    assert "equianalgesic" in line and "reduction" in line and "mcg/h" in line
    assert "breakthrough" in line
    assert "oxycodone" in panel.result.toolTip()  # the arithmetic and sources on hover
    assert panel.spread.text().count("<tr>") >= 3  # a header and every equianalgesic set


def test_rounding_outside_the_sourced_range_raises_an_alert(make_window, tables) -> None:
    """FPM oxycodone 56 mg/day (84 oMEDD): no patch in 14–21 mcg/h and the lower one (12.5) is
    nearer the range, so the plan leaves it (at 60 mg/day the nearer patch, 25, is taken: D7)."""
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window, "fpm-2021", "56 mg/day")
    assert panel.plan is not None and panel.plan.rounding_leaves_range
    assert panel.alert.isVisible() and panel.alert.text().startswith("ALERT")
    assert "outside the sourced range" in panel.alert.text()
    panel.table.setCurrentIndex(panel.table.findData("jspm-2010"))
    assert panel.plan is not None and not panel.plan.rounding_leaves_range
    assert not panel.alert.isVisible()


def test_q12h_oxycodone_target_is_modified_release_and_says_so(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.tabs.setCurrentIndex(3)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("morphine", "oral", "60 mg/day", "", "oxycodone", "oral", "q12h")
    )
    assert panel.plan is not None and panel.plan.regimen.form == "er"
    assert "modified-release" in panel.result.text()
    assert "modified-release" in panel.notes.text()


def test_open_in_planner_carries_the_question(make_window, tables) -> None:
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window)
    QTest.keyClick(panel.open_button, Qt.Key.Key_Space)
    assert window.tabs.currentIndex() == 1
    items = window.session.state.document.items
    assert [(i.drug, i.daily_dose.value) for i in items] == [("oxycodone", 60.0)]
    assert window.planner.plan is not None
    assert window.planner.plan.regimen.patches == panel.plan.regimen.patches


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")
def test_save_plan_to_patient_stores_the_plan_with_its_question_not_a_regimen(
    make_window, tables, records_service: PatientService
) -> None:
    """The converter's question is a what-if: it is stored inside the plan, never as a regimen
    version (review 4 D2; the rule is in docs/gui.md)."""
    service = records_service
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window)

    choose_patient_when_asked("MRN-0001")  # the whole ID (review 11, #3)
    QTest.keyClick(panel.save_button, Qt.Key.Key_Space)
    versions = service.regimen_versions("MRN-0001")
    plans = service.plans("MRN-0001")
    assert versions == []
    assert len(plans) == 1 and plans[0].kind == "plan"
    asked = plans[0].inputs["from"]["items"]
    assert [(i["drug"], i["daily_dose"]) for i in asked] == [("oxycodone", "60 mg/day")]
    assert plans[0].table_id == panel.plan.table.id
    assert plans[0].table_sha256 == panel.plan.table.sha256


class _Keyboard:
    """Real keystrokes (QTest) to whatever has the focus, counted; no widget is clicked."""

    def __init__(self) -> None:
        self.path: list[str] = []

    @property
    def count(self) -> int:
        return len(self.path)

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier | None = None) -> None:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        # counted first: a key that opens a dialog returns only when the dialog closes
        self.path.append(QKeySequence(key | (modifiers or 0)).toString())
        if modifiers is None:
            QTest.keyClick(target, key)
        else:
            QTest.keyClick(target, key, modifiers)
        QApplication.processEvents()

    def type(self, text: str) -> None:
        for character in text:
            target = QApplication.focusWidget()
            assert target is not None, "nothing has the keyboard focus"
            self.path.append(character)
            QTest.keyClick(target, character)
            QApplication.processEvents()

    def focus_name(self) -> str:
        widget = QApplication.focusWidget()
        return widget.accessibleName() if widget is not None else ""

    def in_next_dialog(self, kind: type, then: Callable[[QWidget], None], seen: list[str]) -> None:
        """When the next modal dialog has the focus: note its focus, run ``then`` (keystrokes);
        a dialog left open is closed (and noted) so that a failure never hangs the run."""

        def attempt(tries: int) -> None:
            dialog = QApplication.activeModalWidget() or open_chooser()
            if (dialog is None or QApplication.activeWindow() is not dialog) and tries:
                QTimer.singleShot(10, lambda: attempt(tries - 1))
                return
            if not isinstance(dialog, kind):
                seen.append(f"not a {kind.__name__}: {dialog!r}")
                if dialog is not None:
                    dialog.close()
                return
            seen.append(self.focus_name())
            then(dialog)
            if dialog.isVisible():
                seen.append(f"{kind.__name__} still open")
                dialog.close()

        QTimer.singleShot(0, lambda: attempt(200))


def _launch(qtbot, settings, tables) -> MainWindow:
    window = MainWindow(settings)  # a first launch: no preference stored
    window.ask_before_discard = False
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    window.start(tables=tables)
    QApplication.processEvents()
    return window


def _convert_oxycodone_60_to_a_patch(window: MainWindow, keys: _Keyboard) -> None:
    keys.press(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    assert panel is not None and window.tabs.currentWidget() is panel
    assert keys.focus_name() == "From drug"
    keys.type("oxyc")  # type-ahead in the drug list
    keys.press(Qt.Key.Key_Tab)
    keys.type("o")  # oral
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus_name().startswith("Amount")
    keys.type("60")
    keys.press(Qt.Key.Key_Tab)  # to the unit list: mg/day is already there
    assert keys.focus_name() == "Unit" and panel.amount.unit.currentText() == "mg/day"
    keys.press(Qt.Key.Key_Tab)  # frequency: empty for a daily total
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus_name() == "To drug"
    keys.type("fen")
    keys.press(Qt.Key.Key_Tab)
    keys.type("t")  # transdermal


_SAVE = (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
_CONVERT_PATH = [
    "Ctrl+K",
    *"oxyc",
    "Tab",
    "o",
    "Tab",
    *"60",
    "Tab",
    "Tab",
    "Tab",
    *"fen",
    "Tab",
    "t",
]


def _stored(url: str, identifier: str) -> tuple[list[Any], list[Any]]:
    """The patient's regimen versions and saved plans, read afresh from the SQLite file."""
    records = Database.open(url)
    service = PatientService(records)
    try:
        return service.regimen_versions(identifier), service.plans(identifier)
    finally:
        records.close()


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")
def test_done_when_convert_oxycodone_60_mg_day_to_a_patch_and_save_it_keyboard_only(
    qtbot, fresh_settings, tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10, "Done when": from launch, without the mouse, oxycodone 60 mg/day to a fentanyl
    patch in the quick converter, the one-line answer read, the plan saved to a patient, and
    found in the real SQLite records file."""
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    setup = Database.open(url)
    PatientService(setup).create_patient(
        PatientInfo(identifier="MRN-0001", display_name="Test Patient")
    )
    setup.close()
    window = _launch(qtbot, fresh_settings, tables)
    keys = _Keyboard()

    _convert_oxycodone_60_to_a_patch(window, keys)
    panel = window.converter
    assert panel is not None
    answer = panel.plan
    assert answer is not None
    assert (answer.regimen.drug, answer.regimen.route) == ("fentanyl", "transdermal")
    assert panel.current_question().amount == "60 mg/day"

    # the one line: the rounded patch to give first, the breakthrough dose, then the working
    # (equianalgesic dose, the reduction; review H4)
    line = panel.result.text()
    eq = answer.equianalgesic_daily_dose
    assert f"equianalgesic {format_number(eq.value)} mcg/h" in line
    assert "reduction" in line
    patches = " + ".join(f"{format_number(p.value)} {p.unit}" for p in answer.regimen.patches)
    # with the patch's change interval (review 8 #2)
    assert line.startswith(f"Give fentanyl {patches} patch, change every 72 hours; breakthrough ")
    breakthrough = answer.breakthrough
    assert breakthrough is not None and breakthrough.dose is not None
    assert f"breakthrough {breakthrough.drug} {breakthrough.route} " in line
    assert f"{format_number(breakthrough.dose.value)} {breakthrough.dose.unit}" in line

    seen: list[str] = []

    def choose(dialog: QWidget) -> None:
        keys.type("MRN-0001")  # the whole ID: a part needs a second Enter (review 11, #3)
        keys.press(Qt.Key.Key_Return)

    keys.in_next_dialog(ChoosePatientDialog, choose, seen)
    keys.press(*_SAVE)
    assert seen == ["Find patient"]

    versions, plans = _stored(url, "MRN-0001")
    assert versions == []  # the what-if is stored with the plan, not as a regimen (review 4 D2)
    assert len(plans) == 1 and plans[0].kind == "plan"
    asked = plans[0].inputs["from"]["items"]
    assert [(i["drug"], i["route"], i["daily_dose"]) for i in asked] == [
        ("oxycodone", "oral", "60 mg/day")
    ]
    assert plans[0].table_sha256 == tables.sha256
    assert keys.path == [*_CONVERT_PATH, "Ctrl+Shift+R", *"MRN-0001", "Return"]
    assert keys.count == 28  # the whole ID: a part asks a second Enter (review 11, #3)


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support")
def test_save_a_conversion_to_a_new_patient_keyboard_only(
    qtbot, fresh_settings, tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No record yet: a new identifier typed in the patient chooser, Enter (the chooser says a
    second Enter creates the record), Enter: the patient's record is created and saved to."""
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    monkeypatch.setenv("MPS_PAIN_DATABASE_URL", url)
    window = _launch(qtbot, fresh_settings, tables)
    keys = _Keyboard()
    _convert_oxycodone_60_to_a_patch(window, keys)
    seen: list[str] = []

    def new_identifier(dialog: QWidget) -> None:
        assert isinstance(dialog, ChoosePatientDialog)
        keys.type("MRN-0042")
        keys.press(Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        keys.press(Qt.Key.Key_Return)

    keys.in_next_dialog(ChoosePatientDialog, new_identifier, seen)
    keys.press(*_SAVE)
    assert seen[0] == "Find patient" and len(seen) == 2, seen
    assert "Enter again to create a new patient record “MRN-0042”" in seen[1]

    versions, plans = _stored(url, "MRN-0042")
    assert versions == []  # the converter's question is kept inside the plan only
    assert [p.kind for p in plans] == ["plan"]
    assert plans[0].inputs["from"]["items"][0]["drug"] == "oxycodone"
    assert keys.path == [*_CONVERT_PATH, "Ctrl+Shift+R", *"MRN-0042", "Return", "Return"]


def test_the_one_line_leaves_the_citations_to_the_hover(make_window, tables) -> None:
    """Under a patch band table (UK palliative) the line says the band and its effective
    reduction; the table's citation is in the hover with every step, not in the line."""
    window = shown(make_window(tables))
    panel = ask_oxycodone_to_patch(window, "uk-palliative")
    plan = panel.plan
    assert plan is not None and plan.band_dose is not None
    line, hover = panel.result.text(), panel.result.toolTip()
    assert "band table" in line and "effective reduction" in line
    assert "[" not in line and plan.band_dose.citation not in line
    assert "[" in hover and "090714" in hover


def test_the_converter_mnemonics_reach_its_fields_not_the_menus(make_window, tables, qtbot) -> None:
    """Alt+F and Alt+T open the File and Tools menus, so the From and To rows answer to Alt+M
    and Alt+O; Alt+I opens the question in the planner (before, Alt+F/Alt+T opened menus)."""
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    panel.set_question(
        ConversionQuestion("oxycodone", "oral", "60 mg/day", "", "fentanyl", "transdermal", "")
    )
    QTest.keyClick(_focus(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert _focus() is panel.to_drug and QApplication.activePopupWidget() is None
    QTest.keyClick(_focus(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert _focus() is panel.from_drug and QApplication.activePopupWidget() is None
    QTest.keyClick(_focus(), Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)  # a mnemonic clicks after a flash


def test_methadone_30_mg_day_shows_no_ome_summed_from_methadone(make_window, tables) -> None:
    """Clinician review 14 #5: methadone oral 30 mg/day → morphine oral read "Current OME/day
    used 247.5" (Lawlor's cohort median) for every set, while the Regimen tab calls methadone not
    covered. Typed as the reviewer typed it; the converter gives no dose and no such total."""
    window = shown(make_window(tables))
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    panel = window.converter
    _keys("Meth", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "30", Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    _keys(Qt.Key.Key_Tab, "Morph", Qt.Key.Key_Tab, "o", Qt.Key.Key_Tab, "q12h", Qt.Key.Key_Tab)
    assert panel.from_drug.currentData() == "methadone"
    assert panel.plan is not None, (panel.result.text(), panel.current_question())
    assert panel.plan.regimen.no_dose is not None
    shown_text = " ".join([panel.spread.text(), panel.result.text(), panel.result.toolTip()])
    assert "247.5" not in shown_text, shown_text
    assert panel.spread.text().count("not summed (methadone)") >= 3, panel.spread.text()
    # in the plan's set's own label (session 17: "OME" was said under fpm-2021's oMEDD)
    said = f"not summed: methadone has no reliable {panel.plan.ome_label} to convert from"
    assert said in panel.result.toolTip()
