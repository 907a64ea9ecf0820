"""Clinician review 17, #2: Apply plan to an IV hydromorphone infusion wrote the regimen row as
"0.1666666667 mg/h" (review 16 #5 had fixed the syringe driver only), beside a plan that read
"0.1667 mg/h". Every planned infusion is written by one rule (``shape.infusion_words``: "4 mg over
24 h by continuous IV infusion (0.16 mg/h)"), and Apply writes the amount that rule puts first,
the plan's own 24-h amount, as a typed quantity: the applied row reads as the plan's order does
and the total is the plan's. The clinician's keys: Ctrl+2, Drug, Route iv, Alt+I, Alt+A."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown
from tests.ui.keyboard import alt_click, press

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
REGIMEN = {
    "table": "uk-palliative",
    "items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "prn": True, "dose": "10 mg",
         "doses_per_day": 2},
    ],
}  # fmt: skip


def test_an_iv_infusion_is_planned_and_applied_as_its_24_hour_amount(
    make_window, tables, tmp_path
) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    window.session.replace_document(RegimenDocument.model_validate(REGIMEN))
    window.activateWindow()
    window.editor.view.setFocus()
    QApplication.processEvents()
    press((Qt.Key.Key_2, CTRL))
    planner = window.planner
    press((Qt.Key.Key_G, ALT))
    assert QApplication.focusWidget() is planner.drug
    press("Hydromorphone")
    press((Qt.Key.Key_O, ALT))
    assert QApplication.focusWidget() is planner.route
    press("iv")
    alt_click(Qt.Key.Key_I, planner.continuous.isChecked)  # Continuous (infusion or patch)
    planner.replan()
    plan = planner.plan
    assert plan is not None, planner.error_label.text()
    assert (plan.regimen.drug, plan.regimen.route) == ("hydromorphone", "iv"), plan.regimen
    shown_text = " ".join(planner.view.toPlainText().split())
    assert "4 mg over 24 h by continuous IV infusion (0.16 mg/h)" in shown_text, shown_text
    assert "0.1667" not in shown_text
    if shutil.which("pdftotext") is not None:  # the signed PDF says it in the same words
        from ui.printing.plan_pdf import write_plan_pdf
        from ui.printing_actions import plan_content

        content = plan_content(window)
        assert content is not None and content.plan is not None
        write_plan_pdf(tmp_path / "plan.pdf", content)
        done = subprocess.run(
            ["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True
        )
        printed = " ".join(done.stdout.split())
        assert "4 mg over 24 h by continuous IV infusion (0.16 mg/h)" in printed, printed
        assert "0.1667" not in printed and "0.1666" not in printed
    alt_click(Qt.Key.Key_A, lambda: planner.applied_plan() is not None)  # Apply plan
    items = window.session.state.document.items
    infusion = next(i for i in items if i.route == "iv" and not i.prn)
    assert infusion.rate is not None
    assert (infusion.rate.value, infusion.rate.unit) == (4.0, "mg/day"), infusion.rate
