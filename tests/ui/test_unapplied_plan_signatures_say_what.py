"""Clinician review 21, N6: the PDF of a plan not applied (the planner showing a switch, the
regimen still the one before it) ended in a Signatures block with nothing above it to sign,
while an applied plan's page prints the regimen before, the arithmetic, the new regimen and
its breakthrough dose beside the lines. A plan not applied now prints the same summary, from
the same view record (``applied_plan_view``), under a line saying it is not applied yet; a
plan that proposes no dose keeps the bare lines (there is no switch to sign). Real keys:
Ctrl+2 and the target, no Apply."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.applied_plan import NOT_APPLIED_YET, applied_plan_view, signed_facts
from tests.ui.conftest import shown
from tests.ui.keyboard import press
from tests.ui.test_applied_plan_printed_is_verifiable import WARD, _plain

CTRL = Qt.KeyboardModifier.ControlModifier


def _signatures_part(window, drug: str, route: str, **target) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    window.session.replace_document(RegimenDocument.model_validate(WARD))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    planner.set_target(drug, route, table="uk-palliative", **target)
    content = plan_content(window)
    assert content is not None and content.plan is not None and content.applied is None
    text = _plain(plan_html(content))
    return text[text.rindex("Signatures") :], content.plan


def test_a_plan_not_applied_says_what_is_signed(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    window = shown(make_window(tables))
    signed, plan = _signatures_part(window, "oxycodone", "sc", continuous=True)
    assert NOT_APPLIED_YET in signed, signed
    view = applied_plan_view(plan)  # type: ignore[arg-type]
    for line in view.switched_from:
        assert _plain(line) in signed, line
    for fact in signed_facts(view):
        assert f"{fact.label}: {_plain(fact.value)}" in signed, fact
    assert "New regimen:" in signed and "Breakthrough dose:" in signed
    assert signed.index(NOT_APPLIED_YET) < signed.index("New regimen:") < signed.index("Prescriber")


def test_a_plan_with_no_dose_keeps_the_bare_lines(make_window, tables) -> None:  # type: ignore[no-untyped-def]
    window = shown(make_window(tables))
    WARD_KIDNEY = {**WARD, "patient": {**WARD["patient"], "egfr": "25 mL/min"}}  # type: ignore[dict-item]
    window.session.replace_document(RegimenDocument.model_validate(WARD_KIDNEY))
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    press((Qt.Key.Key_2, CTRL))
    window.planner.set_target("morphine", "sc", continuous=True, table="uk-palliative")
    content = plan_content(window)
    assert content is not None and content.plan is not None
    assert content.plan.regimen.no_dose, "the review's morphine at eGFR 25 is NO DOSE"
    text = _plain(plan_html(content))
    signed = text[text.rindex("Signatures") :]
    assert NOT_APPLIED_YET not in signed and "New regimen:" not in signed
