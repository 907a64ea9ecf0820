"""Session 17, #1 on the real widgets: the check panel's verdict, numbers and reasons list, and
the text of the printed check PDF (``pdftotext``), name no set and no route-ratio row by its id,
under each equianalgesic set, for the reviewer's switch (oral oxycodone to a SC syringe driver:
a route ratio a set owns, "uk-palliative's own 2:1" before). Every set and row: the view-level
sweep in ``tests/presentation/test_check_says_sets_by_name_everywhere.py``."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.tables.index import TableIndex
from ui.check.check_pdf import write_check_pdf
from ui.check_print_actions import check_content

SC_OXYCODONE = {"items": [{"drug": "oxycodone", "route": "sc", "rate": "20 mg/day"}]}


def _an_id(tables: TableIndex) -> re.Pattern[str]:
    ids = [*tables.sets, *(row.id for row in rotation_rules(tables).route_ratios)]
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("set_id", ["uk-palliative", "fpm-2021", "jspm-2010"])
def test_the_panel_and_the_printed_check_say_sets_by_name(
    case_window, tables: TableIndex, tmp_path: Path, set_id: str
) -> None:
    window = case_window  # oxycodone ER 60 mg/day
    window.tabs.setCurrentIndex(2)
    check = window.check
    check.table.setCurrentIndex(check.table.findData(set_id))
    check.proposal.replace_document(RegimenDocument.model_validate(SC_OXYCODONE))
    check.run_check()
    assert check.result is not None, check.error
    assert check.result.table.id == set_id
    reasons = [check.reasons.item(i).text() for i in range(check.reasons.count())]
    shown = " ".join([check.verdict.text(), check.numbers.text(), *reasons])
    assert "2:1" in shown or "1.33:1" in shown, shown  # the route ratio is there, in words
    an_id = _an_id(tables)
    assert not an_id.findall(shown), an_id.findall(shown)
    content = check_content(window)
    assert content is not None
    path = tmp_path / "check.pdf"
    write_check_pdf(path, content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    printed = " ".join(done.stdout.split())
    assert tables.sets[set_id].name.split(" (")[0] in printed, printed
    assert not an_id.findall(printed), an_id.findall(printed)
