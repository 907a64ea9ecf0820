"""An opioid with a benzodiazepine in palliative care is said in palliative words, citing a
source that applies (pharmacist review 17, L5).

Morphine with midazolam by syringe driver read DANGER "Opioid with a benzodiazepine … overdose"
citing CDC 2022 Recommendation 11 even with ``cancer_or_palliative: true``; CDC's scope excludes
palliative and end-of-life care, and this is a standard end-of-life combination. Invariant, in
``mme``, ``check`` and ``rotate``: for a palliative patient no co-prescribing warning cites CDC
as its source, and it is a caution that says palliative care; for any other patient the CDC
danger stands.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_runner import run_cli
from tests.rotation.plans import checked, planned

MORPHINE_SC = {"drug": "morphine", "route": "sc", "rate": "20 mg/day"}
BENZOS = [
    {"drug": "midazolam", "route": "sc", "rate": "10 mg/day"},
    {"drug": "midazolam", "route": "sc", "rate": "30 mg/day"},
    {"drug": "lorazepam", "route": "oral", "dose": "1 mg", "frequency": "bid"},
    {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "qd"},
]
CODES = {"opioid-benzodiazepine", "co-infusion-benzodiazepine"}


def _benzo_warnings(warnings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [w for w in warnings if w["code"] in CODES]


def _judge(warnings: list[dict[str, Any]], palliative: bool) -> None:
    found = _benzo_warnings(warnings)
    assert found, warnings
    for w in found:
        if palliative:
            assert not (w["source"] or "CDC").startswith("CDC"), w  # cited: not CDC's scope
            assert w["severity"] == "caution", w
            assert "palliative" in w["message"], w
    if not palliative:
        assert any(
            w["severity"] == "danger" and (w["source"] or "").startswith("CDC") for w in found
        )


def _outputs(benzo: dict[str, str], patient: dict[str, Any]) -> list[list[dict[str, Any]]]:
    mme = run_cli("mme", "--json", "-", stdin=json.dumps(
        {"items": [MORPHINE_SC, benzo], "patient": patient, "table": "uk-palliative"}))  # fmt: skip
    assert mme.returncode == 0, mme.stderr
    check = checked({
        "from": {"items": [MORPHINE_SC]}, "proposed": {"items": [MORPHINE_SC, benzo]},
        "table": "uk-palliative", "patient": patient,
    })  # fmt: skip
    plan = planned({
        "from": {"items": [MORPHINE_SC, benzo]},
        "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
        "table": "uk-palliative", "patient": patient,
    })  # fmt: skip
    return [json.loads(mme.stdout)["warnings"], check["warnings"], plan["warnings"]]


def test_review_17_c24_midazolam_by_syringe_driver_in_palliative_care() -> None:
    patient = {"age": 85, "cancer_or_palliative": True}
    for warnings in _outputs(BENZOS[0], patient):
        _judge(warnings, palliative=True)


@settings(max_examples=12, deadline=None)
@given(benzo=st.sampled_from(BENZOS), palliative=st.booleans())
def test_the_co_prescribing_warning_cites_a_source_that_applies(
    benzo: dict[str, str], palliative: bool
) -> None:
    patient = {"age": 85, "cancer_or_palliative": palliative}
    for warnings in _outputs(benzo, patient):
        _judge(warnings, palliative)
