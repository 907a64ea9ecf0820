"""Clinician review 16, #5: after Apply plan to a syringe driver the regimen row read
"1.666666667 mg/h", a rate no pump is set to; the plan itself says "40 mg over 24 h". A
subcutaneous syringe driver is ordered by its 24-h amount: Apply writes the plan's 24-h amount
(the same quantity, no arithmetic in the app), so the row reads as the plan's order does and
the total is unchanged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mps_pain.domain.regimen import RegimenDocument
from tests.ui.conftest import shown

MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "40 mg", "frequency": "q12h"}


def test_a_syringe_driver_is_applied_as_its_24_hour_amount(make_window, tables) -> None:
    window = shown(make_window(tables))
    window.ensure_panels()
    document = {"table": "uk-palliative", "items": [MORPHINE]}
    window.session.replace_document(RegimenDocument.model_validate(document))
    window.show_tab(1)
    planner = window.planner
    planner.set_target("morphine", "sc", continuous=True, table="uk-palliative")
    plan = planner.plan
    assert plan is not None and plan.rounded_daily_dose is not None
    QTest.mouseClick(planner.apply_button, Qt.MouseButton.LeftButton)
    items = window.session.state.document.items
    infusion = next(i for i in items if i.route == "sc")
    assert infusion.rate is not None
    assert (infusion.rate.value, infusion.rate.unit) == (40.0, "mg/day"), infusion.rate
