"""Clinician review 20, N4: at eGFR 45 the fentanyl patch (and oxycodone, ketamine) was given the
CAUTION "No kidney rule for fentanyl is held in the reviewed sources … (labels of some opioids
advise against use in severe impairment)", in ``mme`` and for a switch's target. The reviewed
sources do hold statements: "SIGN: alfentanil, buprenorphine and fentanyl preferred in CKD";
"j-cope: fentanyl, buprenorphine and hydromorphone recommended in renal impairment"
(clinical-sources §3(d)). And eGFR 45 is not severe impairment.

The reproducers through the CLI, then the class as properties over the catalogue and every
kidney function value under the tables' top threshold: each drug gets exactly one of a held
rule, the sources' preference (info), or the no-rule line; the no-rule line is a caution only in
the band where labels advise against use (under 30 mL/min), and names the patient's own band.
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

WARD_20 = [
    {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    {"drug": "oxycodone", "route": "oral", "form": "mr", "dose": "20 mg", "frequency": "bid"},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
]
OXYCODONE_60 = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
KIDNEY = {"renal-preferred", "renal-no-rule"}


def _kidney(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The kidney lines by the drug they name (the word after the band's colon)."""
    out: dict[str, dict[str, Any]] = {}
    for w in payload["warnings"]:
        if w["code"] in KIDNEY:
            head = w["message"].partition(" — ")[0].partition(" is held")[0]
            drug = head.rsplit(": ", 1)[-1].removeprefix("No kidney rule for ").split(" ")[0]
            assert drug not in out, payload["warnings"]
            out[drug] = w
    return out


def test_ward_20_at_egfr_45_says_what_the_sources_say(tmp_path: Path, capsys: Any) -> None:
    document = {
        "items": WARD_20,
        "table": "uk-palliative",
        "patient": {"egfr": "45 mL/min", "cancer_or_palliative": True},
    }
    lines = _kidney(cli_payload("mme", document, tmp_path, capsys))
    patch = lines["fentanyl"]
    assert (patch["code"], patch["severity"]) == ("renal-preferred", "info")
    assert "SIGN 106 prefers" in patch["message"] and "j-cope-home.org" in patch["message"]
    assert "No kidney rule" not in patch["message"]
    assert "SIGN 106" in patch["source"] and "j-cope" in patch["source"]
    for drug in ("oxycodone", "ketamine"):
        line = lines[drug]
        assert (line["code"], line["severity"]) == ("renal-no-rule", "info"), line
    for line in lines.values():
        assert "severe" not in line["message"], line
        assert "CKD stage 3a" in line["message"] and "45–59 mL/min" in line["message"], line


