"""Clinician re-check 17b, #8 (low): after review 17 #5 a number alone is read in a header
quantity's unit ("58" → 58 kg), yet "58,5", "0" and "58 kgs" were refused as "not an amount.
Type a number and a unit", and the age "81 years" as "not an age in years". One rule for the
header's quantities: a number alone, or a number and its unit, the age in years with or without
"years"; each refusal says what is read: a decimal comma is named with the number as it should
be written, a zero "must be more than zero", an unknown unit with the number alone accepted.
Real header fields, QTest keystrokes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import Patient
from tests.ui.conftest import shown
from tests.ui.keyboard import press


def _typed(window: Any, field: str, text: str) -> tuple[str | None, Any]:
    window.resize(1280, 720)  # the reviewer's screen: every header field in sight
    QApplication.processEvents()
    box = window.patient_header.field_widget(field)
    assert box.isVisible()
    box.setFocus()
    box.selectAll()
    QApplication.processEvents()
    press(text, Qt.Key.Key_Tab)
    state = window.session.state
    return state.patient_errors.get(field), getattr(state.document.patient, field)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("58,5", "write decimals with a point: 58.5"),
        ("0", "Weight must be more than zero"),
        ("58 kgs", "a number alone (read in kg) or a number and its unit"),
    ],
)
def test_a_refused_weight_says_what_is_read(case_window, text: str, said: str) -> None:
    window = shown(case_window)
    error, weight = _typed(window, "weight", text)
    assert weight is None and error is not None
    assert said in error, error
    assert "Type a number and a unit" not in error, error


@pytest.mark.parametrize("text", ["81 years", "81 y", "81 yrs", "81 Years", "81"])
def test_the_age_reads_a_years_unit(case_window, text: str) -> None:
    window = shown(case_window)
    error, age = _typed(window, "age", text)
    assert error is None and age == 81, error
    assert Patient.model_validate({"age": text}).age == 81  # the core's one rule


def test_an_age_in_another_unit_is_refused_in_words(case_window) -> None:
    window = shown(case_window)
    error, age = _typed(window, "age", "81 kg")
    assert age is None and error is not None
    assert "81 years" in error, error  # the accepted forms, said
