"""Clinician review 10 #4 in the app: the methadone method list held both "Morley-Makin stop and
go (the default)" and "Morley-Makin stop and go"; the default gave "no dose — not proposed"
with no word of what to do next; the plan's PDF printed the "same switch under every
equianalgesic set" table with "—" in every row."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.presentation.methadone_rows import SPREAD_LEFT_OUT
from tests.ui.conftest import CASE_1_RAISED, shown


def _methadone_planner(make_window, tables, qtbot):
    window = shown(make_window(tables, CASE_1_RAISED))
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the planner
    planner = window.planner
    assert planner is not None
    planner.set_target("methadone", "oral", table="uk-palliative")
    qtbot.waitUntil(lambda: planner.plan is not None)
    return window, planner


def test_one_entry_per_method_under_every_set(make_window, tables, qtbot) -> None:
    _window, planner = _methadone_planner(make_window, tables, qtbot)
    methods = tables.tables.rotation.methadone.methods
    for set_id in ("uk-palliative", "jspm-2010", "fpm-2021"):
        index = planner.table.findData(set_id)
        assert index >= 0, set_id
        planner.table.setCurrentIndex(index)
        count = planner.method.count()
        names = [planner.method.itemText(i).removesuffix(" (the default)") for i in range(count)]
        assert planner.method.itemText(0).endswith(" (the default)"), set_id
        assert count == len(methods), set_id
        assert sorted(names) == sorted(m.name for m in methods), (set_id, names)


def test_a_method_chosen_by_name_stays_chosen_when_the_set_changes(
    make_window, tables, qtbot
) -> None:
    _window, planner = _methadone_planner(make_window, tables, qtbot)
    planner.method.setFocus()
    QTest.keyClicks(planner.method, "MSD")  # type-ahead, as a person picks it
    QApplication.processEvents()
    assert planner.method.currentData() == "msd-quill"
    planner.table.setCurrentIndex(planner.table.findData("jspm-2010"))
    assert planner.method.currentData() == "msd-quill"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_default_names_the_methods_that_give_a_dose(
    make_window, tables, qtbot, tmp_path
) -> None:
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    window, planner = _methadone_planner(make_window, tables, qtbot)
    assert planner.method.currentIndex() == 0  # the set's own default, unchanged
    assert planner.plan is not None and planner.plan.regimen.no_dose is not None
    shown_text = " ".join(planner.view.toPlainText().split())
    assert "Next step: Methods that give a regular dose for this patient:" in shown_text
    assert "MSD Manual / Quill dose bands" in shown_text and "Alt+D" in shown_text
    assert SPREAD_LEFT_OUT in shown_text
    content = plan_content(window)
    assert content is not None
    write_plan_pdf(tmp_path / "plan.pdf", content)
    done = subprocess.run(
        ["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True, check=True
    )
    printed = " ".join(done.stdout.split())
    assert "Methods that give a regular dose for this patient:" in printed
    assert SPREAD_LEFT_OUT in printed
    assert "The set's plan gives" not in printed  # no table of empty rows
