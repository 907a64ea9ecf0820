"""Clinician review 18 #8 (shot-58): under the UK palliative set the planner's methadone method
opens on the set's own, Morley-Makin stop and go, which is as-needed only and never gives a
printed order (no sourced interval or 24-h maximum): a first-time user who picks methadone saw a
red "NO DOSE — Not given by this method" before anything else.

Decided from the docs (docs/rotation.md "Methadone: a method catalogue", docs/gui.md "Methadone
method by set"): the set's own method stays the default (no other method is preferred for a UK
patient; none is invented), and while it is the default and another cited method gives this
patient a dose, the plan opens on "choose a method" in plain colour, naming the methods that do.
A method the user chooses, Morley-Makin by name included, shows its own refusal as before; a
refusal for the patient (QTc above 500 ms: no method gives a dose) stays red.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.domain.rotation.methadone_method import PRN_OPEN_ENDED
from mps_pain.presentation.methadone_rows import method_to_choose
from mps_pain.presentation.severity import severity_style
from tests.ui.conftest import CASE_1_RAISED, shown

RED = severity_style("danger").colour


def _planner(make_window, tables, qtbot):
    window = shown(make_window(tables, CASE_1_RAISED))
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the planner
    planner = window.planner
    assert planner is not None
    planner.set_target("methadone", "oral", table="uk-palliative")
    qtbot.waitUntil(lambda: planner.plan is not None)
    return planner


def test_the_uk_default_opens_on_choose_a_method_not_a_red_refusal(
    make_window, tables, qtbot
) -> None:
    planner = _planner(make_window, tables, qtbot)
    assert planner.method.currentData() is None  # the set's own default, unchanged
    html = planner.view.toHtml()
    text = " ".join(planner.view.toPlainText().split())
    assert text.startswith("New regimen: methadone: choose a method"), text[:200]
    assert "NO DOSE" not in text.split("Warnings")[0], text[:600]
    first = html.split("Warnings")[0]
    assert RED.lower() not in first.lower(), first  # nothing red before the warnings
    assert "Methods that give a regular dose for this patient:" in text
    assert not planner.apply_button.isEnabled()  # still no dose to apply


def test_morley_makin_chosen_by_name_keeps_its_refusal(make_window, tables, qtbot) -> None:
    """Under a set whose own method is another (JSPM: the Japanese label), Morley-Makin is
    listed by name; chosen, its refusal is said as before, in red."""
    planner = _planner(make_window, tables, qtbot)
    planner.table.setCurrentIndex(planner.table.findData("jspm-2010"))
    index = planner.method.findData("morley-makin")
    assert index > 0
    planner.method.setCurrentIndex(index)
    planner.replan()
    text = " ".join(planner.view.toPlainText().split())
    assert "NO DOSE: Not given by this method" in text, text[:300]
    assert RED.lower() in planner.view.toHtml().split("Warnings")[0].lower()


def test_the_rule_holds_for_every_plan_of_an_open_ended_default(tables) -> None:
    """``method_to_choose`` names a choice only for an as-needed-only method's NO DOSE where
    another method gives a dose; never for a method asked by name."""
    from mps_pain.domain.rotation.requests import RotationRequest
    from mps_pain.services.rotation_service import plan_rotation

    for qtc in (None, 0.47, 0.52):
        patient = {"age": 70} if qtc is None else {"age": 70, "qtc": f"{qtc} s"}
        request = RotationRequest.model_validate(
            {
                "from": {
                    "items": [
                        {
                            "drug": "oxycodone",
                            "route": "oral",
                            "form": "er",
                            "dose": "40 mg",
                            "frequency": "q12h",
                        }
                    ]
                },
                "to": {"drug": "methadone", "route": "oral"},
                "table": "uk-palliative",
                "patient": patient,
            }
        )
        plan = plan_rotation(request, tables=tables)
        assert any(w.code == PRN_OPEN_ENDED for w in plan.warnings)
        choose = method_to_choose(plan, asked=False)
        gated = qtc == 0.52  # above 500 ms: a refusal for the patient, never a choice
        assert (choose is None) == gated, (qtc, choose)
        assert method_to_choose(plan, asked=True) is None
