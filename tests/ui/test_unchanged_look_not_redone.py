"""An edit that leaves a label's or a field's colour as it was does not restyle it: Qt
repolishes a widget for every ``setStyleSheet`` call, the same style or not (18k calls in one
run of tests/ui; each refresh of the planner restyled its message). What is shown is still what
the state says: a colour follows a change that does change it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.ui.conftest import shown
from ui.main_window import MainWindow
from ui.theme import ERROR_BORDER_STYLE


class _Restyled(QObject):
    """Every widget that is restyled (a StyleChange event), by name."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange and isinstance(watched, QWidget):
            self.names.append(watched.objectName() or type(watched).__name__)
        return False


def _type_age(window: MainWindow, age: str) -> None:
    field = window.patient_header.field_widget("age")
    assert isinstance(field, QLineEdit)
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, age)
    QTest.keyClick(field, "\t")  # leaves the field: the age is pushed
    QApplication.processEvents()


def test_an_age_that_changes_no_colour_restyles_nothing(
    case_window: MainWindow,
) -> None:
    window = shown(case_window)
    window.ensure_panels()
    planner = window.planner
    assert planner is not None
    planner.set_target("morphine", "oral", frequency="q12h")
    assert planner.plan is not None  # a plan is shown
    QApplication.processEvents()
    plan_before = planner.view.toPlainText()
    restyled = _Restyled()
    QApplication.instance().installEventFilter(restyled)
    try:
        _type_age(window, "40")
    finally:
        QApplication.instance().removeEventFilter(restyled)
    assert window.session.state is not None
    assert window.session.state.patient_raw.get("age") == "40"
    assert restyled.names == []
    assert planner.view.toPlainText() == plan_before  # planned again, the same plan
    _type_age(window, "67")  # the plan names the age now
    assert "Age 67 (≥ 65)" in planner.view.toPlainText()


def test_a_refused_age_is_styled_once_and_unstyled_when_corrected(
    case_window: MainWindow,
) -> None:
    window = shown(case_window)
    field = window.patient_header.field_widget("age")
    _type_age(window, "-4")
    assert field.styleSheet() == ERROR_BORDER_STYLE
    restyled = _Restyled()
    field.installEventFilter(restyled)
    window.session.undo_stack.undo()  # back to no age: the field unstyled, once
    window.session.undo_stack.redo()  # the refused age again: styled, once
    QApplication.processEvents()
    assert field.styleSheet() == ERROR_BORDER_STYLE
    window.patient_header.refresh()  # nothing changed: nothing restyled
    assert len(restyled.names) == 2
    _type_age(window, "40")
    assert field.styleSheet() == ""
    assert len(restyled.names) == 3


def test_every_style_in_the_app_is_set_through_restyle() -> None:
    """The class of the defect: a ``setStyleSheet`` call of its own in any module of ``ui/``
    would restyle its widget on every refresh again."""
    ui = Path(__file__).resolve().parents[2] / "ui"
    direct = [
        f"{path.relative_to(ui.parent)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "unchanged.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".setStyleSheet(" in line
    ]
    assert direct == []


def test_a_window_styles_its_banner_and_left_out_words_only_when_they_say_something(
    case_window: MainWindow,
) -> None:
    """A style sheet costs ~1 ms of every window made; most windows never show the banner of
    a record moved on nor a row left out of the total. When they do, they are styled."""
    window = shown(case_window)
    banner, left_out = window.record_banner, window.results_panel.excluded_label
    assert (banner.styleSheet(), left_out.styleSheet()) == ("", "")
    banner.say("A newer regimen is on record.")
    assert "background: #fff1c2" in banner.styleSheet() and not banner.isHidden()
    model = window.editor.model
    assert model.setData(model.index(0, model.column_of("daily_dose")), "sixty mg")
    QApplication.processEvents()
    assert "leaves out row 1" in left_out.text()
    assert left_out.styleSheet() == "color: rgb(190, 30, 30);"
