"""The methadone method defaults to one of the chosen set's own practice (ui-fix3 #4): under the
UK palliative set the planner's default read "Japanese label (Methapain) (the default)" and
planned by the Japanese label."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.services.rotation_service import plan_rotation
from tests.ui.conftest import shown


def _choose_set_by_keys(planner, name_start: str) -> None:
    planner.table.setFocus()
    QTest.keyClicks(planner.table, name_start)  # type-ahead, as a person picks from the list
    QApplication.processEvents()


@pytest.mark.parametrize(
    ("set_start", "set_id", "method"),
    [
        ("UK", "uk-palliative", "Morley-Makin stop and go"),
        ("J", "jspm-2010", "Japanese label (Methapain)"),
    ],
)
def test_the_default_methadone_method_is_the_chosen_sets_own(
    case_window, qtbot, set_start: str, set_id: str, method: str
) -> None:
    window = shown(case_window)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the planner
    planner = window.planner
    assert planner is not None
    planner.set_target("methadone", "oral", frequency="q8h")
    _choose_set_by_keys(planner, set_start)
    assert planner.table.currentData() == set_id
    qtbot.waitUntil(lambda: planner.plan is not None or planner.error is not None)
    planner.replan()
    assert planner.method.itemText(0) == f"{method} (the default)"
    assert planner.method.currentIndex() == 0  # "the default": the core picks it
    assert planner.plan is not None, planner.error
    chosen = next(
        m.id for m in window.session.tables.tables.rotation.methadone.methods if m.name == method
    )
    asked = planner.request.model_copy(update={"methadone_method": chosen})
    assert plan_rotation(asked, tables=window.session.tables) == planner.plan  # planned by it
