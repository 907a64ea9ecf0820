"""Pharmacist review 5b, N3: a plan with NO DOSE still printed numbers a reader could copy (the
spread "fpm-2021 12 mg / uk-palliative 12 mg / jspm-2010 12 mg" and "Reduction 0%" under the
Morley-Makin refusal; "Reduction 25%" under the refusal away from methadone; the not-tolerant
patch's "given: 12.5 mcg/h"). Property, over every plan with no dose: its view (which the CLI,
the app's planner and converter, and the PDF lay out) shows no dose-like number other than the
current regimen's own and those of the stated reason. And the check of an open-ended as-needed
methadone order has its own verdict, NOT SIGNABLE, with no expected amount to copy.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.presentation.check import check_view
from mps_pain.presentation.rotation import PlanView, plan_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from tests.clinical.test_planner_check_property import LINES, MIXED, SETS, TARGETS
from tests.rotation.generated import DEAR, generated_request, plan_or_discard

TABLES = get_tables()
#: a number with a dose unit (not a rate of filtration: "eGFR 20 mL/min"), or a percentage
DOSE_LIKE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|(?:mg|mcg|µg|micrograms?|mL|OME)\b(?!/min))")
CITATION = re.compile(r"\[[^\[\]]*\]")

MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}
NO_DOSE_REQUESTS: dict[str, dict[str, Any]] = {
    "c-mo120-mtd-morley-makin": {
        "from": {"items": [{**MORPHINE_ER, "dose": "60 mg"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": "morley-makin",
        "table": "uk-palliative",
    },
    "c13-mtd30-mo": {
        "from": {
            "items": [{"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q8h"}]
        },
        "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "uk-palliative",
    },
    "b13-mo30-patch-uk": {
        "from": {"items": [{**MORPHINE_ER, "dose": "15 mg"}]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
    },
    "f01-egfr20-mo-sc": {
        "from": {"items": [{**MORPHINE_ER, "dose": "30 mg"}]},
        "to": {"drug": "morphine", "route": "sc", "continuous": True},
        "table": "uk-palliative",
        "patient": {"egfr": "20 mL/min"},
    },
    "c11-qtc520-mtd": {
        "from": {"items": [{**MORPHINE_ER, "dose": "60 mg"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": "jp-label",
        "table": "uk-palliative",
        "patient": {"qtc": "520 ms"},
    },
}


def _numbers(text: str) -> set[float]:
    return {float(m.group(1).replace(",", "")) for m in DOSE_LIKE.finditer(CITATION.sub("", text))}


def _worked(note: str | None) -> str:
    return note if note and "=" in note else ""


def _current_step(view: PlanView) -> str:
    """Step 1, the current regimen's OME: its numbers are the current regimen's own."""
    out = []
    for step in view.steps:
        if step.lstrip()[:2] in {"2.", "3.", "4.", "5.", "6.", "7.", "8."}:
            break
        out.append(step)
    return "\n".join(out)


def shown_numbers(plan: RotationPlan) -> list[tuple[str, str]]:
    """Every (place, text) of the view with a dose-like number that is neither the current
    regimen's (step 1, the schedule's "keep the current regimen") nor the reason's."""
    view = plan_view(plan)
    allowed = _numbers(_current_step(view)) | _numbers(view.no_dose or "")
    allowed |= _numbers(" ".join(e.value for e in view.schedule if "current regimen" in e.value))
    places: list[tuple[str, str]] = [
        ("regimen", view.regimen),
        ("daily_dose", view.daily_dose or ""),
        ("breakthrough", view.breakthrough or ""),
        ("reduction", view.reduction),
        ("reduction_summary", view.reduction_summary),
        ("effective_reduction", view.effective_reduction or ""),
        ("alternative", view.alternative or ""),
        ("equianalgesic", view.equianalgesic),
        *((f"fact {f.label}", f.value) for f in view.facts),
        *(("step", s) for s in view.steps),
        *((f"schedule {e.label}", e.value) for e in view.schedule),
        *(  # a set that does not cover the switch says why ("not covered (… 60 mg/day …)")
            (f"spread {r.table}", f"{r.value_text} {r.before_rounding}")
            for r in view.spread
            if not r.value_text.startswith("not covered")
        ),
        # a method's amounts, and any arithmetic in its note (a note without one is the
        # method's refusal: "does not recommend switching from less than 60 mg/day")
        *(
            (f"methadone {m.method}", f"{m.daily} {m.per_dose} {_worked(m.note)}")
            for m in view.methadone
        ),
    ]
    return [(place, text) for place, text in places if _numbers(text) - allowed]


