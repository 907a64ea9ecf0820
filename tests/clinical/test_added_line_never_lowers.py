"""Adding a regimen line (another regular opioid) never lowers the target dose of a switch, nor
the MME total (lead's brief, practice6 item 5: an N1-class underdose if it did).

For every equianalgesic set and every target the planner generator draws: the plan for the
current regimen with one more regular opioid line has a target (daily dose of the new drug,
before rounding) at least the plan's without it, and ``mme`` (every set, risk-MME sets too)
gives a total at least as large. An example the planner refuses (either way) is discarded: no
target is proposed, so none can be lowered.

FOUND (practice6, 3 December; reported to the lead): the target property FAILS. Smallest case:
morphine oral IR 8 mg q4h (48 mg/day) -> morphine oral ER q12h under fpm-2021 gives 48 mg/day
(the same drug: 0% reduction); with oxycodone oral ER 5 mg q12h added (15 OME) the whole 63 OME
is cut by the different-opioid 25%: 47.25 mg/day, below the plan without the oxycodone. Each
line's own case on its own share (as ``mixed_case`` does for a patch with other opioids) would
give 48 + 15 x 0.75 = 59.25. FIXED (clinical21): ``classify_switch`` names the target's own
drug beside other opioids and ``reduction.switch_case`` (planner and check) gives each line's
share its own case; goldens in ``tests/clinical/test_mixed_same_drug_and_other.py``.

FOUND (clinical21's full run), the conversion half of the same class. Oxycodone IV 1 mg/h ->
oxycodone SC continuous (uk-palliative) goes by the cited IV:SC
ratio: 24 mg/day. With morphine oral IR 3 mg q4h added the switch is mixed and the whole OME is
converted by the set's factors: the oxycodone's 48 OME (its 0% now kept) gives 16 mg/day SC, not
its 24 by the cited ratio: 20.5 mg/day in all. The fix is the mixed first part's reading
(``mixed._equianalgesic``) for the full dose: the target's own drug's share by its cited route
ratio. FIXED (clinical22): ``own_ratio.switch_valued_ome`` (planner and check) values the
target's own drug's lines by their cited route ratio at the target's factor, the others by the
set's factors: 24 + 6 = 30 mg/day, 28.5 after the morphine share's 25%; the strict xfail is
gone and the case stays an explicit example (goldens in
``tests/clinical/test_own_drug_by_route_ratio.py``). A patch of the target's drug with a cited
ratio to the target (fentanyl 12.5 mcg/h -> IV, morphine added) is one of those lines too
(``OWN_PATCH``: it took the from-patch 30%: 198.75 mcg/day against 200 alone).

FOUND (integ10, lead's brief clinical24), the same class wider than "the target's own drug":
diamorphine SC 16 mg/day -> morphine oral IR q4h (uk-palliative) is 48 mg/day by the cited 3:1 at
0%; with oxycodone oral ER 5 mg q12h added the whole 63 OME took the different-opioid 25%:
47.25 mg/day (``CITED_OTHER_DRUG``). FIXED (clinical24): every line with a cited conversion to
the target (``classify._shared``: its own drug, a prodrug, a patch of it) keeps that reading and
the same-drug case on its share: 48 + 15 x 0.75 = 59.25 mg/day (goldens in
``tests/clinical/test_cited_conversion_beside_other.py``).
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, reject
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import LINES, PATIENTS, SETS, TARGETS
from tests.rotation.generated import DEAR, generated_request

TABLES = get_tables()
REGULAR = LINES  # regular lines only: scheduled, infusions, patches (no as-needed line)


def _plan(
    lines: list[dict[str, Any]], to: dict[str, Any], table: str, patient: Any
) -> RotationPlan | None:
    request = generated_request(lines, to, table, patient=patient or None)
    try:
        plan = plan_rotation(request, tables=TABLES)
    except MpsPainError:
        return None
    return plan


def _case(
    line: dict[str, Any], added: dict[str, Any], to: dict[str, Any], table: str
) -> dict[str, Any]:
    """One explicit example: a current line, the regular line added, the target, the set."""
    return {"lines": [line], "added": added, "to": to, "table": table, "patient": {}}


OXYCODONE_ER_5 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "er",
    "dose": "5 mg",
    "frequency": "q12h",
}
MORPHINE_IR_3 = {
    "drug": "morphine",
    "route": "oral",
    "form": "ir",
    "dose": "3 mg",
    "frequency": "q4h",
}

SMALLEST = _case(
    {"drug": "morphine", "route": "oral", "form": "ir", "dose": "8 mg", "frequency": "q4h"},
    OXYCODONE_ER_5,
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    "fpm-2021",
)

ROUTE_RATIO = _case(
    {"drug": "oxycodone", "route": "iv", "rate": "1.0 mg/h"},
    MORPHINE_IR_3,
    {"drug": "oxycodone", "route": "sc", "continuous": True},
    "uk-palliative",
)

#: found by the property once the xfail went (clinical22): a patch of the target's drug beside
#: another opioid took the from-patch 30% although, alone, it goes by its cited ratio at 0%
OWN_PATCH = _case(
    {"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"},
    MORPHINE_IR_3,
    {"drug": "fentanyl", "route": "iv", "continuous": True},
    "fpm-2021",
)

#: found on integ10 (clinical24's brief): a line of ANOTHER drug with a cited conversion to the
#: target (diamorphine SC -> oral morphine, the prodrug's 3:1: 48 mg/day at 0%) took the
#: different-opioid 25% on the whole 63 OME once oxycodone was added: 47.25 mg/day
CITED_OTHER_DRUG = _case(
    {"drug": "diamorphine", "route": "sc", "rate": "16 mg/day"},
    OXYCODONE_ER_5,
    {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"},
    "uk-palliative",
)


@DEAR
@example(**SMALLEST)
@example(**ROUTE_RATIO)
@example(**OWN_PATCH)
@example(**CITED_OTHER_DRUG)
@given(
    lines=st.lists(REGULAR, min_size=1, max_size=2),
    added=REGULAR,
    to=TARGETS,
    table=st.sampled_from(SETS),
    patient=PATIENTS,
)
def test_an_added_regular_line_never_lowers_the_switch_target(
    lines: list[dict[str, Any]],
    added: dict[str, Any],
    to: dict[str, Any],
    table: str,
    patient: dict[str, Any],
) -> None:
    before = _plan(lines, to, table, patient)
    after = None if before is None else _plan([*lines, added], to, table, patient)
    if before is None or after is None:
        reject()
    low, high = before.target_daily_dose, after.target_daily_dose
    assert high.unit == low.unit
    assert high.value >= low.value * (1 - 1e-9), (
        f"{table}: {lines} -> {to}: target {low.value} {low.unit}; with {added} added: "
        f"{high.value} {high.unit} (OME {before.ome_per_day} -> {after.ome_per_day}; "
        f"reduction {before.reduction} -> {after.reduction})"
    )


@DEAR
@given(
    lines=st.lists(REGULAR, min_size=1, max_size=2),
    added=REGULAR,
    table=st.sampled_from(sorted(TABLES.sets)),
)
def test_an_added_regular_line_never_lowers_the_mme_total(
    lines: list[dict[str, Any]], added: dict[str, Any], table: str
) -> None:
    def total(items: list[dict[str, Any]]) -> float | None:
        try:
            return calculate_mme({"table": table, "items": items}, tables=TABLES).total_mme_per_day
        except MpsPainError:
            return None

    before = total(lines)
    after = None if before is None else total([*lines, added])
    if before is None or after is None:
        reject()
    assert after >= before * (1 - 1e-9), (table, lines, added, before, after)
