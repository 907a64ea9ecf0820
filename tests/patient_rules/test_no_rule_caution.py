"""Pharmacist re-check 19b, H1: a drug the tables hold no kidney or liver rule for, given to a
patient with renal or hepatic impairment, is named in a caution (tapentadol at eGFR 25, or in
moderate or severe hepatic impairment, was planned at a full dose and checked WITHIN with nothing
said of it). No reviewed source gives a tapentadol renal or hepatic row (clinical-sources.md), so
no dose changes: the caution sends the reader to the label.

The reproducers through the CLI, then the class as a property: every catalogue drug at every
renal value under the tables' thresholds and every hepatic level either gets a rule held for it
(a renal band or hepatic rule naming it, or a maximum daily dose set for that band or level), or
the no-rule caution naming it and the impairment; never both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.patient_rules import (
    DrugUse,
    RegimenUses,
    regimen_factor_warnings,
    switch_factor_warnings,
)
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import Drug
from tests.patient_rules.helpers import cli_payload

TAPENTADOL_ER = {"drug": "tapentadol", "route": "oral", "form": "ER", "frequency": "q12h"}
OXYCODONE_40 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "20 mg",
    "frequency": "q12h",
}
MORPHINE_60 = {
    "drug": "morphine",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
OXYCODONE_90 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "45 mg",
    "frequency": "q12h",
}
NO_RULE = {"renal-no-rule", "hepatic-no-rule"}


def _no_rule(warnings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [w for w in warnings if w["code"] in NO_RULE]


@pytest.mark.parametrize(
    ("current", "patient", "code", "words", "severity"),
    [
        (MORPHINE_60, {"egfr": 25}, "renal-no-rule", "at eGFR 25 mL/min", "caution"),  # f/T05
        (OXYCODONE_90, {"hepatic_impairment": "moderate"}, "hepatic-no-rule", "in moderate",
         "caution"),
        # T8; pharmacist review 21, M-2: in severe impairment the line is a danger (no dose)
        (OXYCODONE_40, {"hepatic_impairment": "severe"}, "hepatic-no-rule", "in severe",
         "danger"),
    ],
)  # fmt: skip
def test_a_plan_to_tapentadol_names_the_missing_rule(
    current: dict[str, Any],
    patient: dict[str, Any],
    code: str,
    words: str,
    severity: str,
    tmp_path: Path,
    capsys: Any,
) -> None:
    document = {
        "from": {"items": [current]},
        "to": TAPENTADOL_ER,
        "table": "uk-palliative",
        "patient": {"cancer_or_palliative": True, **patient},
    }
    payload = cli_payload("rotate", document, tmp_path, capsys)
    lines = _no_rule(payload["warnings"])
    assert [(w["code"], w["severity"]) for w in lines] == [(code, severity)]
    assert "tapentadol" in lines[0]["message"] and words in lines[0]["message"]
    assert "product label" in lines[0]["message"]
    # the drug the switch stops is not sent to its label
    assert current["drug"] not in lines[0]["message"]


def test_a_check_of_tapentadol_at_egfr_20_names_it(tmp_path: Path, capsys: Any) -> None:
    """vin/T7: the check read WITHIN with a caution about the current oxycodone only."""
    proposed = [
        {**TAPENTADOL_ER, "dose": "100 mg"},
        {
            "drug": "tapentadol",
            "route": "oral",
            "form": "IR",
            "dose": "50 mg",
            "prn": True,
            "doses_per_day": 4,
        },
    ]
    document = {
        "from": {"items": [OXYCODONE_40]},
        "proposed": {"items": proposed},
        "table": "uk-palliative",
        "patient": {"cancer_or_palliative": True, "egfr": 20},
    }
    payload = cli_payload("check", document, tmp_path, capsys)
    lines = _no_rule(payload["warnings"])
    assert len(lines) == 1 and "tapentadol" in lines[0]["message"]
    assert "eGFR 20 mL/min" in lines[0]["message"] and lines[0]["severity"] == "caution"


def test_mme_of_tapentadol_names_it_for_the_regimen(tmp_path: Path, capsys: Any) -> None:
    document = {
        "items": [{**TAPENTADOL_ER, "dose": "100 mg"}],
        "table": "uk-palliative",
        "patient": {"creatinine_clearance": "25 mL/min", "hepatic_impairment": "severe"},
    }
    payload = cli_payload("mme", document, tmp_path, capsys)
    assert sorted(w["code"] for w in _no_rule(payload["warnings"])) == sorted(NO_RULE)
    assert all(
        "tapentadol (current regimen)" in w["message"] for w in _no_rule(payload["warnings"])
    )


# ---- the class -------------------------------------------------------------------------------

TABLES = get_tables()
RULES = TABLES.tables.rotation
DRUGS = TABLES.tables.drugs
assert RULES is not None
TOP = max(r.below_ml_per_min for r in RULES.renal)
assert RULES.kidney_bands is not None
LABEL_BAND = RULES.kidney_bands.label_caution_below_ml_per_min


def _names(message: str, drug: Drug) -> bool:
    return f": {drug.id} " in message or f": {drug.id}(" in message or f" {drug.id} —" in message


def _max_daily_for(drug: Drug, ml_per_min: float | None, level: str | None) -> bool:
    """A maximum daily dose of the tables set for this renal band or hepatic level."""
    for limit in drug.max_daily:
        band = limit.renal
        if band is not None and ml_per_min is not None:
            low = band.at_least_ml_per_min if band.at_least_ml_per_min is not None else 0
            high = band.below_ml_per_min if band.below_ml_per_min is not None else float("inf")
            if low <= ml_per_min < high:
                return True
        if limit.hepatic is not None and level in limit.hepatic:
            return True
    return False


def _drug_named_hepatic_line(warnings: list[ClinicalWarning], drug: Drug, level: str) -> bool:
    """The engine's hepatic line for the drug carries a rule listing the drug by name."""
    own = [r.message for r in RULES.hepatic if drug.id in r.drugs and level in r.levels]
    return any(
        w.code in {"hepatic-impairment", "hepatic-current"}
        and f"{level} hepatic impairment: {drug.id}" in w.message
        and any(m in w.message for m in own)
        for w in warnings
    )


