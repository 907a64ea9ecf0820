"""Clinician re-check 18d, D2 (medium): after Apply plan from 12-hourly modified-release morphine
(300 mg bid, 600 OME/day) to a fentanyl patch, the Regimen tab held the three patches and the
breakthrough line, each note only "from the switching plan …"; the plan's "0 h: Give the last
dose, morphine oral ER 300 mg … when the patch goes on, then stop it" [NHS Lanarkshire] was on
the plan alone. Someone working from the Regimen tab or the saved regimen stopped the morphine
as the patch went on: 12–24 h covered only by as-needed doses. The class: every timed step of
the plan's schedule travels with the rows Apply writes (``presentation.applied_steps``; ``ui/``
computes nothing), in the Note cell, its tooltip and the saved regimen. Real keys: Ctrl+2,
Alt+G, Alt+A, Ctrl+1, Ctrl+Shift+R; and a property over generated switches."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.errors import MpsPainError
from mps_pain.services.patient_service import PatientService
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.discarded import discard
from tests.ui.conftest import shown
from tests.ui.keyboard import press
from tests.ui.record_dialogs import answer_modals, press_save_to_record, type_in_chooser
from ui.models.regimen_table_model import COLUMNS
from ui.planner.apply import planned_items

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NOTE = next(i for i, column in enumerate(COLUMNS) if column[0] == "note")
MR_300 = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "300 mg", "frequency": "bid"}
IR_PRN = {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
          "doses_per_day": 2}  # fmt: skip
LAST_DOSE = (
    "0 h: Give the last dose, morphine oral ER 300 mg (its every 12 h dose) when the patch goes "
    "on, then stop it"
)
PRN_STOPPED = "Stop the current as-needed morphine oral IR 10 mg"


def _notes(window, tooltip: bool = False) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each row's Note cell as the Regimen tab shows it (or its tooltip), by drug and route."""
    model = window.editor.view.model()
    role = Qt.ItemDataRole.ToolTipRole if tooltip else Qt.ItemDataRole.DisplayRole
    notes: dict[str, list[str]] = {}
    for row in range(model.rowCount()):
        raw = window.session.state.rows[row].raw
        key = f"{raw.get('drug')} {raw.get('route')}" + (" prn" if raw.get("prn") else "")
        notes.setdefault(key, []).append(str(model.index(row, NOTE).data(role)))
    return notes


