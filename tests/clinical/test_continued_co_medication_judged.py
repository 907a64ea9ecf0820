"""A co-medication the order leaves out is judged as what the patient will take (pharmacist
re-check 18b, H1, L7).

The check takes a current non-opioid line the order does not name as continued ("Pregabalin
stays in the regimen"), but judged it by no maximum: pregabalin 600 mg/day at eGFR 40, 900
mg/day without an eGFR, gabapentin 3600 mg/day at eGFR 20, paracetamol 6 g/day and oral
ketamine 600 mg/day all read WITHIN with no danger, while the same line written into the order
read ABOVE MAXIMUM, and the planner's own plan for the patient said DANGER "Reduce pregabalin"
(its order fed back lost it). An NSAID left out at eGFR 20 headed the check as "a drug to be
given" with no line saying it stays in the regimen (L7).

The class: leaving a co-medication out of the order or writing it in unchanged gives the same
dangers and the same headline.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dangers import proposal_dangers
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
_MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"}
_OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_PRN = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
        "doses_per_day": "not reported"}  # fmt: skip


def _bid(drug: str, dose: str) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "dose": dose, "frequency": "bid"}


#: the reviewer's C1–C5: (co-medication, set, patient, the drug the headline names)
OMITTED = [
    (_bid("pregabalin", "300 mg"), "fpm-2021", {"egfr": 40}, "Pregabalin"),
    (_bid("paracetamol", "3 g"), "uk-palliative", {}, "paracetamol"),
    (_bid("gabapentin", "1800 mg"), "jspm-2010", {"egfr": 20}, "Gabapentin"),
    (_bid("ketamine", "300 mg"), "uk-palliative", {}, "Ketamine"),
    (_bid("pregabalin", "450 mg"), "uk-palliative", {}, "Pregabalin"),
]


def _check(co: list[dict[str, Any]], written: list[dict[str, Any]], table: str,
           patient: dict[str, Any], now: dict[str, Any] = _MR) -> CheckResult:  # fmt: skip
    request = {
        "from": {"items": [now, *co]},
        "proposed": {"items": [_OXY, _PRN, *written]},
        "table": table,
        "patient": patient,
    }
    return check_proposal(request, tables=TABLES)


@pytest.mark.parametrize(("co", "table", "patient", "name"), OMITTED)
def test_a_left_out_co_medication_above_its_maximum_heads_the_check(
    co: dict[str, Any], table: str, patient: dict[str, Any], name: str
) -> None:
    result = _check([co], [], table, patient)
    view = check_view(result)
    assert result.above_maximum, [w.code for w in result.warnings]
    assert view.verdict == "above_maximum" and view.severity.name == "danger"
    assert name in view.verdict_sentence
    assert "continued as now (the order leaves it out)" in view.verdict_sentence
    assert check_view(_check([co], [co], table, patient)).verdict == "above_maximum"  # C6


def test_the_planners_own_order_fed_back_keeps_its_continued_danger() -> None:
    """X3: the plan says DANGER "Reduce pregabalin"; its regimen fed back to the check (the
    co-medication not written, as the plan's order prints only the opioid) keeps it."""
    current = [_MR, _bid("pregabalin", "300 mg")]
    to = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
    request = {"from": {"items": current}, "to": to, "table": "fpm-2021",
               "patient": {"egfr": 40}}  # fmt: skip
    plan = plan_rotation(request, tables=TABLES)
    planned = {w.code for w in plan.warnings if w.severity == "danger"}
    assert "max-daily-dose" in planned
    regimen = plan.regimen.model_dump(mode="json", exclude_none=True)
    fed = {"from": request["from"], "proposed": {"items": [regimen]}, "table": "fpm-2021",
           "patient": {"egfr": 40}}  # fmt: skip
    result = check_proposal(fed, tables=TABLES)
    assert planned <= {w.code for w in proposal_dangers(result.warnings)}
    assert check_view(result).verdict == "above_maximum"


def test_a_left_out_nsaid_is_said_to_stay_in_the_regimen() -> None:
    """L7: ibuprofen left out at eGFR 20 heads the check by its name, and its danger says it
    stays in the regimen, as the benzodiazepine and gabapentinoid lines do."""
    nsaid = {"drug": "ibuprofen", "route": "oral", "dose": "400 mg", "frequency": "tid"}
    result = _check([nsaid], [], "uk-palliative", {"egfr": "20 mL/min"})
    view = check_view(result)
    assert view.verdict == "avoid", view.verdict_label
    assert "Ibuprofen" in view.verdict_sentence
    assert any(
        "ibuprofen" in w.message.lower() and "stays in the regimen" in w.message
        for w in proposal_dangers(result.warnings)
    ), [w.message for w in result.warnings]


_CO = [
    _bid("pregabalin", "75 mg"),
    _bid("pregabalin", "300 mg"),
    _bid("pregabalin", "450 mg"),
    _bid("gabapentin", "300 mg"),
    _bid("gabapentin", "1800 mg"),
    _bid("paracetamol", "1 g"),
    _bid("paracetamol", "3 g"),
    _bid("ketamine", "50 mg"),
    _bid("ketamine", "300 mg"),
    {"drug": "ibuprofen", "route": "oral", "dose": "400 mg", "frequency": "tid"},
    {"drug": "naproxen", "route": "oral", "dose": "500 mg", "frequency": "bid"},
    {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "tid"},
]
_NOW = [
    _MR,
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
    {"drug": "morphine", "route": "sc", "daily_dose": "40 mg/day"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
]
_PATIENTS = [{}, {"egfr": 20}, {"egfr": 40}, {"egfr": 70}, {"cancer_or_palliative": True},
             {"hepatic_impairment": "severe"}, {"age": 88, "egfr": 45}]  # fmt: skip


def _dangers(result: CheckResult) -> Counter[str]:
    return Counter(w.code for w in proposal_dangers(result.warnings))


@settings(max_examples=80, deadline=None)
@given(
    now=st.sampled_from(_NOW),
    co=st.lists(st.sampled_from(_CO), min_size=1, max_size=2, unique_by=lambda x: x["drug"]),
    written=st.lists(st.booleans(), min_size=2, max_size=2),
    patient=st.sampled_from(_PATIENTS),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_left_out_or_written_unchanged_is_judged_alike(
    now: dict[str, Any],
    co: list[dict[str, Any]],
    written: list[bool],
    patient: dict[str, Any],
    table: str,
) -> None:
    """Each co-medication left out of the order or written in unchanged: the same dangers about
    the order (by rule) and the same headline."""
    some = [c for c, w in zip(co, written, strict=False) if w]
    try:
        left_out = _check(co, some, table, patient, now)
        every = _check(co, co, table, patient, now)
    except MpsPainError:  # refused with its reason (a drug outside the set's catalogue)
        return
    assert _dangers(left_out) == _dangers(every), (
        [w.message for w in proposal_dangers(left_out.warnings)],
        [w.message for w in proposal_dangers(every.warnings)],
    )
    assert check_view(left_out).verdict == check_view(every).verdict
    assert check_view(left_out).severity == check_view(every).severity