def _uses_in_both_roles(drug: Drug, patient: Patient) -> list[list[ClinicalWarning]]:
    use = DrugUse(drug, drug.routes[0], 0, "given")
    switch = switch_factor_warnings(TABLES, patient, [], [use])
    current = DrugUse(drug, drug.routes[0], 0, "current")
    regimen = regimen_factor_warnings(TABLES, patient, RegimenUses([current], [], None))
    return [switch, regimen]


@settings(max_examples=150, deadline=None)
@given(
    drug=st.sampled_from(DRUGS),
    ml_per_min=st.floats(min_value=1, max_value=TOP)
    .map(lambda v: round(v, 1))
    .filter(lambda v: v < TOP),
)
def test_every_drug_under_a_renal_threshold_has_a_rule_or_the_caution(
    drug: Drug, ml_per_min: float
) -> None:
    patient = Patient.model_validate({"egfr": f"{ml_per_min} mL/min"})
    for warnings in _uses_in_both_roles(drug, patient):
        fired = any(
            w.code in {"renal-target", "renal-current"} and _names(w.message, drug)
            for w in warnings
        ) or _max_daily_for(drug, ml_per_min, None)
        # clinician review 20, N4: what the sources prefer in kidney disease is said instead
        # (tests/patient_rules/test_renal_preferred.py), and nothing held is a caution only in
        # the band where labels advise against use (under 30 mL/min), an info line above it
        preferred = any(w.code == "renal-preferred" for w in warnings)
        cautions = [w for w in warnings if w.code == "renal-no-rule"]
        assert len(cautions) == (0 if fired or preferred else 1), (drug.id, ml_per_min, warnings)
        if cautions:
            assert drug.id in cautions[0].message and f"eGFR {ml_per_min:g}" in cautions[0].message
            assert cautions[0].severity == ("caution" if ml_per_min < LABEL_BAND else "info")


@pytest.mark.parametrize("level", ["mild", "moderate", "severe"])
@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_every_drug_in_hepatic_impairment_has_a_rule_or_the_caution(drug: Drug, level: str) -> None:
    patient = Patient.model_validate({"hepatic_impairment": level})
    for warnings in _uses_in_both_roles(drug, patient):
        fired = _drug_named_hepatic_line(warnings, drug, level) or _max_daily_for(drug, None, level)
        cautions = [w for w in warnings if w.code == "hepatic-no-rule"]
        assert len(cautions) == (0 if fired else 1), (drug.id, level, warnings)
        if cautions:
            assert drug.id in cautions[0].message and f"{level} hepatic" in cautions[0].message


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_no_caution_without_impairment(drug: Drug) -> None:
    patient = Patient.model_validate({"egfr": f"{TOP} mL/min", "hepatic_impairment": "none"})
    for warnings in _uses_in_both_roles(drug, patient):
        assert not [w for w in warnings if w.code in NO_RULE]