def test_a_patch_applied_after_12_hourly_morphine_keeps_its_last_dose(
    make_window, tables, records_service: PatientService
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    document = {"table": "uk-palliative", "items": [MR_300, IR_PRN]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    press((Qt.Key.Key_G, ALT), "Fentanyl")
    window.planner.replan()
    plan = window.planner.plan
    assert plan is not None, window.planner.error_label.text()
    assert plan.regimen.route == "transdermal" and len(plan.regimen.patches or ()) == 3
    assert any(entry.action.startswith(LAST_DOSE[5:]) for entry in plan.schedule)
    press((Qt.Key.Key_A, ALT))
    QTest.qWait(200)  # a button's Alt key clicks it after its pressed look (animateClick)
    press((Qt.Key.Key_1, CTRL))
    QApplication.processEvents()
    assert window.editor.view.isVisible()
    for tooltip in (False, True):
        notes = _notes(window, tooltip)
        assert "morphine oral" not in notes, notes  # the old row is replaced …
        patches = notes["fentanyl transdermal"]
        assert len(patches) == 3 and all(LAST_DOSE in note for note in patches), patches
        (rescue,) = notes["morphine oral prn"]  # … and the as-needed line it stops is named
        assert PRN_STOPPED in rescue and "from 0 h" in rescue, rescue
    # what a save stores: the regimen applied, its rows with the plan's timed steps (after the
    # regimen the plan was made from: clinician review 19, L5)
    answer_modals([type_in_chooser("MRN-0001")], [])
    press_save_to_record(window)
    (_, version) = records_service.regimen_versions("MRN-0001")
    stored = [i.note or "" for i in version.regimen.items if i.route == "transdermal"]
    assert len(stored) == 3 and all(LAST_DOSE in note for note in stored), stored


# The class, as a property: every timed step of the plan's schedule (the co-medications'
# "throughout" lines aside: their rows stay as they are) is in the wording of the rows Apply
# writes, the steps naming a current line's drug (its last dose, the doses kept for 12 h,
# methadone's stepped days, the stop when the next dose is due) among them.

CURRENT_LINES = [
    MR_300,
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "qd"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "10 mg", "frequency": "q4h"},
    {"drug": "morphine", "route": "sc", "rate": "30 mg/day"},
    {"drug": "hydromorphone", "route": "iv", "rate": "0.5 mg/h"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
    {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"},
]
CURRENT = st.sampled_from(CURRENT_LINES)
TARGETS = st.sampled_from(
    [
        {"drug": "fentanyl", "route": "transdermal"},
        {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "oxycodone", "route": "sc", "continuous": True},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
        {"drug": "methadone", "route": "oral"},
    ]
)
METHODS = [{}, {"methadone_method": "msd-quill"}, {"methadone_method": "ccdhb"}]
SCHEDULES = [{}, {"methadone_schedule": "immediate"}, {"methadone_schedule": "three-step"}]
METHADONE = st.sampled_from([{**m, **s} for m in METHODS for s in SCHEDULES])


NO_RESCUE = {  # the plan has no breakthrough dose (no suppository for 3–5 mg): no such row
    "from": {
        "items": [
            {"drug": "fentanyl", "route": "transdermal", "rate": "12 mcg/h"},
            {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg",
             "frequency": "q12h"},
            {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "2.5 mg", "prn": True,
             "doses_per_day": 3},
        ]
    },
    "to": {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
    "table": "jspm-2010",
}  # fmt: skip


def test_a_plan_without_a_breakthrough_dose_says_the_as_needed_cover_on_its_rows(tables) -> None:
    """No breakthrough row is written: the step that keeps the current as-needed line as the
    cover until one is chosen is on the regular rows."""
    plan = plan_rotation(NO_RESCUE, tables=tables)
    assert plan.breakthrough is not None and plan.breakthrough.dose is None
    items = planned_items(plan)
    assert items and not any(item.prn for item in items)
    (entry,) = [e for e in plan.schedule if e.action.startswith("No breakthrough dose")]
    assert all(_said(entry) in " ".join((item.note or "").split()) for item in items), items


def _said(entry: ScheduleEntry) -> str:
    return f"{entry.when}: {_instruction(entry.action)}"


def _instruction(action: str) -> str:
    """A step's instruction: its words before its first source, spaces as one."""
    return " ".join(action.split("[", 1)[0].split())


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    lines=st.lists(CURRENT, min_size=1, max_size=3, unique_by=lambda line: str(line)),
    prn=st.booleans(),
    to=TARGETS,
    methadone=METHADONE,
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_every_timed_step_of_the_plan_is_in_the_applied_rows(
    lines: list[dict[str, Any]], prn: bool, to: dict[str, Any], methadone: dict[str, str],
    table: str,
) -> None:  # fmt: skip
    request: dict[str, Any] = {
        "from": {"items": [*lines, *([IR_PRN] if prn else [])]},
        "to": to,
        "table": table,
        "patient": {"opioid_tolerant": True},
        **(methadone if to["drug"] == "methadone" else {}),
    }
    try:
        plan = plan_rotation(request, tables=get_tables())
    except MpsPainError as refusal:
        discard(refusal)
    items = planned_items(plan)
    if not items:  # no dose: Apply writes nothing and keeps the current regimen
        return
    wording = " ".join(" ".join((item.note or "").split()) for item in items)
    drugs = {line.drug for line in plan.current if line.kind == "opioid"}
    for entry in plan.schedule:
        if entry.when == "throughout":
            continue
        said = _said(entry)
        names = {d for d in drugs if re.search(rf"\b{d}\b", entry.action)}
        assert said in wording, (names, said, wording)


def test_a_three_step_methadone_plan_applies_within_the_note_limit() -> None:
    """The helper pharm-meds' run of the property above (merged state, 5 December): oxycodone ER
    20 mg q12h and an as-needed line to methadone (MSD/Quill, three steps, uk-palliative). With
    each step's sources kept, the regular rows' note ran past a row note's 2,000 characters
    and Apply failed; the steps are said without their sources (the plan printed with Apply
    keeps them)."""
    request = {
        "from": {
            "items": [
                {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg",
                 "frequency": "q12h"},
                {"drug": "morphine", "route": "oral", "form": "ir", "dose": "5 mg", "prn": True,
                 "doses_per_day": 2},
            ]
        },
        "to": {"drug": "methadone", "route": "oral"},
        "table": "uk-palliative",
        "methadone_method": "msd-quill",
        "methadone_schedule": "three-step",
        "patient": {"opioid_tolerant": True},
    }  # fmt: skip
    plan = plan_rotation(request, tables=get_tables())
    items = planned_items(plan)  # each a validated regimen row
    wording = " ".join(" ".join((item.note or "").split()) for item in items)
    assert all(_said(e) in wording for e in plan.schedule if e.when != "throughout"), wording


MORE_LINES = [
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "2 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "sc", "rate": "10 mg/day"},
]
# pharm-lows' reproducer, four lines (Apply failed on a note past 2,000 characters when each
# step kept its sources), made longer: seven regular lines, each named in each step
MANY_LINES = {
    "from": {"items": [*CURRENT_LINES[1:6], *MORE_LINES, IR_PRN]},
    "to": {"drug": "methadone", "route": "oral"},
    "table": "uk-palliative",
    "methadone_method": "msd-quill",
    "methadone_schedule": "three-step",
    "patient": {"opioid_tolerant": True},
}  # fmt: skip


def _every_step_said_or_named(plan: Any) -> None:
    items = planned_items(plan)  # each a validated row: never past a note's 2,000 characters
    wording = " ".join(" ".join((item.note or "").split()) for item in items)
    for entry in plan.schedule:
        if entry.when == "throughout":
            continue
        named = "too long for this note" in wording and f"{entry.when}" in wording
        assert _said(entry) in wording or named, (entry, wording)


def test_a_plan_whose_steps_pass_the_note_limit_names_each_step_and_where_to_read_it() -> None:
    plan = plan_rotation(MANY_LINES, tables=get_tables())
    _every_step_said_or_named(plan)
    assert "too long for this note" in " ".join(i.note or "" for i in planned_items(plan))


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    lines=st.lists(
        st.one_of(CURRENT, st.sampled_from(MORE_LINES)),
        min_size=1,
        max_size=8,
        unique_by=lambda line: str(line),
    ),
    prn=st.booleans(),
    method=st.sampled_from(METHODS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_apply_never_fails_on_a_long_methadone_schedule(
    lines: list[dict[str, Any]], prn: bool, method: dict[str, str], table: str
) -> None:
    request: dict[str, Any] = {
        "from": {"items": [*lines, *([IR_PRN] if prn else [])]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "patient": {"opioid_tolerant": True},
        "methadone_schedule": "three-step",
        **method,
    }
    try:
        plan = plan_rotation(request, tables=get_tables())
    except MpsPainError as refusal:
        discard(refusal)
    _every_step_said_or_named(plan)
