"""Outside review: a modified-release target came out as an immediate-release oral solution.

Morphine IR 7.5 mg q4h → morphine MR q12h (UK): 22.5 mg per dose lies between the MR strengths
(20 and 25 mg), and the rounding policy measured it as oral solution — "morphine oral solution
22.5 mg q12h", an immediate-release liquid that covers about 4 hours of each 12. The solution
stands in for tablets only where the target is its own release (immediate) at an interval that
release is given at (data/form_inference.yaml); an MR target stays with MR strengths.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.form_inference import interval_rules
from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.rotation.models import PlannedRegimen
from mps_pain.errors import InputError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain_cli.main import main
from tests.clinical.test_planner_check_property import LINES, SETS
from tests.rotation.generated import GENERATED, MARKETS, generated_request, plan_or_discard

REPRO = {
    "from": {
        "items": [
            {"drug": "morphine", "route": "oral", "form": "IR", "dose": "7.5 mg"}
            | {"frequency": "q4h"}
        ]
    },
    "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
    "table": "uk-palliative",
}
# the oral solution is an immediate-release form: it is given at the immediate-release intervals
RELEASE_OF = {"oral_solution": "ir"}


def test_an_mr_target_is_never_measured_as_oral_solution(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "mr.json"
    path.write_text(json.dumps(REPRO), encoding="utf-8")
    assert main(["rotate", str(path)]) == 0
    out = capsys.readouterr().out
    regimen = out.split("New regimen:\n", 1)[1].splitlines()[0]
    assert "solution" not in regimen, regimen
    assert regimen.strip().startswith("morphine oral ER 20 mg (15 mg + 5 mg) q12h"), regimen
    plan = plan_rotation(REPRO)
    assert plan.regimen.form == "er" and plan.regimen.frequency == "q12h"
    assert plan.regimen.dose is not None and plan.regimen.dose.value == 20  # nearest MR below
    assert plan.rounding_leaves_range  # cautioned with both neighbours (20 and 25 mg)
    assert "measured-as-liquid" not in {w.code for w in plan.warnings}


def _within_cited_intervals(regimen: PlannedRegimen) -> bool:
    if regimen.frequency is None or regimen.form is None:
        return True
    form = RELEASE_OF.get(regimen.form, regimen.form)
    rule = next((r for r in interval_rules() if (r.form, r.route) == (form, regimen.route)), None)
    return rule is None or rule.accepts(parse_frequency(regimen.frequency).interval_h)


ORAL_TARGETS = st.sampled_from(
    [
        {"drug": drug, "route": "oral", "form": form, "frequency": frequency}
        for drug in ("morphine", "oxycodone", "hydromorphone")
        for form, frequency in (("ir", "q4h"), ("ir", "q6h"), ("er", "q12h"), ("er", "q24h"))
    ]
)


@GENERATED
@given(
    lines=st.lists(LINES, min_size=1, max_size=2),
    to=ORAL_TARGETS,
    table=st.sampled_from(SETS),
    market=MARKETS,
    reduction=st.sampled_from([None, "25%", "33%"]),
)
def test_no_regimen_gives_a_form_outside_its_cited_intervals(
    lines: list[dict[str, Any]],
    to: dict[str, Any],
    table: str,
    market: str | None,
    reduction: str | None,
) -> None:
    request = generated_request(lines, to, table, market=market, reduction=reduction)
    plan = plan_or_discard(request)
    assert _within_cited_intervals(plan.regimen), (request, plan.regimen)
    if plan.interval_alternative is not None:
        assert _within_cited_intervals(plan.interval_alternative.regimen), request


CURRENT = REPRO["from"]


@pytest.mark.parametrize(
    "proposal",
    [
        {"form": "oral solution", "dose": "22.5 mg", "frequency": "q12h"},  # the reviewed plan
        {"form": "IR", "dose": "22.5 mg", "frequency": "q12h"},
        {"form": "ER", "dose": "7.5 mg", "frequency": "q4h"},
    ],
)
def test_the_check_refuses_a_form_outside_its_cited_intervals(proposal: dict[str, str]) -> None:
    item = {"drug": "morphine", "route": "oral", **proposal}
    document = {"from": CURRENT, "proposed": {"items": [item]}, "table": "uk-palliative"}
    with pytest.raises(InputError) as refused:
        check_proposal(document)
    assert refused.value.location == "proposed.items[0].frequency"


def test_the_check_still_accepts_the_solution_at_q4h_and_methadone_solution_q12h() -> None:
    solution = {"drug": "morphine", "route": "oral", "form": "oral solution", "dose": "7.5 mg"}
    document = {"from": CURRENT, "proposed": {"items": [solution | {"frequency": "q4h"}]}}
    assert check_proposal(document | {"table": "uk-palliative"}).verdict == "within"
    methadone = {"drug": "methadone", "route": "oral", "form": "oral solution", "dose": "5 mg"}
    document = {"from": CURRENT, "proposed": {"items": [methadone | {"frequency": "q12h"}]}}
    check_proposal(document | {"table": "uk-palliative"})  # not refused: methadone's own intervals
