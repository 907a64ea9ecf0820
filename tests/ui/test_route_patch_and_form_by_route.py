"""Clinician review 19, M5: typing "fentanyl Tab patch Tab 25 Tab" dropped "patch" (the Route
list took no typed word) and "25" landed in Form; the Form list of a transdermal row offered
"injection", and picking it was blamed on the route ("fentanyl has no transdermal route").
Now a word the catalogue reads as a route ("patch": the form given through the skin only) is
taken where it is typed, the Form list offers the forms of the row's route, and a form that
does not fit the route is named as the form. Real keys, one at a time as a keyboard sends them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.cli_runner import run_document
from tests.ui.conftest import shown
from tests.ui.keyboard import cell_index, keyboard
from ui.models.regimen_table_model import ERROR_ROLE

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _type_new_row(window, *keys: str | Qt.Key) -> int:  # type: ignore[no-untyped-def]
    editor = window.editor
    editor.add_row()
    row = editor.current_row()
    editor.view.setFocus()
    QApplication.processEvents()
    for key in keys:
        for one in list(key) if isinstance(key, str) else [key]:
            keyboard(one)
    return row


@pytest.mark.parametrize("word", ["patch", "Patch"])
def test_patch_typed_in_route_is_the_transdermal_route(case_window, word: str) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    tab = Qt.Key.Key_Tab
    row = _type_new_row(window, "fentanyl", tab, word, tab)
    assert cell_index(window, row, "route").data() == "transdermal"
    assert cell_index(window, row, "route").data(ERROR_ROLE) is None


def test_a_word_that_is_no_route_is_kept_and_refused_on_the_route(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    tab = Qt.Key.Key_Tab
    row = _type_new_row(window, "fentanyl", tab, "skin", tab)
    assert cell_index(window, row, "route").data() == "skin"  # never dropped
    said = cell_index(window, row, "route").data(ERROR_ROLE)
    assert said is not None and "“skin” is not a route" in said, said


def test_the_form_list_offers_the_forms_of_the_route(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    tab = Qt.Key.Key_Tab
    row = _type_new_row(window, "fentanyl", tab, "patch", tab)
    forms = window.editor._form_options(row)
    assert "patch" in forms and "injection" not in forms, forms


def test_a_form_that_does_not_fit_the_route_is_named_as_the_form(case_window) -> None:  # type: ignore[no-untyped-def]
    window = shown(case_window)
    tab = Qt.Key.Key_Tab
    row = _type_new_row(window, "fentanyl", tab, "patch", tab, "injection", tab)
    window.editor.model.setData(cell_index(window, row, "rate"), "25 mcg/h")
    said = cell_index(window, row, "form").data(ERROR_ROLE)
    assert said is not None and said.startswith("Form:") and "injection" in said, said
    assert cell_index(window, row, "route").data(ERROR_ROLE) is None


def test_the_command_line_names_the_form_too() -> None:
    item = {"drug": "fentanyl", "route": "transdermal", "form": "injection", "rate": "25 mcg/h"}
    done = run_document("mme", {"items": [item]}, "--table", "uk-palliative")
    assert done.returncode != 0
    assert "items[0].form" in done.stderr and "transdermal patch" in done.stderr, done.stderr
