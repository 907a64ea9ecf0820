"""An edit is a new state followed by its result (``EditorSession.apply_state``): the regimen
table tells its view once and the warnings list is made once, from both, so a keystroke costs
one measurement of the columns and one layout of the warnings, not two. What they show is
still what a fresh reading of the session gives."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStyle

from ui.main_window import MainWindow
from ui.models.regimen_table_model import COLUMNS
from ui.models.warnings_model import collect_warnings, severity_icon


def _column(name: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c[0] == name)


def test_an_edit_tells_the_table_once_and_lays_the_warnings_out_once(
    case_window: MainWindow,
) -> None:
    table, warnings = case_window.editor.model, case_window.warnings_panel.model
    told: list[object] = []
    resets: list[object] = []
    table.dataChanged.connect(lambda *args: told.append(args))
    warnings.modelReset.connect(lambda: resets.append(None))

    before = warnings.warnings()
    assert table.setData(table.index(0, _column("daily_dose")), "sixty mg")  # a bad cell
    assert len(told) == 1 and len(resets) == 1
    assert warnings.warnings() != before
    assert warnings.warnings() == collect_warnings(case_window.session)
    assert table.index(0, _column("mme")).data() == "excluded"

    told.clear()
    resets.clear()
    assert table.setData(table.index(0, _column("daily_dose")), "60 mg/day")
    assert len(told) == 1 and len(resets) == 1
    assert warnings.warnings() == before == collect_warnings(case_window.session)
    assert table.index(0, _column("mme")).data() == "90"

    # a change that leaves the warnings as they were keeps the list (and its selection)
    told.clear()
    resets.clear()
    assert table.setData(table.index(0, _column("note")), "taken with food")
    assert len(told) == 1 and resets == []
    assert warnings.warnings() == before == collect_warnings(case_window.session)
    assert table.index(0, _column("note")).data() == "taken with food"


def test_undo_and_redo_tell_the_table_once_each(case_window: MainWindow) -> None:
    table, undo = case_window.editor.model, case_window.session.undo_stack
    assert table.setData(table.index(0, _column("daily_dose")), "80 mg/day")
    told: list[object] = []
    table.dataChanged.connect(lambda *args: told.append(args))
    undo.undo()
    assert len(told) == 1 and table.index(0, _column("daily_dose")).data() == "60 mg/day"
    undo.redo()
    assert len(told) == 2 and table.index(0, _column("daily_dose")).data() == "80 mg/day"


def test_each_severity_shows_the_styles_own_icon(case_window: MainWindow) -> None:
    """The icons are kept between paints (``severity_icon``), drawn by the style in use."""
    style = QApplication.style()
    expected = {
        "danger": QStyle.StandardPixmap.SP_MessageBoxCritical,
        "caution": QStyle.StandardPixmap.SP_MessageBoxWarning,
        "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    }
    for severity, pixmap in expected.items():
        for _ in range(2):  # made, then kept
            shown = severity_icon(severity).pixmap(16).toImage()
            assert shown == style.standardIcon(pixmap).pixmap(16).toImage()
    warnings = case_window.warnings_panel.model
    for row, warning in enumerate(warnings.warnings()):
        icon = warnings.index(row, 0).data(1)  # DecorationRole
        assert icon.pixmap(16).toImage() == severity_icon(warning.severity).pixmap(16).toImage()
