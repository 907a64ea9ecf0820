"""Review 3 (clinician), item 2: developer wording a clinician read in the plan, the printed
schedule and the check. Each class is matched by a pattern, so a new text of the same kind fails
too: the plausibility rule's internal wording and its typed-input advice on a computed dose, the
source review's "(NOT FOUND)" tag, and a range whose two ends are equal ("37.5–37.5 mcg/h")."""

from __future__ import annotations

import re
from typing import Any

from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.ui.test_bad_input import _review_messages

REVIEW3_WORDS = re.compile(r"plausibility bounds|mme and check|Check the unit of|NOT FOUND")
EQUAL_ENDS = re.compile(r"(?<![\d.])(?P<end>\d+(?:\.\d+)?)–(?P=end)(?![\d.])")


def _offending(messages: list[str], pattern: re.Pattern[str] = REVIEW3_WORDS) -> list[str]:
    return [
        m[max(0, found.start() - 100) : found.end() + 40]
        for m in messages
        if (found := pattern.search(m))
    ]


def test_the_refused_breakthrough_and_the_printed_schedule_read_as_a_clinician_speaks(
    make_window, tables, tmp_path
) -> None:
    source = tmp_path / "tiny.yaml"
    source.write_text(
        "table: uk-palliative\nitems:\n"
        "  - {drug: oxycodone, route: oral, daily_dose: 0.6 mg/day}\n",
        encoding="utf-8",
    )
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("morphine", "oral", frequency="q4h")
    assert window.planner.plan is not None
    # the case of the review: its 0.112 mg q4h is no longer printed (clinical-a, review3 item 1:
    # an oral solution is measured in 0.5 mL steps), so the plan refuses the regular dose itself
    assert "below one measurable step" in window.planner.view.toPlainText()
    assert not _offending(_review_messages(window))
    # a breakthrough refused beside a regular dose that can be given (1 mg of solution q6h)
    source.write_text(source.read_text(encoding="utf-8").replace("0.6 mg/day", "4 mg/day"))
    window = make_window(tables, source)
    window.tabs.setCurrentIndex(1)
    window.planner.set_target("morphine", "oral", form="ir", frequency="q6h")
    assert window.planner.plan is not None and window.planner.plan.regimen.dose is not None
    assert "No breakthrough dose" in window.planner.view.toPlainText()
    assert not _offending(_review_messages(window))


def test_a_single_expected_value_is_not_shown_as_a_range() -> None:
    def item(**fields: Any) -> dict[str, Any]:
        return fields

    request = {
        "from": {"items": [item(drug="oxycodone", route="oral", daily_dose="80 mg/day")]},
        "proposed": {"items": [item(drug="fentanyl", route="transdermal", rate="37.5 mcg/h")]},
        "table": "uk-palliative",
    }
    result = check_proposal(request, tables=get_tables())
    assert result.expected_low == result.expected_high  # the review's check: one value
    view = check_view(result)
    shown = [view.expected, view.reduction]
    assert not _offending(shown, EQUAL_ENDS), shown
    assert view.expected.startswith("37.5 mcg/h") and view.reduction == "0%"
