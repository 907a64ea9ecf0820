"""Clinician re-check 19b, R2 (review 19 M2, the part left): after Apply of a staged plan from a
patch, the Rate cell says the first 17 h, but page 1 of the printed plan still listed the
applied infusion under "Current regimen" as "50 mg/day continuous": a nurse setting the driver
from page 1 starts the full dose at patch removal, the overlap the 17-h rule prevents. The
printed row says the plan's first part beside its amount, as the Rate cell does (the lead the
row's Note starts with); a row not staged prints as before. Real keys: Ctrl+2, Alt+G, Alt+O,
Alt+I, Alt+A, Ctrl+1."""

from __future__ import annotations

import re

from mps_pain.presentation.applied_glance import staged_lead
from tests.ui.conftest import shown
from tests.ui.test_applied_rows_say_when_they_start import OXY_ER, OXY_PRN, PATCH, _plan_and_apply


def _page_one(window) -> str:  # type: ignore[no-untyped-def]
    """The printed plan's "Current regimen" section, as text."""
    from ui.printing.plan_pdf import plan_html
    from ui.printing_actions import plan_content

    content = plan_content(window)
    assert content is not None
    html = plan_html(content)
    start = html.index("<h2>Current regimen</h2>")
    section = html[start : html.index("<h3>Worked arithmetic</h3>", start)]
    return " ".join(re.sub(r"<[^>]+>", " ", section).split())


def test_page_one_says_the_first_17_h_beside_the_applied_infusion(make_window, tables) -> None:
    window = shown(make_window(tables))
    plan = _plan_and_apply(window, "iv", [PATCH, OXY_ER, OXY_PRN])
    lead = staged_lead(plan)
    assert lead.startswith("from 17 h after patch removal ("), lead
    said = _page_one(window)
    assert re.search(rf"8 mg/day[^|]*? {re.escape(lead)}", said), (lead, said)


def test_a_plan_not_staged_prints_its_rows_as_before(make_window, tables) -> None:
    window = shown(make_window(tables))
    _plan_and_apply(window, "iv", [OXY_ER, OXY_PRN])
    assert "after patch removal" not in _page_one(window)
