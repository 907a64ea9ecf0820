"""Pharmacist re-check 15b, #5: methadone plans said "Stop the current as-needed …; methadone's
own breakthrough dose replaces it", while the plan gives no methadone breakthrough dose (no
source gives its maximum in 24 h; the plan's danger says so). The stop line now says the cover
that replaces it is the one agreed with the specialist."""

from __future__ import annotations

from tests.rotation.generated import plan_or_discard


def test_the_stop_line_names_no_dose_the_plan_does_not_give() -> None:
    items = [
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
         "doses_per_day": 2},
    ]  # fmt: skip
    plan = plan_or_discard(
        {"from": {"items": items}, "to": {"drug": "methadone", "route": "oral"},
         "table": "jspm-2010", "methadone_method": "jp-label"}
    )  # fmt: skip
    assert plan.breakthrough is None or plan.breakthrough.dose is None
    stop = next(e.action for e in plan.schedule if e.action.startswith("Stop the current"))
    assert "breakthrough dose replaces it" not in stop
    assert "agreed with the palliative care specialist" in stop
