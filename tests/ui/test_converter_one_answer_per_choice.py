"""A drug chosen in the quick converter is answered once: its route list is refilled first (each
route it passed through on the way changed the choice and converted again: up to three answers
and two plans for one choice), then the converter answers once, for the drug and route now
shown. The answer is the one a fresh conversion of what is shown gives."""

from __future__ import annotations

from typing import Any

import pytest

import ui.converter.converter_panel as converter_module
from tests.ui.conftest import ask_oxycodone_to_patch

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize(
    ("box", "drug", "route"),
    [("to_drug", "morphine", "oral"), ("from_drug", "hydromorphone", "oral")],
)
def test_a_chosen_drug_is_answered_once(
    case_window, monkeypatch, box: str, drug: str, route: str
) -> None:
    panel = ask_oxycodone_to_patch(case_window)
    planned: list[object] = []
    real = converter_module.plan_rotation

    def counted(*args: Any, **kwargs: Any) -> Any:
        planned.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(converter_module, "plan_rotation", counted)
    answers: list[None] = []
    panel.planChanged.connect(lambda: answers.append(None))
    combo = getattr(panel, box)
    combo.setCurrentIndex(combo.findData(drug))  # as a choice from its list
    assert len(answers) == 1
    route_box = panel.to_route if box == "to_drug" else panel.from_route
    assert route_box.currentData() == route
    answer, plan, notice = panel.result.text(), panel.plan, panel.kept_dose()
    if box == "to_drug":  # asked once (oral morphine then wants its form: a refusal in words)
        assert len(planned) == 1 and answer.startswith("No conversion: Target form"), answer
    else:  # the amount was given for oxycodone: it waits to be confirmed, nothing is planned
        assert planned == [] and plan is None and notice is not None
    panel.convert()  # a fresh conversion of what is shown
    assert (panel.result.text(), panel.plan, panel.kept_dose()) == (answer, plan, notice)


def test_each_key_typed_in_the_amount_is_answered_once(case_window) -> None:
    """A key typed in the amount is one answer, also when it changes the unit list (a unit
    typed in the box is shown greyed in the list: the list's change, and the removal of the
    unit typed before, converted again, up to three times a key). Each answer is the one a
    fresh conversion of what is shown gives."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import shown

    panel = ask_oxycodone_to_patch(shown(case_window))
    answers: list[None] = []
    panel.planChanged.connect(lambda: answers.append(None))
    panel.amount.number.setFocus()
    panel.amount.number.selectAll()
    QApplication.processEvents()
    for key in "80 mg/day":
        answers.clear()
        QTest.keyClicks(QApplication.focusWidget(), key)
        QApplication.processEvents()
        assert len(answers) == 1, (key, panel.amount.text())
        answer, plan = panel.result.text(), panel.plan
        panel.convert()
        assert (panel.result.text(), panel.plan) == (answer, plan)
    assert panel.amount.text() == "80 mg/day" and panel.plan is not None
