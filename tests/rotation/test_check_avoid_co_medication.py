"""Pharmacist review 17, M2: a proposal of oxycodone MR 10 mg q12h with ibuprofen 400 mg tid at
eGFR 20 headlined "Verdict: WITHIN" while its own DANGER said to avoid NSAIDs in severe renal
impairment: the headline's AVOID read only the opioids a proposal gives. Every line of a
proposal that a patient-factor danger says to avoid, opioid or co-medication, heads the check
with AVOID, naming it, in the JSON, the text, the app and the PDF (all read ``CheckView``)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.presentation.check import check_view
from tests.rotation.plans import checked

OXYCODONE_MR = {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "10 mg",
                "frequency": "q12h"}  # fmt: skip
MORPHINE_MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg",
               "frequency": "q12h"}  # fmt: skip
NSAIDS = (
    {"drug": "ibuprofen", "route": "oral", "dose": "400 mg", "frequency": "tid"},
    {"drug": "naproxen", "route": "oral", "dose": "250 mg", "frequency": "bid"},
    {"drug": "celecoxib", "route": "oral", "dose": "100 mg", "frequency": "bid"},
)


def _check(co_medication: dict[str, Any], egfr: float, table: str) -> dict[str, Any]:
    return checked(
        {
            "from": {"items": [MORPHINE_MR]},
            "proposed": {"items": [OXYCODONE_MR, co_medication]},
            "table": table,
            "patient": {"egfr": egfr},
        }
    )


@given(
    co_medication=st.sampled_from(NSAIDS),
    egfr=st.floats(min_value=5, max_value=29.5),
    table=st.sampled_from(("uk-palliative", "fpm-2021", "jspm-2010")),
)
def test_a_co_medication_a_danger_says_to_avoid_heads_the_check(
    co_medication: dict[str, Any], egfr: float, table: str
) -> None:
    result = _check(co_medication, egfr, table)
    named = [
        w for w in result["warnings"]
        if w["severity"] == "danger" and w["item"] == 1 and w["code"].startswith("renal")
    ]  # fmt: skip
    assert named, result["warnings"]  # the renal rule names the NSAID at eGFR < 30
    assert result["avoid"] is True
    view = check_view(CheckResult.model_validate(result))
    assert view.verdict_label.startswith("AVOID"), view.verdict_label
    assert co_medication["drug"] in view.verdict_sentence.lower(), view.verdict_sentence


def test_the_same_co_medication_at_a_safe_egfr_does_not_head_it() -> None:
    result = _check(NSAIDS[0], 60, "uk-palliative")
    assert result["avoid"] is False and result["verdict"] == "within"
