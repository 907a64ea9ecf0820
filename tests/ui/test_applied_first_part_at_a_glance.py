"""Clinician review 19, M2: after Apply of a switch from a fentanyl patch and oxycodone to an IV
hydromorphone infusion, the planner said "The regimen is now hydromorphone iv injection 8 mg
over 24 h …" and the Regimen tab's Rate cell "8 mg/day"; the plan's first 17 h (only 3 mg/24 h,
the oxycodone's share) were only in a Note cell cut to "from the …". The first part is now said
where the dose is read: the planner's words, the status bar, the Rate cell, and the start of the
Note; a reopened regimen still shows it. Real keys: Ctrl+2, Alt+G, Alt+O, Alt+I, Alt+A, Ctrl+1."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.numbers import dose_text
from mps_pain.presentation.applied_glance import full_from, staged_lead
from mps_pain.presentation.rotation import regimen_sentence
from mps_pain.presentation.staged_cell import STAGED
from mps_pain.services.rotation_service import plan_rotation
from tests.ui.conftest import shown
from tests.ui.test_applied_rows_say_when_they_start import (
    OXY_ER,
    OXY_PRN,
    PATCH,
    TARGETS,
    _plan_and_apply,
)
from ui.models.regimen_table_model import COLUMNS
from ui.planner.apply import planned_items

DISPLAY = Qt.ItemDataRole.DisplayRole


def _cell(window, route: str, name: str) -> str:  # type: ignore[no-untyped-def]
    """The Regimen tab's cell ``name`` of the applied regular row of ``route``."""
    state = window.session.state
    index = next(k for k, i in enumerate(state.document.items) if i.route == route and not i.prn)
    column = next(c for c, spec in enumerate(COLUMNS) if spec[0] == name)
    model = window.editor.view.model()
    return str(model.index(state.row_of_item(index), column).data(DISPLAY))


def test_the_first_17_h_are_said_where_the_dose_is_read(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "iv", [PATCH, OXY_ER, OXY_PRN])
    first = plan.first_part
    assert first is not None
    three = dose_text(first.daily_dose.value, first.daily_dose.unit)  # "3 mg/day"
    rate = _cell(window, "iv", "rate")
    assert rate.startswith("8 mg/day"), rate
    assert f"from 17 h after patch removal ({three} until then)" in rate, rate
    note = _cell(window, "iv", "note")
    assert note.startswith(f"{STAGED}from 17 h after patch removal ({three} until then)"), note
    status = window.statusBar().currentMessage()
    assert f"({three} until then)" in status, status
    pane = window.planner.view.toPlainText()
    before, full = regimen_sentence(first.regimen), regimen_sentence(plan.regimen)
    assert f"now {before} until 17 h after the patch is removed, then {full}" in pane, pane


def test_a_reopened_regimen_still_shows_the_first_part(make_window, tables) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, "iv", [PATCH, OXY_ER, OXY_PRN])
    saved = window.session.state.document.model_dump(mode="json", by_alias=True)
    window.session.replace_document(RegimenDocument.model_validate(saved))
    QApplication.processEvents()
    assert "until then): see the Note" in _cell(window, "iv", "rate")


def test_a_patch_alone_says_no_regular_opioid_until_17_h(make_window, tables) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, "sc", [PATCH])
    assert "(no regular opioid until then): see the Note" in _cell(window, "sc", "rate")


def test_no_patch_no_staged_words(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "iv", [OXY_ER, OXY_PRN])
    assert full_from(plan) is None
    assert "see the Note" not in _cell(window, "iv", "rate")
    assert not _cell(window, "iv", "note").startswith(STAGED)


@pytest.mark.parametrize("to", TARGETS, ids=lambda t: f"{t['drug']}-{t['route']}")
@pytest.mark.parametrize("current", [[PATCH], [PATCH, OXY_ER, OXY_PRN]], ids=["patch", "mixed"])
def test_every_staged_regular_row_leads_with_its_first_part(
    tables, to: dict[str, object], current: list[dict[str, object]]
) -> None:
    """Every regular row Apply writes from a patch leads its Note with the plan's first part;
    a new patch (on as the old one comes off) never does; a breakthrough row never does."""
    request = {"from": {"items": current}, "to": to, "table": "uk-palliative"}
    plan = plan_rotation(request, tables=tables)
    lead = staged_lead(plan)
    assert bool(lead) == (to["route"] != "transdermal"), lead
    for item in planned_items(plan):
        starts = (item.note or "").startswith(STAGED + lead)
        assert starts == (bool(lead) and not item.prn), item.note