@pytest.mark.parametrize("egfr", [45, 25, 10])
def test_a_patch_chosen_for_ckd_is_told_the_preference_in_every_command(
    egfr: int, tmp_path: Path, capsys: Any
) -> None:
    patient = {"egfr": f"{egfr} mL/min", "cancer_or_palliative": True}
    rotate = {
        "from": {"items": [OXYCODONE_60]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
        "patient": patient,
    }
    check = {
        "from": {"items": [OXYCODONE_60]},
        "proposed": {"items": [PATCH_25]},
        "table": "uk-palliative",
        "patient": patient,
    }
    mme = {"items": [PATCH_25], "table": "uk-palliative", "patient": patient}
    said = []
    for command, document in (("rotate", rotate), ("check", check), ("mme", mme)):
        line = _kidney(cli_payload(command, document, tmp_path, capsys))["fentanyl"]
        assert (line["code"], line["severity"]) == ("renal-preferred", "info"), command
        said.append(line["message"].replace(" (current regimen)", ""))
    assert said[0] == said[1] == said[2]


# ---- the class -------------------------------------------------------------------------------

TABLES = get_tables()
RULES = TABLES.tables.rotation
DRUGS = TABLES.tables.drugs
assert RULES is not None and RULES.kidney_bands is not None
TOP = max(r.below_ml_per_min for r in RULES.renal)
LABEL_BAND = RULES.kidney_bands.label_caution_below_ml_per_min
PREFERRED = {d for p in RULES.renal_preferred for d in p.drugs}


def _held(warnings: list[ClinicalWarning], drug: Drug, ml_per_min: float) -> bool:
    """A renal band naming the drug fired, or a maximum daily dose is set for this band."""
    fired = any(
        w.code in {"renal-target", "renal-current"}
        and (f": {drug.id} —" in w.message or f": {drug.id} (" in w.message)
        for w in warnings
    )
    limits = [m.renal for m in drug.max_daily if m.renal is not None]
    return fired or any(band.contains(ml_per_min) for band in limits)


def _both_roles(drug: Drug, patient: Patient) -> list[list[ClinicalWarning]]:
    given_ = DrugUse(drug, drug.routes[0], 0, "given")
    current = DrugUse(drug, drug.routes[0], 0, "current")
    return [
        switch_factor_warnings(TABLES, patient, [], [given_]),
        regimen_factor_warnings(TABLES, patient, RegimenUses([current], [], None)),
    ]


@settings(max_examples=200, deadline=None)
@given(
    drug=st.sampled_from(DRUGS),
    ml_per_min=st.floats(min_value=1, max_value=TOP)
    .map(lambda v: round(v, 1))
    .filter(lambda v: v < TOP),
    measure=st.sampled_from(["egfr", "creatinine_clearance"]),
)
def test_each_drug_gets_exactly_one_kidney_statement(
    drug: Drug, ml_per_min: float, measure: str
) -> None:
    patient = Patient.model_validate({measure: f"{ml_per_min} mL/min"})
    words = RULES.kidney_bands.words_for(ml_per_min)  # type: ignore[union-attr]
    assert words is not None
    for warnings in _both_roles(drug, patient):
        held = _held(warnings, drug, ml_per_min)
        preferred = [w for w in warnings if w.code == "renal-preferred"]
        no_rule = [w for w in warnings if w.code == "renal-no-rule"]
        assert held + len(preferred) + len(no_rule) == 1, (drug.id, ml_per_min, warnings)
        assert bool(preferred) == (drug.id in PREFERRED and not held), (drug.id, ml_per_min)
        for line in preferred + no_rule:
            assert drug.id in line.message and f"{ml_per_min:g} mL/min" in line.message
            assert words in line.message, (line.message, words)
        for line in preferred:
            assert line.severity == "info" and line.source
            statements = [p for p in RULES.renal_preferred if drug.id in p.drugs]
            assert all(p.message.lower() in line.message.lower() for p in statements)
        for line in no_rule:
            expected = "caution" if ml_per_min < LABEL_BAND else "info"
            assert line.severity == expected, (drug.id, ml_per_min, line)
            assert ("severe impairment" in line.message) == (ml_per_min < LABEL_BAND)


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_nothing_is_said_of_the_kidneys_without_impairment(drug: Drug) -> None:
    patient = Patient.model_validate({"egfr": f"{TOP} mL/min"})
    for warnings in _both_roles(drug, patient):
        assert not [w for w in warnings if w.code in KIDNEY]


def test_the_bands_are_the_cited_categories() -> None:
    """Every value under the top threshold is named, and 45 is not called severe."""
    bands = RULES.kidney_bands
    assert bands is not None
    assert bands.bands[-1].below_ml_per_min == TOP
    assert "severe" not in (bands.words_for(45) or "")
    assert "severely decreased" in (bands.words_for(25) or "")
    assert bands.words_for(TOP) is None


# the role's own words: a drug the patient is on is "gone on with", one proposed is "given"
ROLE_WORDS = ((" (current regimen)", ""), ("on whether to go on with it", "before giving it"))


def _kidney_lines(warnings: list[ClinicalWarning]) -> set[tuple[str, str, str, str | None]]:
    """The kidney lines as the regimen proposed says them (the current role's words replaced)."""
    out = set()
    for w in warnings:
        if w.code in KIDNEY:
            message = w.message
            for current, proposed in ROLE_WORDS:
                message = message.replace(current, proposed)
            out.add((w.code, w.severity, message, w.source))
    return out


@settings(max_examples=100, deadline=None)
@given(
    proposal=st.lists(st.sampled_from(DRUGS), min_size=1, max_size=4, unique_by=lambda d: d.id),
    ml_per_min=st.sampled_from([5, 14.5, 15, 25, 29.9, 30, 44, 45, 59.5]),
)
def test_a_proposal_is_said_alike_in_mme_and_in_a_switch(
    proposal: list[Drug], ml_per_min: float
) -> None:
    """One rule: ``rotate`` and ``check`` (a switch) say of the drugs to be given what ``mme``
    of those drugs says of them, in their role's words (the CLI test above runs the three)."""
    patient = Patient.model_validate({"egfr": f"{ml_per_min} mL/min"})
    given_ = [DrugUse(d, d.routes[0], i, "given") for i, d in enumerate(proposal)]
    as_current = [DrugUse(d, d.routes[0], i, "current") for i, d in enumerate(proposal)]
    mme = regimen_factor_warnings(TABLES, patient, RegimenUses(as_current, [], None))
    switch = switch_factor_warnings(TABLES, patient, [], given_)
    assert _kidney_lines(switch) == _kidney_lines(mme)
    assert len(_kidney_lines(mme)) <= len(proposal)
