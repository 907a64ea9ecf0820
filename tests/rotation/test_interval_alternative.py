"""Outside pharmacist review, 2 December, finding 2, and pharmacist review 5, D10 (c): rounding
below the range while another cited interval fits.

Oxycodone ER 30 mg q12h → hydromorphone IR q4h (UK strengths 1.3 and 2.6 mg): 2.25 mg per dose
rounds down to 1.3 mg, an effective reduction of 56.7% against the sourced 25–50%. The plan
first only cautioned; then it kept q4h and offered q6h (2.6 mg, 42.2%) as an info line, and its
own check said `below`. Now, when the interval asked for gives nothing within the range (or no
dose) and the nearest other interval of the form's cited range (data/form_inference.yaml) gives
an amount within it by the same rounding policy, the plan proposes that interval and shows the
interval asked for as the other option, with both in one info line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from mps_pain.domain.as_printed import not_above_as_printed
from mps_pain.domain.form_inference import interval_rules
from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain_cli.main import main
from tests.clinical.test_planner_check_property import LINES, SETS, TABLES
from tests.rotation.generated import GENERATED, MARKETS, generated_request, plan_or_discard

REPRO = {
    "from": {
        "items": [
            {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg"}
            | {"frequency": "q12h"}
        ]
    },
    "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
}


def test_the_reviewed_switch_proposes_q6h_and_shows_the_q4h_asked_for(
    tmp_path: Path, capsys: Any
) -> None:
    plan = plan_rotation(REPRO)
    assert plan.regimen.frequency == "q6h" and plan.regimen.dose is not None
    assert plan.regimen.dose.value == 2.6 and not plan.rounding_leaves_range
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 10.4
    asked = plan.interval_alternative
    assert asked is not None and asked.requested_frequency == "q4h"
    assert asked.regimen.frequency == "q4h"
    assert asked.regimen.dose is not None and asked.regimen.dose.value == 1.3
    assert asked.daily_dose is not None and asked.daily_dose.value == 7.8
    assert asked.effective_reduction is not None and round(asked.effective_reduction, 3) == 0.567
    info = next(w for w in plan.warnings if w.code == "rounding-other-interval")
    assert info.severity == "info" and info.source
    assert "q4h as asked" in info.message and "proposes q6h" in info.message
    assert plan_view(plan).alternative is not None
    path = tmp_path / "switch.json"
    path.write_text(json.dumps(REPRO), encoding="utf-8")
    assert main(["rotate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "hydromorphone oral IR 2.6 mg q6h" in out
    assert "Interval asked for: hydromorphone oral IR 1.3 mg q4h = 7.8 mg/day" in out


def test_the_proposed_interval_passes_the_check() -> None:
    plan = plan_rotation(REPRO)
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    result = check_proposal({"from": REPRO["from"], "proposed": {"items": [proposal]}})
    assert result.verdict == "within", result.reasons


def test_a_stated_reduction_takes_the_same_interval_rule() -> None:
    """A stated reduction was honoured at the interval asked for (1.3 mg q4h, 56.7%, BELOW in its
    own check); pharmacist review 18, D2 reversed that: the nearest other cited interval whose
    amount lies within the range and not above the stated target is proposed, as by default."""
    plan = plan_rotation({**REPRO, "reduction": "25%"})
    assert plan.interval_alternative is not None and plan.regimen.frequency == "q6h"
    assert plan.regimen.dose is not None and plan.regimen.dose.value == 2.6
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    result = check_proposal({"from": REPRO["from"], "proposed": {"items": [proposal]}})
    assert result.verdict == "within", result.reasons


def _range_ends(form: str | None, route: str, hours: float) -> list[float]:
    """The other ends of the cited interval range the requested interval lies in."""
    rule = next((r for r in interval_rules() if (r.form, r.route) == (form, route)), None)
    if rule is None:
        return []
    span = next(((lo, hi) for lo, hi in rule.accepted_h if lo <= hours <= hi), None)
    return [h for h in (span or ()) if h != hours]


def _replanned(request: dict[str, Any], hours: float) -> RotationPlan | None:
    to = {**request["to"], "frequency": f"q{hours:g}h"}
    try:
        return plan_rotation({**request, "to": to}, tables=TABLES)
    except MpsPainError:
        return None


RATIO = ("route_change", "form_change", "prodrug")  # a cited ratio (1:1 for a form)
TOLERANCE = rotation_rules(TABLES).rounding.short_tolerance.fraction
ORAL_TARGETS = st.sampled_from(
    [
        {"drug": drug, "route": "oral", "form": form, "frequency": frequency}
        for drug in ("morphine", "oxycodone", "hydromorphone")
        for form, frequency in (("ir", "q4h"), ("ir", "q6h"), ("er", "q12h"))
    ]
)


@GENERATED
@given(
    lines=st.lists(LINES, min_size=1, max_size=2),
    to=ORAL_TARGETS,
    table=st.sampled_from(SETS),
    market=MARKETS,
)
def test_another_interval_is_proposed_exactly_when_one_of_the_cited_range_fits(
    lines: list[dict[str, Any]], to: dict[str, Any], table: str, market: str | None
) -> None:
    request = generated_request(lines, to, table, market=market)
    plan = plan_or_discard(request)
    requested = parse_frequency(to["frequency"]).interval_h
    ends = _range_ends(to["form"], "oral", requested)
    asked = plan.interval_alternative
    if asked is None:  # the interval asked for is kept: it fits, or no other interval does
        assert plan.regimen.frequency in (None, to["frequency"]), request
        out_of_reach = plan.regimen.no_dose is not None  # no dose at this interval (main's D5)
        if plan.rounding_leaves_range or out_of_reach:
            fitting = [h for h in ends if (p := _replanned(request, h)) and _fits(p)]
            assert not fitting, (request, fitting)
            event("below the range, no interval of the cited range fits")
        else:
            event("within the range at the interval asked for")
        return
    event("below the range at the interval asked for, another interval proposed")
    assert asked.requested_frequency == to["frequency"] == asked.regimen.frequency
    assert "rounding-other-interval" in {w.code for w in plan.warnings}
    fitting = [h for h in ends if (p := _replanned(request, h)) and _fits(p)]
    hours = parse_frequency(plan.regimen.frequency or "").interval_h
    assert hours in ends and hours == min(fitting, key=lambda h: (abs(h - requested), h))
    # within the sourced range per day: the reduced range, or a cited ratio's (route change: the
    # whole cited range, whose low end is below the set's own ratio where the set has one)
    eq = plan.equianalgesic_daily_dose
    bottom = eq.low if plan.switch_kind in RATIO else eq.value * (1 - plan.reduction_high)
    lowest = bottom * (1 - TOLERANCE)  # "just short" is within
    highest = max(eq.value * (1 - plan.reduction_low), eq.high if plan.switch_kind in RATIO else 0)
    assert plan.rounded_daily_dose is not None
    amount = plan.rounded_daily_dose.value
    # never above the top as printed (session 20, ``as_printed``: 12 mg/day for 11.97, "12")
    assert lowest * (1 - 1e-6) <= amount, (request, plan.regimen, eq)
    assert not_above_as_printed(amount, highest), (request, plan.regimen, eq)
    # the interval asked for misses the range: no dose, or below it
    missed = asked.daily_dose is None or asked.daily_dose.value < lowest * (1 - 1e-6)
    assert missed, (request, asked)
    chosen = _replanned(request, hours)
    assert chosen is not None and chosen.regimen == plan.regimen  # the one rounding rule
    proposal = plan.regimen.model_dump(mode="json", exclude_none=True)
    check = {"from": request["from"], "proposed": {"items": [proposal]}, "table": table}
    if market is not None:
        check["market"] = market
    assert check_proposal(check, tables=TABLES).verdict == "within", (request, proposal)


def _fits(plan: RotationPlan) -> bool:
    """The plan keeps the interval it was asked for and gives a dose the rounding policy leaves
    within the range there."""
    has_dose = plan.regimen.dose is not None and plan.regimen.no_dose is None
    return has_dose and plan.interval_alternative is None and not plan.rounding_leaves_range
