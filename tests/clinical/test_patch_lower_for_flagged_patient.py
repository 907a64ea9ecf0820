"""Pharmacist review 19, M5 (medium): the "patch nearer the range" rounding rounded UP beyond the
sourced reduction for a patient the plan itself flags. f/H04: oral oxycodone 60 mg/day in severe
hepatic impairment → fentanyl 25 mcg/h (a 16.7% reduction, below the sourced 25–50%), beside
"severe hepatic impairment: fentanyl — use low doses and titrate slowly" (Scottish PCG, low doses
and slow titration in liver impairment); its check read WITHIN by the rounding exception.

Where a hepatic or renal rule fires for the patch drug, or the patient is frail or elderly, the
rounding takes the patch below (with breakthrough doses) and names why; the check's exception for
a patch above the range follows the same rule (``patch_lower``). The property: no plan for such a
patient takes the nearer patch above the range, and the patch above is never WITHIN in its check.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.rotation.generated import GENERATED, plan_or_discard

TABLES = get_tables()
OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch"}
SEVERE = {"cancer_or_palliative": True, "hepatic_impairment": "severe"}
MODERATE = {"cancer_or_palliative": True, "hepatic_impairment": "moderate"}
# the patch drug's one liver line: a held rule, or the no-rule line with the advice for every
# opioid in it (pharmacist review 21, L-2)
FLAG_CODES = ("hepatic-impairment", "hepatic-no-rule", "renal-target", "elderly-caution")
NEARER = "rounding-nearer-patch"


def _request(dose_mg: float, patient: dict[str, Any], table: str = "fpm-2021") -> dict[str, Any]:
    return {
        "from": {"items": [{**OXY_ER, "dose": f"{dose_mg} mg"}]},
        "to": PATCH,
        "table": table,
        "market": "NZ",
        "patient": patient,
    }


def _check(request: dict[str, Any], rate: float) -> Any:
    proposed = {"drug": "fentanyl", "route": "transdermal", "rate": f"{rate} mcg/h"}
    check = {k: v for k, v in request.items() if k != "to"} | {"proposed": {"items": [proposed]}}
    return check_proposal(check, tables=TABLES)


def test_h04_takes_the_lower_patch_and_says_why() -> None:
    """H04 was severe impairment; since pharmacist review 21, M-2, severe impairment gives an
    opioid with no liver rule held (fentanyl) no dose at all (the test below), so the lower
    patch is held on moderate impairment, where the same liver advice flags the patient."""
    plan = plan_rotation(_request(30, MODERATE), tables=TABLES)
    assert plan.regimen.rate is not None and plan.regimen.rate.value == 12.5
    (note,) = [w.message for w in plan.warnings if w.code == "rounding-below-range"]
    assert "(25 mcg/h), though nearer it, is not taken for this patient" in note
    assert "Low doses and slow titration in liver impairment" in note
    assert not [w for w in plan.warnings if w.code == NEARER]


def test_h04_in_severe_impairment_gives_no_patch() -> None:
    """Review 21, M-2: no liver rule for fentanyl is held, so severe impairment gives no dose."""
    plan = plan_rotation(_request(30, SEVERE), tables=TABLES)
    assert plan.regimen.rate is None and plan.regimen.no_dose is not None
    assert any(w.code == "hepatic-no-rule" and w.severity == "danger" for w in plan.warnings)


def test_a_well_patient_keeps_the_nearer_patch() -> None:
    plan = plan_rotation(_request(30, {"cancer_or_palliative": True}), tables=TABLES)
    assert plan.regimen.rate is not None and plan.regimen.rate.value == 25
    assert [w for w in plan.warnings if w.code == NEARER]


def test_the_check_of_h04_at_25_is_not_within_and_says_why() -> None:
    result = _check(_request(30, MODERATE), 25)
    assert result.verdict != "within"
    assert _check(_request(30, SEVERE), 25).verdict != "within"
    assert any("is not taken for this patient" in r for r in result.reasons)
    assert _check(_request(30, {"cancer_or_palliative": True}), 25).verdict == "within"


PATIENTS = st.sampled_from(
    [
        {"hepatic_impairment": "severe"},
        {"hepatic_impairment": "moderate"},
        {"hepatic_impairment": "mild"},
        {"frail": True},
        {"age": 85},
        {"egfr": "20 mL/min"},
        {},
    ]
)


@GENERATED
@given(
    st.sampled_from([10, 15, 20, 25, 30, 40, 45, 60, 80, 100, 120]),
    PATIENTS,
    st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
)
@example(30, {"hepatic_impairment": "severe"}, "fpm-2021")  # H04
@example(30, {"hepatic_impairment": "moderate"}, "fpm-2021")
def test_a_flagged_patient_never_gets_the_patch_above_the_range(
    dose: float, patient: dict[str, Any], table: str
) -> None:
    request = _request(dose, {"cancer_or_palliative": True, **patient}, table)
    plan = plan_or_discard(request)
    assume(plan.regimen.rate is not None)
    flagged = bool(patient.get("frail")) or any(
        (w.code in FLAG_CODES and "fentanyl" in w.message) or w.code == "elderly-caution"
        for w in plan.warnings
    )
    nearer = [w for w in plan.warnings if w.code == NEARER]
    if not flagged:
        return
    assert not nearer, (request, nearer)
    below = [w for w in plan.warnings if w.code == "rounding-below-range"]
    if not below or "is not taken for this patient" not in below[0].message:
        return
    # the patch above the range, which the rule held back, is not within in the check
    found = re.search(r"\(([\d.]+) mcg/h\), though nearer it", below[0].message)
    assert found is not None, below
    above = _check(request, float(found.group(1)))
    assert above.verdict != "within", (request, above.reasons)
