"""Plain words (clinician review 4, D11): the reduction said once and the slider showing the same
number, mcg never µg, citations naming their sources, one plural rule, a once-daily line, the
version diff naming a row's drug, the records window titled by its file, with real widgets."""

from __future__ import annotations

from pathlib import Path

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.plural import counted
from mps_pain.services.regimen_diff import diff_regimens
from ui.error_words import path_words
from ui.records.records_window import records_file_name

PATCH_AND_OXY = (
    "patient: {identifier: W-1, age: 70}\ntable: uk-palliative\nitems:\n"
    "  - {drug: fentanyl, route: transdermal, rate: 25 mcg/h}\n"
    "  - {drug: oxycodone, route: oral, dose: 20 mg, frequency: q12h}\n"
)


def test_the_reduction_reads_once_and_the_slider_shows_the_same_number(
    make_window, tables, tmp_path: Path
) -> None:
    """A mixed switch's 27.5%: the plan's reduction line names its percent once, and the
    slider's label shows 27.5% (it read 28%)."""
    from mps_pain.presentation.rotation import plan_view

    source = tmp_path / "mixed.yaml"
    source.write_text(PATCH_AND_OXY, encoding="utf-8")
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("morphine", "oral", frequency="q4h")
    plan = window.planner.plan
    assert plan is not None, window.planner.error
    percent = f"{plan.reduction * 100:g}%"
    assert percent == "27.5%"
    assert window.planner.reduction_value.text() == percent
    line = next(f.value for f in plan_view(plan).facts if f.value.startswith(percent))
    assert line.count(percent) == 1, line


def test_citations_write_mcg_and_name_their_sources(tables) -> None:
    text = Path("data/conversion_tables.yaml").read_text(encoding="utf-8")
    assert "µg" not in text and "μg" not in text
    assert "also pallicalc, closedi.jp, j-cope" not in text


def test_one_plural_rule() -> None:
    assert counted(1, "change") == "1 change"
    assert counted(2, "change") == "2 changes"
    assert counted(1, "dose") + "/day" == "1 dose/day"


def test_a_once_daily_line_reads_one_dose_a_day(tables) -> None:
    from mps_pain.domain.mme import compute_mme

    document = RegimenDocument.model_validate(
        {"items": [{"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "daily"}]}
    )
    line = compute_mme(tables, document, table_id="uk-palliative").items[0].explanation
    assert "(1 dose/day)" in line and "doses/day" not in line


def test_the_version_diff_names_the_drug_of_the_row() -> None:
    item = {"drug": "oxycodone", "route": "oral", "dose": "20 mg", "frequency": "q12h"}
    first = RegimenDocument.model_validate({"items": [{**item, "drug": "morphine"}, item]})
    second = RegimenDocument.model_validate(
        {"items": [{**item, "drug": "morphine"}, {**item, "dose": "30 mg"}]}
    )
    (change,) = diff_regimens(first, second)
    assert path_words(change.path, change.drug) == "Row 2 (oxycodone): Dose"


def test_the_records_window_is_titled_by_the_file_name() -> None:
    assert records_file_name("sqlite:////home/ann/.local/share/mps/records.sqlite") == (
        "records.sqlite"
    )


def test_the_records_window_title_and_tooltip(qtbot, records_service) -> None:
    from ui.records.records_window import RecordsWindow

    window = RecordsWindow(records_service)
    qtbot.addWidget(window)
    location = records_service.location()
    assert window.windowTitle() == f"Patient records — {records_file_name(location)}"
    assert "/" not in window.windowTitle()
    assert location in window.patients_label.toolTip()
