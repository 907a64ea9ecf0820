"""The published cases open from File → Examples; case 1 shows 90 MME/day with its arithmetic."""

from __future__ import annotations

import pytest

from mps_pain.services.documents import parse_document_text, parse_regimen
from mps_pain.services.mme_service import calculate_mme
from ui.examples import list_examples


def test_the_five_published_cases_ship_as_examples() -> None:
    cases = {example.case for example in list_examples()}
    assert cases == {
        "takamatsu-2018-case-1",
        "takamatsu-2018-case-2",
        "takamatsu-2018-case-3",
        "kodama-2024-case-1",
        "kodama-2024-case-2",
    }


@pytest.mark.parametrize("example", list_examples(), ids=lambda e: f"{e.case}/{e.path.stem}")
def test_each_example_is_a_cli_document_with_a_citation(example, tables) -> None:
    document = parse_regimen(parse_document_text(example.path.read_text(encoding="utf-8")))
    assert document.note and "Source:" in document.note
    assert document.title
    result = calculate_mme(document, tables=tables)  # raises if any row cannot be computed
    assert result.excluded == []


def test_examples_menu_lists_every_case_and_opens_one(make_window, tables) -> None:
    window = make_window(tables)
    menu = window.menu_actions.examples_menu
    titles = [action.text() for action in menu.actions()]
    assert "Takamatsu 2018, case 1" in titles and "Kodama 2024, case 2" in titles
    case_1 = next(a.menu() for a in menu.actions() if a.text() == "Takamatsu 2018, case 1")
    steps = [action.text() for action in case_1.actions()]
    assert steps == ["Step 1: outpatient", "Step 2: admission", "Step 3: oxycodone raised"]
    case_1.actions()[2].trigger()
    assert window.results_panel.total_label.text() == "90 MME/day"


def test_case_1_shows_90_mme_with_its_arithmetic(case_window) -> None:
    panel = case_window.results_panel
    assert panel.total_label.text() == "90 MME/day"
    lines = [panel.lines.item(i).text() for i in range(panel.lines.count())]
    assert lines[0].startswith("oxycodone oral ER: 60 mg/day × ")
    assert lines[0].endswith("= 90 MME/day")
    assert "CDC 2022" in panel.lines.item(0).toolTip()
    assert "Dowell" in panel.lines.item(0).toolTip()  # the citation on hover
    # the case is marked palliative: CDC's >=90 MME/day tapering danger is not raised for it
    # (issue 8 class 9); the set's scope note says why
    assert "DANGER" not in panel.status_label.text()
    codes = {w.code for w in case_window.session.result.warnings}
    assert "set-scope-excludes-patient" in codes and "mme-90" not in codes


def test_case_1_step_2_is_below_the_thresholds(make_window, tables) -> None:
    from tests.ui.conftest import CASE_1_RAISED

    window = make_window(tables, CASE_1_RAISED.with_name("step-2-admission.yaml"))
    assert window.results_panel.total_label.text() == "30 MME/day"
    assert window.results_panel.total_label.styleSheet() == ""
