"""Issue #8 class 10 in the app: a regimen row that could not be read is never left out silently.

A patch row with a mistyped rate used to vanish from the plan, the check and "start from the
current regimen". The panels now refuse, naming the row (``refuse_excluded_rows``).
"""

from __future__ import annotations

from mps_pain.domain.regimen import RegimenDocument
from ui.editing import with_row_inserted

MORPHINE = {"drug": "morphine", "route": "oral", "form": "er", "dose": "60 mg", "frequency": "q12h"}
BAD_PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mgc/h", "prn": False}


def _window_with_a_bad_row(make_window, tables):
    window = make_window(tables=tables)
    window.session.replace_document(
        RegimenDocument.model_validate({"table": "uk-palliative", "items": [MORPHINE]})
    )
    window.session.push(with_row_inserted(window.session.state, 1, BAD_PATCH), "add patch")
    assert window.session.state.invalid_rows(), "the mistyped rate must make row 2 invalid"
    window.ensure_panels()
    return window


def test_the_planner_refuses_a_regimen_with_an_unreadable_row(make_window, tables) -> None:
    window = _window_with_a_bad_row(make_window, tables)
    window.planner.set_target("oxycodone", "oral", form="er", frequency="q12h")
    assert window.planner.plan is None
    assert window.planner.error is not None and "row 2" in window.planner.error


def test_the_check_refuses_and_start_from_current_does_not_copy(make_window, tables) -> None:
    window = _window_with_a_bad_row(make_window, tables)
    check = window.check
    check.copy_current()
    assert "row 2" in check.verdict.text()
    assert check.proposal.state is None or not check.proposal.state.document.items
