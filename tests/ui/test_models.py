"""Every Qt model passes Qt's model tester, with data and while it changes."""

from __future__ import annotations

from ui.editing import with_row_inserted, with_row_removed


def test_regimen_table_model_passes_the_model_tester(qtmodeltester, case_window) -> None:
    model = case_window.editor.model
    assert model.rowCount() == 6
    qtmodeltester.check(model, force_py=True)


def test_regimen_table_model_stays_valid_while_rows_change(qtmodeltester, case_window) -> None:
    session = case_window.session
    qtmodeltester.check(case_window.editor.model, force_py=True)
    session.push(with_row_inserted(session.state, 0), "add")
    session.push(with_row_removed(session.state, 3), "remove")
    session.undo_stack.undo()
    assert case_window.editor.model.rowCount() == 7


def test_warnings_model_passes_the_model_tester(qtmodeltester, case_window) -> None:
    model = case_window.warnings_panel.model
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_empty_models_pass_the_model_tester(qtmodeltester, make_window, tables) -> None:
    window = make_window(tables)
    qtmodeltester.check(window.editor.model, force_py=True)
    qtmodeltester.check(window.warnings_panel.model, force_py=True)