@pytest.mark.parametrize("case", sorted(NO_DOSE_REQUESTS))
def test_review_no_dose_plans_show_no_number_to_copy(case: str) -> None:
    plan = plan_rotation(NO_DOSE_REQUESTS[case], tables=TABLES)
    assert plan.regimen.no_dose is not None
    assert shown_numbers(plan) == []


def test_the_cli_prints_no_spread_amount_or_reduction_under_no_dose(tmp_path: Any) -> None:
    path = tmp_path / "mm.json"
    path.write_text(json.dumps(NO_DOSE_REQUESTS["c-mo120-mtd-morley-makin"]))
    out = run_cli("rotate", str(path)).stdout
    spread = out.split("Across equianalgesic sets", 1)[1].split("Warnings:", 1)[0]
    assert not _numbers(spread), spread
    reduction = next(line for line in out.splitlines() if line.strip().startswith("Reduction:"))
    assert "%" not in reduction, reduction


GATING_PATIENTS = st.sampled_from(
    [
        {"egfr": "20 mL/min"},
        {"hepatic_impairment": "severe"},
        {"qtc": "520 ms"},
        {"age": 82, "egfr": "20 mL/min"},
        {},
    ]
)


@DEAR  # ~20-37 ms of CPU an example: 100 by default, 1,000 under ci-long
@given(
    lines=st.one_of(st.lists(LINES, min_size=1, max_size=2), MIXED),
    to=TARGETS,
    table=st.sampled_from(SETS),
    market=st.sampled_from([None, "UK", "JP", "US", "AU"]),
    patient=GATING_PATIENTS,
)
# CI on 73661ca, the long campaign: patch → IV fentanyl, NO DOSE in severe hepatic impairment,
# printed the route ratio's amounts in its Kind of switch
@example(
    lines=[{"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"}],
    to={"drug": "fentanyl", "route": "iv", "continuous": True},
    table="fpm-2021",
    market=None,
    patient={"hepatic_impairment": "severe"},
)
def test_no_plan_without_a_dose_shows_a_number_to_copy(lines, to, table, market, patient) -> None:
    request = generated_request(
        lines,
        to,
        table,
        patient=patient,
        market=market,
    )
    plan = plan_or_discard(request)
    assume(plan.regimen.no_dose is not None)
    assert shown_numbers(plan) == [], request


def test_open_ended_as_needed_methadone_check_is_not_signable_with_no_amount_to_copy() -> None:
    """k15: the old Morley-Makin plan's own order, "12 mg as needed" with no maximum in 24 h."""
    request = {
        "from": {"items": [{**MORPHINE_ER, "dose": "60 mg"}]},
        "proposed": {
            "items": [
                {
                    "drug": "methadone",
                    "route": "oral",
                    "form": "oral_solution",
                    "dose": "12 mg",
                    "prn": True,
                    "doses_per_day": "not reported",
                }
            ]
        },
        "table": "uk-palliative",
    }
    view = check_view(check_proposal(request, tables=TABLES))
    assert view.verdict_label.startswith("NOT SIGNABLE"), view.verdict_label
    assert "ABOVE" not in view.verdict_label + view.verdict_sentence
    assert view.severity.name == "danger"
    assert not _numbers(view.expected), view.expected
    assert not [r for r in view.reasons if "Expected" in r and _numbers(r)], view.reasons
