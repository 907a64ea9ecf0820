"""Clinician re-check 18b, #9: the same eGFR caution twice in one check.

"eGFR 45 mL/min (< 60): morphine — CKD stage 3 …" and "eGFR 45 mL/min (< 60): morphine (current
regimen) — CKD stage 3 …": the current drug, kept in the proposal, was judged once as given and
once as current. One caution per rule and drug: no check, plan or mme output holds two warnings
that say the same thing (the same words, the role aside).
"""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
ROWS: list[dict[str, Any]] = [
    {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"},
    {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "q12h"},
    {"drug": "hydromorphone", "route": "oral", "form": "ir", "dose": "2 mg", "frequency": "q4h"},
    {"drug": "morphine", "route": "sc", "rate": "1 mg/h"},
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "bid"},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
]
PATIENTS: list[dict[str, Any]] = [
    {"egfr": "45 mL/min"},
    {"egfr": "20 mL/min", "age": 81},
    {"hepatic_impairment": "moderate", "egfr": "45 mL/min"},
    {"creatinine_clearance": "25 mL/min", "qtc": "470 ms"},
]


def _said(warning: ClinicalWarning) -> str:
    """A warning's words, the role aside ("(current regimen)" names which regimen, not what)."""
    return warning.message.replace(" (current regimen)", "")


def _twice(warnings: list[ClinicalWarning]) -> list[str]:
    return [said for said, n in Counter(_said(w) for w in warnings).items() if n > 1]


def test_the_reviewers_check_has_one_egfr_caution() -> None:
    morphine = ROWS[0]
    result = check_proposal(
        {
            "from": {"items": [morphine]},
            "proposed": {"items": [{**morphine, "dose": "20 mg"}]},
            "table": "uk-palliative",
            "patient": {"egfr": "45 mL/min"},
        }
    )
    renal = [w for w in result.warnings if w.message.startswith("eGFR 45")]
    assert len(renal) == 1, [w.message for w in renal]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(ROWS), min_size=1, max_size=2),
    st.lists(st.sampled_from(ROWS), min_size=1, max_size=2),
    st.sampled_from(PATIENTS),
)
def test_no_output_says_a_warning_twice(
    current: list[dict[str, Any]], proposed: list[dict[str, Any]], patient: dict[str, Any]
) -> None:
    request = {"from": {"items": current}, "table": "uk-palliative", "patient": patient}
    found = {
        "mme": calculate_mme(
            {"items": current, "patient": patient},
            tables=TABLES,
            table_id="uk-palliative",
            on_item_error="exclude",
        ).warnings,
    }
    with suppress(MpsPainError):  # a refused check (away from methadone) repeats nothing
        found["check"] = check_proposal({**request, "proposed": {"items": proposed}}).warnings
    target = proposed[0]
    try:
        plan = plan_rotation({**request, "to": {"drug": target["drug"], "route": target["route"]}})
    except MpsPainError:
        pass  # a refused plan has no warnings to repeat
    else:
        found["plan"] = plan.warnings
    repeated = {name: _twice(list(warnings)) for name, warnings in found.items()}
    assert not any(repeated.values()), repeated
