"""The other-interval rule applies to every form with cited intervals (pharmacist review 17, M4).

Rounding at the interval asked for that leaves the sourced range (or gives no dose) proposes the
nearest other cited interval of the form where an amount lies within it (``other_interval``;
hydromorphone IR q4h → q6h). The form's cited intervals are those ``check_interval`` holds it
to: an oral solution is given at its immediate-release product's intervals (every 4–6 h), but
the alternative looked its rule up by the form's own id and found none, so JP oxycodone oral
solution at q4h was proposed 2.5 mg, below the range, where q6h lies within it. Invariant: when
the plan at the interval asked for is below the range or gives no dose, and the other end of the
form's cited range gives a dose within the range, the plan proposes that interval.

Rectal morphine (the review's F82, 10 mg q8h, where q6h gives 40 mg/day exactly) is not covered:
no source in the reference gives a suppository's dosing interval, so the form has no cited
interval range to choose from (docs/clinical-review.md, review 17).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation

BELOW = {"rounding-below-range", "no-dose-in-form"}
OTHER = {"q4h": "q6h", "q6h": "q4h"}


def _plan(
    drug: str, form: str, frequency: str, daily: int, table: str, market: str
) -> RotationPlan:
    morphine = {"drug": "morphine", "route": "oral", "form": "ER", "daily_dose": f"{daily} mg/day"}
    return plan_rotation({
        "from": {"items": [morphine]},
        "to": {"drug": drug, "route": "oral", "form": form, "frequency": frequency},
        "table": table, "market": market,
    })  # fmt: skip


def _short(plan: RotationPlan) -> bool:
    return bool(BELOW & {w.code for w in plan.warnings})


def test_review_17_oral_solution_q4h_proposes_q6h() -> None:
    plan = _plan("oxycodone", "oral_solution", "q4h", 50, "jspm-2010", "JP")
    assert plan.interval_alternative is not None, [w.message for w in plan.warnings]
    assert plan.regimen.frequency == "q6h" and not _short(plan)


@settings(max_examples=80, deadline=None)
@given(
    drug=st.sampled_from(["morphine", "oxycodone", "hydromorphone"]),
    form=st.sampled_from(["ir", "oral_solution"]),
    frequency=st.sampled_from(["q4h", "q6h"]),
    daily=st.integers(min_value=5, max_value=120),
    table=st.sampled_from(["jspm-2010", "uk-palliative", "fpm-2021"]),
    market=st.sampled_from(["JP", "UK", "US"]),
)
def test_a_cited_interval_within_the_range_is_proposed(
    drug: str, form: str, frequency: str, daily: int, table: str, market: str
) -> None:
    try:
        plan = _plan(drug, form, frequency, daily, table, market)
        other = _plan(drug, form, OTHER[frequency], daily, table, market)
    except MpsPainError:
        return  # no such form, or no factor in the set
    if plan.interval_alternative is not None or not _short(plan):
        return
    fits = other.regimen.dose is not None and not _short(other)
    assert not fits or other.regimen.form != form, (
        f"{drug} {form} {frequency}: short of the range, while {OTHER[frequency]} gives "
        f"{other.regimen.dose} within it, and no other interval is proposed"
    )
