"""Outside review, 2 December (clinician D6): the patch line contradicted itself.

Oral morphine 90 mg/day → fentanyl patch under uk-palliative: the converter and the planner said
"equianalgesic 37.5 mcg/h (range 36–37.5); no further reduction … give fentanyl transdermal patch
25 mcg/h" with "rounding loss 0%", an unexplained one-third cut. The 25 mcg/h comes from the
NHS 090714 band table (61–90 mg/day → 25 mcg/h, /work/shared/reference/clinical-sources.md). The
plan now carries the band (``band_dose``), and every renderer names the table and the effective
reduction from the equianalgesic dose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.presentation.rotation import plan_view, reduction_summary
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main
from tests.clinical.helpers import morphine_oral, run_json
from ui.converter.describe import ConversionQuestion

TABLES = get_tables()
REQUEST = {
    "from": {"items": [morphine_oral(90)]},
    "to": {"drug": "fentanyl", "route": "transdermal"},
    "table": "uk-palliative",
}

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NHS_CHART = "NHS regional fentanyl patch chart"  # named in words, not "NHS '090714'"


def test_the_plan_names_the_band_table_and_the_effective_reduction() -> None:
    plan = plan_rotation(REQUEST, tables=TABLES)
    assert plan.equianalgesic_daily_dose.value == pytest.approx(37.5)
    assert plan.band_dose is not None and plan.band_dose.table == NHS_CHART
    assert plan.band_dose.band.value == 25
    assert plan.effective_reduction == pytest.approx(1 / 3)
    summary = reduction_summary(plan)
    assert "no further reduction" not in summary
    assert f"band table {NHS_CHART}" in summary and "effective reduction of 33.3%" in summary
    facts = {f.label: f.value for f in plan_view(plan).facts}
    assert NHS_CHART in facts["Patch band table"]
    assert "rounding loss 0%" not in facts["Rounded to strengths"].split(";")[-1]
    assert (
        "effective reduction 33.3% from the equianalgesic 37.5 mcg/h"
        in (facts["Rounded to strengths"])
    )


def test_the_cli_says_where_the_dose_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = run_json("rotate", REQUEST, tmp_path, capsys)
    assert payload["band_dose"]["band"] == {"value": 25.0, "unit": "mcg/h"}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(REQUEST), encoding="utf-8")
    assert main(["rotate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"the dose comes from the conservative band table {NHS_CHART}" in out
    assert "an effective reduction of 33.3% from the equianalgesic 37.5 mcg/h" in out


def test_the_quick_converter_line_agrees(make_window) -> None:
    window = make_window(TABLES)
    window.ensure_panels()  # the converter tab, as when first shown
    window.show()
    QApplication.processEvents()
    panel = window.converter
    panel.table.setCurrentIndex(panel.table.findData("uk-palliative"))
    panel.set_question(
        ConversionQuestion("morphine", "oral", "90 mg/day", "", "fentanyl", "transdermal", "")
    )
    line = panel.result.text()
    assert "no further reduction" not in line
    assert f"band table {NHS_CHART}" in line and "effective reduction of 33.3%" in line


def test_planner_guidance_follows_the_current_target(make_window) -> None:
    """Clinician D8: after a methadone plan, a morphine SC target (refused until 'continuous' is
    ticked) still showed the Methapain label's guidance. The guidance is the current plan's."""
    window = make_window(TABLES)
    window.session.replace_document(
        RegimenDocument.model_validate(
            {"table": "jspm-2010", "prn": "include", "items": [morphine_oral(90)]}
        )
    )
    window.ensure_panels()
    planner = window.planner
    planner.set_target("methadone", "oral", frequency="q8h")
    assert planner.plan is not None, planner.error
    methadone_guidance = planner.guidance.text()
    assert methadone_guidance.startswith("Guidance: ")
    planner.set_target("morphine", "sc")  # neither continuous nor a frequency: refused
    assert planner.plan is None and planner.error
    assert planner.guidance.text() == ""
    planner.set_target("morphine", "sc", continuous=True)
    assert planner.plan is not None, planner.error
    assert planner.guidance.text() != methadone_guidance
    assert "Methapain" not in planner.guidance.text()
    assert planner.plan.reduction_reason in planner.guidance.text()
