"""The quick converter's spread says one kind of number per column (clinician review 7, #4):
"Across equianalgesic sets (before rounding): FPM 22.5 mcg/h; UK 25 mcg/h; JSPM 28.12 mcg/h"
mixed reduced amounts, an unreduced one and a chart's rounded dose under one heading, and hid
that FPM's plan rounds down to the 12.5 patch. Typed with keys, as a person asks it."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.ui.conftest import shown
from tests.ui.test_converter_spread_and_heading import _ask
from ui.planner.plan_view import SPREAD_COLUMNS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", r)
        ]
        for r in rows
    ]


def _significant(figure: str) -> int:
    return len(figure.replace(".", "").lstrip("0"))


def test_each_column_holds_one_kind_of_number_and_fpm_shows_its_patch(make_window, tables):
    window = shown(make_window(tables))
    _ask(window, "60")
    panel = window.converter  # built on Ctrl+K
    panel.table.setCurrentIndex(panel.table.findData("uk-palliative"))
    assert panel.plan is not None and panel.table.currentData() == "uk-palliative"
    assert "before rounding" not in panel.spread_heading.text()
    header, *rows = _cells(panel.spread.text())
    assert tuple(header) == SPREAD_COLUMNS
    by_set = {row[0].removeprefix("→ ").split()[0]: row for row in rows}
    fpm, uk, jspm = by_set["ANZCA"], by_set["UK"], by_set["JSPM"]
    # equianalgesic: 90 OME/day ÷ the set's patch factor (FPM 3, UK and JSPM 2.4), unreduced
    assert (fpm[1], uk[1], jspm[1]) == ("30 mcg/h", "37.5 mcg/h", "37.5 mcg/h")
    # after the set's reduction: FPM and JSPM cut 25%; the UK chart has its cut built in
    assert fpm[2] == "22.5 mcg/h (25% less)" and jspm[2] == "28.1 mcg/h (25% less)"
    assert uk[2] == "built into the chart"
    # what each set's plan gives: no FPM patch lies in 15–22.5, and 25 is nearer that range than
    # 12.5 (25 ÷ 22.5 < 15 ÷ 12.5) and below the equianalgesic 30 (pharmacist review 7, D7)
    assert fpm[3].startswith("25 mcg/h") and "16.7% less" in fpm[3]
    assert uk[3].startswith("25 mcg/h") and jspm[3].startswith("25 mcg/h")
    figures = re.findall(r"(\d+(?:\.\d+)?) mcg/h", panel.spread.text())
    assert figures and max(_significant(f) for f in figures) <= 3  # never "28.12 mcg/h"
