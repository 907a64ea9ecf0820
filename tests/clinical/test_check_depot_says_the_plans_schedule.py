"""Pharmacist re-check 18b, M2 (medium): for a patch and oxycodone → methadone, the check's depot
caution said "until then, give only the new opioid's share that replaces oxycodone … as the
switching plan does", where the plan keeps the oxycodone as prescribed until 17 h and then starts
methadone whole (a methadone dose has no share for their part alone). The nurse was invited to
start a partial methadone dose at 0 h that nobody can work out.

One rule (``depot_others``): what the regular opioids beside a patch get until the new opioid
starts is decided by the target's kind, and the schedule rows and the check's caution take their
words from the same function. The property: for every target kind, the plan fed to its own check
gets a caution whose words are the plan's schedule's.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, event, example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import resolve_current, rotation_rules
from mps_pain.domain.rotation.depot_others import others_cover, others_until_start
from mps_pain.domain.rotation.depot_start import DEPOT_START
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.schedule_current import current_text
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.discarded import discard
from tests.rotation.generated import GENERATED, generated_request

TABLES = get_tables()
RULES = rotation_rules(TABLES)
METHADONE = RULES.methadone.drug

PATCH = st.sampled_from([12.5, 25, 50, 75]).map(
    lambda r: {"drug": "fentanyl", "route": "transdermal", "rate": f"{r} mcg/h"}
)
OTHER = st.sampled_from(
    [
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "5 mg", "frequency": "bid"},
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"},
        {"drug": "morphine", "route": "oral", "form": "IR", "dose": "2.5 mg", "frequency": "q4h"},
        {"drug": "oxycodone", "route": "sc", "rate": "0.5 mg/h"},
    ]
)
TARGET = st.sampled_from(
    [
        {"drug": "methadone", "route": "oral"},
        {"drug": "methadone", "route": "oral", "methadone_method": "jp-label"},
        {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "oxycodone", "route": "iv", "continuous": True},
        {"drug": "fentanyl", "route": "iv", "continuous": True},
    ]
)
TABLE = st.sampled_from(["uk-palliative", "fpm-2021"])

P13 = (
    {"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "bid"},
    {"drug": "methadone", "route": "oral"},
    "fpm-2021",
)


def _plan(request: dict[str, Any]) -> Any:
    try:
        return plan_rotation(request, tables=TABLES)
    except MpsPainError as refusal:
        discard(refusal)


@GENERATED
@given(PATCH, OTHER, TARGET, TABLE)
@example(*P13)  # the reviewer's Q05 / P13
def test_the_check_says_what_the_plans_schedule_does_with_the_other_opioids(
    patch: dict[str, Any], other: dict[str, Any], target: dict[str, Any], table: str
) -> None:
    request = generated_request([patch, other], target, table, patient={"qtc": "430 ms"})
    plan = _plan(request)
    assume(plan.rounded_daily_dose is not None)
    proposal = [plan.regimen.model_dump(mode="json", exclude_none=True)]
    check = {k: v for k, v in request.items() if k not in ("to", "methadone_method")}
    check |= {"proposed": {"items": proposal}}
    result = check_proposal(check, tables=TABLES)
    timing = next(w for w in result.warnings if w.code == DEPOT_START)
    items, _, _ = resolve_current(TABLES, RotationRequest.model_validate(request).from_, "from")
    others = current_text([d for d in items if d.item.route != "transdermal"])
    kind = others_cover(target["drug"], METHADONE, share_given=plan.first_part is not None)
    event(kind)
    said = others_until_start(kind, others)
    at_0_h = next(e.action for e in plan.schedule if e.when.startswith("0 h"))
    context = (request, timing.message, plan.schedule)
    assert said in timing.message, context
    if kind == "share":  # the plan's 0-h row gives their share instead of them
        assert others_until_start("keep", others, capital=True) not in at_0_h, context
        return
    assert others_until_start(kind, others, capital=True) in at_0_h, context
    if kind == "stop_and_go":  # methadone has no share for their part: never "the share"
        assert "share that replaces" not in timing.message, context
        assert "do not start methadone when the patch comes off" in timing.message, context
