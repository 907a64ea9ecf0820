"""Review 4 (clinician), D8 and D12 (PDF): the printed current regimen reads as it was
prescribed, and no table row is split across two pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mps_pain.domain.regimen import RegimenDocument

PATCH_AND_OXY = (
    "patient: {identifier: PDF-1}\ntable: uk-palliative\nitems:\n"
    "  - {drug: fentanyl, route: transdermal, rate: 25 mcg/h}\n"
    "  - {drug: oxycodone, route: oral, dose: 20 mg, frequency: q12h}\n"
)


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return done.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_current_regimen_prints_the_patch_rate_and_the_dose_with_its_interval(
    make_window, tables, tmp_path
) -> None:
    from ui.printing.plan_pdf import write_plan_pdf
    from ui.printing_actions import plan_content

    source = tmp_path / "patch-oxy.yaml"
    source.write_text(PATCH_AND_OXY, encoding="utf-8")
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("morphine", "oral", frequency="q4h")
    content = plan_content(window)
    assert content is not None and content.plan is not None, window.planner.error
    path = tmp_path / "plan.pdf"
    write_plan_pdf(path, content)
    text = " ".join(_pdf_text(path).split())
    current = text[text.index("Current regimen") : text.index("Worked arithmetic")]
    assert "25 mcg/h" in current
    assert "0.6 mg/day" not in current
    assert "20 mg q12h (40 mg/day)" in current
    schedule = text[text.index("Transition schedule") :]
    assert "= 0.6 mg/day" not in schedule and "25 mcg/h" in schedule


def test_the_view_row_names_the_dose_and_interval_and_the_daily_total_second(tables) -> None:
    from mps_pain.domain.mme import compute_mme
    from mps_pain.presentation.mme import mme_view

    document = RegimenDocument.model_validate(
        {
            "table": "uk-palliative",
            "items": [
                {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
                {"drug": "oxycodone", "route": "oral", "dose": "20 mg", "frequency": "q12h"},
                {"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"},
            ],
        }
    )
    rows = mme_view(compute_mme(tables, document, table_id="uk-palliative")).rows
    assert rows[0].prescribed == "25 mcg/h patch"
    assert rows[1].prescribed == "20 mg q12h (40 mg/day)"
    assert rows[2].prescribed == "60 mg/day"  # a daily total once, never "(60 mg/day)" again
