"""Clinician review 18 #2: after Apply plan (a fentanyl patch and oxycodone to an IV hydromorphone
infusion), the Regimen tab gave the full infusion from now ("8 mg/day", note "from the switching
plan"); the plan's first 17 h (only the oxycodone's share, 3 mg/24 h, until the skin depot has
fallen) were only on a PDF the user must choose to print. The applied row's note says when it
starts, in the words of the plan's view record (``applied_plan.applied_start``; ``ui/`` computes
nothing). The clinician's keys: Ctrl+2, Alt+G drug, Alt+O route, Alt+I, Alt+A, Ctrl+1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.depot_start import start_hour
from mps_pain.presentation.applied_plan import applied_start
from mps_pain.presentation.rotation import regimen_sentence
from mps_pain.services.rotation_service import plan_rotation
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press
from ui.models.regimen_table_model import COLUMNS
from ui.planner.apply import planned_items

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NOTE = next(i for i, column in enumerate(COLUMNS) if column[0] == "note")
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"}
OXY_PRN = {"drug": "oxycodone", "route": "oral", "form": "ir", "prn": True, "dose": "10 mg",
           "doses_per_day": 3}  # fmt: skip


def _plan_and_apply(window, route: str, items: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    window.ensure_panels()
    document = {"table": "uk-palliative", "items": items}
    window.session.replace_document(RegimenDocument.model_validate(document))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    press((Qt.Key.Key_G, ALT))
    assert QApplication.focusWidget() is planner.drug
    press("Hydromorphone")
    press((Qt.Key.Key_O, ALT))
    press(route)
    alt_click(Qt.Key.Key_I, planner.continuous.isChecked)  # Continuous (infusion or patch)
    planner.replan()
    plan = planner.plan
    assert plan is not None, planner.error_label.text()
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    press((Qt.Key.Key_1, CTRL))
    QApplication.processEvents()
    return plan


def _infusion_note(window, route: str) -> str:  # type: ignore[no-untyped-def]
    """The Note cell of the applied infusion's row, as the Regimen tab shows it."""
    view = window.editor.view
    model = view.model()
    state = window.session.state
    index = next(k for k, i in enumerate(state.document.items) if i.route == route and not i.prn)
    row = state.row_of_item(index)
    return str(model.index(row, NOTE).data(Qt.ItemDataRole.DisplayRole))


def test_an_infusion_applied_after_a_patch_says_when_each_part_starts(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "iv", [PATCH, OXY_ER, OXY_PRN])
    assert window.editor.view.isVisible()  # Ctrl+1: the Regimen tab
    assert plan.first_part is not None  # the oxycodone's share from 0 h, the rest from 17 h
    note = _infusion_note(window, "iv")
    assert "17 h" in note, note
    assert regimen_sentence(plan.first_part.regimen) in note, note
    assert "schedule" in note, note
    assert applied_start(plan) in note


def test_an_infusion_applied_after_a_patch_alone_starts_at_17_h(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "sc", [PATCH])
    assert plan.first_part is None
    note = _infusion_note(window, "sc")
    assert "17 h after the patch is removed" in note, note


def test_an_infusion_applied_without_a_patch_says_no_delay(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "iv", [OXY_ER, OXY_PRN])
    assert applied_start(plan) == ""
    assert "17 h" not in _infusion_note(window, "iv")


TARGETS = [
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    {"drug": "hydromorphone", "route": "iv", "continuous": True},
    {"drug": "diamorphine", "route": "sc", "continuous": True},
    {"drug": "buprenorphine", "route": "transdermal"},
]


@pytest.mark.parametrize("to", TARGETS, ids=lambda t: f"{t['drug']}-{t['route']}")
@pytest.mark.parametrize("current", [[PATCH], [PATCH, OXY_ER, OXY_PRN]], ids=["patch", "mixed"])
def test_every_regular_row_applied_after_a_patch_says_its_start(
    tables, to: dict[str, object], current: list[dict[str, object]]
) -> None:
    """Every plan from a patch to another route: each regular row Apply writes names the hour
    the plan's schedule starts the full dose at; a new patch, which goes on as the old one comes
    off, is never told to wait."""
    request = {"from": {"items": current}, "to": to, "table": "uk-palliative"}
    plan = plan_rotation(request, tables=tables)
    regular = [item for item in planned_items(plan) if not item.prn]
    assert regular, plan.regimen
    later = [e.when for e in plan.schedule if start_hour(e.when) > 0]
    for item in regular:
        if to["route"] == "transdermal":
            assert "after the patch is removed" not in (item.note or ""), item.note
        else:
            assert f"{later[0]} after the patch is removed" in (item.note or ""), item.note
