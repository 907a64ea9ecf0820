"""`fhir export` leaves a breakthrough order only with the frequency the planner's rule writes
for the plan (fuzz review 17, D6: a plan edited to ``breakthrough.frequency: "10e1 mg"`` was
exported as "2 mg 10e1 mg", and ``q1h`` as an as-needed order repeated every hour, a minimum
interval the item reader refuses on an as-needed line). The frequency is checked by the rule
that writes it (``rescue_frequency.rule_frequencies``, read through ``plan_rescue``), as the
drug and route are, naming ``breakthrough.frequency``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.fhir.export import export_plan
from tests.cli_runner import run_cli
from tests.fhir.test_export_breakthrough_is_the_plans_rule import _TARGETS, _plan

FUZZ17 = Path(__file__).parent / "fixtures" / "fuzz17"
EDITS = ["q1h", "10e1 mg", "every 1e308 h", "as needed", "PRN", "q4h", "as needed (bolus)x"]


@pytest.mark.parametrize(
    "name",
    [
        "fhir-export-breakthrough-frequency-garbage.json",
        "fhir-export-breakthrough-frequency-q1h.json",
    ],
)
def test_the_reviews_edited_frequencies_are_refused(name: str) -> None:
    done = run_cli("fhir", "export", str(FUZZ17 / name))
    assert done.returncode == 2, done.stdout[:300]
    assert done.stderr.startswith("mps-pain: breakthrough.frequency: "), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Make the plan again" in done.stderr


def _with_breakthrough_frequency(plan: Any, frequency: str) -> Any:
    edited = plan.breakthrough.model_copy(update={"frequency": frequency})
    return plan.model_copy(update={"breakthrough": edited})


@pytest.mark.parametrize(("to", "table"), _TARGETS)
def test_every_plans_breakthrough_leaves_with_its_own_frequency_only(
    to: dict[str, Any], table: str
) -> None:
    plan = _plan(to, table)
    bt = plan.breakthrough
    if plan.regimen.no_dose is not None or bt is None or bt.dose is None:
        pytest.skip("no breakthrough order to edit")
    bundle = export_plan(plan)
    order = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["id"] == "plan-breakthrough"
    )
    assert order["dosageInstruction"][0]["text"].endswith(bt.frequency)
    for frequency in EDITS:
        if frequency == bt.frequency:
            continue
        with pytest.raises(MpsPainError) as refused:
            export_plan(_with_breakthrough_frequency(plan, frequency))
        assert refused.value.location == "breakthrough.frequency", refused.value
        assert bt.frequency in refused.value.message  # says what the rule writes
