"""Clinician review 5, #10: percentages read "29.63%", "17.59–44.07%"; docs/gui.md promises one
decimal. Every percentage is written by ``numbers.format_percent`` (or ``percent_figure``)."""

from __future__ import annotations

import re
from pathlib import Path

from mps_pain.numbers import format_percent, format_percent_span, percent_figure

ROOT = Path(__file__).resolve().parents[2]


def test_a_percentage_has_one_decimal() -> None:
    assert format_percent(0.2963) == "29.6%"
    assert format_percent_span(0.1759, 0.4407) == "17.6–44.1%"
    assert format_percent(0.25) == "25%"
    assert format_percent(-0.0156) == "-1.6%"
    assert percent_figure(0.04) == "<0.1"


def test_no_percentage_is_written_by_hand() -> None:
    """``format_number(x * 100)`` followed by ``%`` is the defect's class: four figures."""
    by_hand = re.compile(r"format_number(?:_span)?\([^()]*\*\s*100")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("mps_pain", "mps_pain_cli", "ui")
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert not found, found
