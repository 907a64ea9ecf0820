"""Pharmacist re-check 20b, M-2 (review 20 M1/L2, the liver half): at moderate hepatic impairment
a switch to morphine said "No liver rule for morphine is held in the reviewed sources", while in
severe impairment the product refuses morphine by a liver rule it holds ("avoid in hepatic
failure"); and at mild impairment the line still said "labels … advise against use in severe
impairment" (vin/X4 against vin/X5; f/H01, old/G06, vin/L2v3).

Done as the kidney half was: the line says there is no rule *for this level* and names the level
the held rule is for; the labels' "severe impairment" words only in severe impairment; a caution
at the levels of ``rotation.liver_levels`` (moderate and severe, as re-check 19b H1 asked), an
info line at mild; one line per drug and role, said alike by mme, rotate and check. The class
as a property over the catalogue × hepatic levels × roles.
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

OXYCODONE_60 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg",
                "frequency": "q12h"}  # fmt: skip
MORPHINE_MR = {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"}
TAPENTADOL_ER = {"drug": "tapentadol", "route": "oral", "form": "ER", "frequency": "q12h"}
SEVERE_WORDS = "advise against use in severe impairment"
CLASS_WORDS = "use low doses and titrate slowly"


def _liver_lines(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in payload["warnings"] if w["code"] == "hepatic-no-rule"]


def _rotate(to: dict[str, Any], level: str) -> dict[str, Any]:
    return {
        "from": {"items": [OXYCODONE_60]},
        "to": to,
        "table": "uk-palliative",
        "market": "UK",
        "patient": {"cancer_or_palliative": True, "hepatic_impairment": level},
    }


def test_x4_moderate_morphine_says_no_rule_for_this_level(tmp_path: Path, capsys: Any) -> None:
    lines = _liver_lines(cli_payload("rotate", _rotate(MORPHINE_MR, "moderate"), tmp_path, capsys))
    morphine = [w for w in lines if "morphine" in w["message"]]
    assert len(morphine) == 1, lines
    message = morphine[0]["message"]
    assert "No liver rule for morphine is held" not in message
    assert "moderate hepatic impairment" in message and "severe impairment" in message
    assert SEVERE_WORDS not in message
    assert morphine[0]["severity"] == "caution"  # re-check 19b H1: moderate stays a caution


def test_mild_impairment_has_no_severe_label_words(tmp_path: Path, capsys: Any) -> None:
    lines = _liver_lines(cli_payload("rotate", _rotate(TAPENTADOL_ER, "mild"), tmp_path, capsys))
    tapentadol = [w for w in lines if "tapentadol" in w["message"]]
    assert len(tapentadol) == 1, lines
    assert SEVERE_WORDS not in tapentadol[0]["message"]
    assert "mild hepatic impairment" in tapentadol[0]["message"]
    # review 21, L-2: the advice for every opioid (a caution) is said in this one line, so the
    # line is a caution (it was an info line beside the advice's own caution line)
    assert CLASS_WORDS in tapentadol[0]["message"]
    assert tapentadol[0]["severity"] == "caution"


def test_severe_impairment_is_a_danger_with_the_label_words(tmp_path: Path, capsys: Any) -> None:
    """Re-check 19b H1 stays protected, and review 21, M-2 raises it: tapentadol in severe
    impairment is a danger (no dose is proposed), still with the labels' words and a source."""
    lines = _liver_lines(cli_payload("rotate", _rotate(TAPENTADOL_ER, "severe"), tmp_path, capsys))
    tapentadol = [w for w in lines if "tapentadol" in w["message"]]
    assert len(tapentadol) == 1 and tapentadol[0]["severity"] == "danger", lines
    assert SEVERE_WORDS in tapentadol[0]["message"]
    assert tapentadol[0]["source"]


# ---- the class -------------------------------------------------------------------------------

TABLES = get_tables()
RULES = TABLES.tables.rotation
DRUGS = TABLES.tables.drugs
assert RULES is not None and RULES.liver_levels is not None
LABEL_LEVELS = set(RULES.liver_levels.label_caution_levels)
NO_DOSE_LEVELS = set(RULES.liver_levels.no_dose_levels)
LEVELS = ("mild", "moderate", "severe")


def _held_levels(drug: Drug) -> set[str]:
    """The levels a rule naming the drug (or a maximum daily dose of it) is held for."""
    named = {lv for r in RULES.hepatic if drug.id in r.drugs for lv in r.levels}
    limits = {lv for m in drug.max_daily if m.hepatic is not None for lv in m.hepatic}
    return named | limits


def _named_line(warnings: list[ClinicalWarning], drug: Drug, level: str) -> bool:
    return any(
        w.code in {"hepatic-impairment", "hepatic-current"}
        and f"{level} hepatic impairment: {drug.id}" in w.message
        for w in warnings
    )


def _roles(drug: Drug, patient: Patient) -> list[list[ClinicalWarning]]:
    given_ = DrugUse(drug, drug.routes[0], 0, "given")
    current = DrugUse(drug, drug.routes[0], 0, "current")
    return [
        switch_factor_warnings(TABLES, patient, [], [given_]),
        regimen_factor_warnings(TABLES, patient, RegimenUses([current], [], None)),
    ]


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_each_drug_and_level_gets_one_line_fitting_the_level(drug: Drug, level: str) -> None:
    patient = Patient.model_validate({"hepatic_impairment": level})
    held = _held_levels(drug)
    for warnings in _roles(drug, patient):
        no_rule = [w for w in warnings if w.code == "hepatic-no-rule"]
        assert len(no_rule) == (0 if level in held else 1), (drug.id, level, warnings)
        if level in held:
            assert _named_line(warnings, drug, level) or any(
                m.hepatic and level in m.hepatic for m in drug.max_daily
            ), (drug.id, level)
            continue
        line = no_rule[0]
        assert drug.id in line.message and f"{level} hepatic impairment" in line.message
        caution = level in LABEL_LEVELS
        assert (SEVERE_WORDS in line.message) == (level == "severe"), line.message
        # review 21, L-2: an opioid's one line says the advice for every opioid (a caution,
        # cited); review 21, M-2: at the no-dose levels an opioid's line is a danger
        general = drug.is_opioid
        assert (CLASS_WORDS in line.message) == general, line.message
        assert not [w for w in warnings if w.code.startswith("hepatic-") and w is not line], (
            drug.id, level, warnings)  # fmt: skip
        expected = "caution" if caution or general else "info"
        if general and level in NO_DOSE_LEVELS:
            expected = "danger"
        assert line.severity == expected, line
        assert bool(line.source) == (caution or general), line
        if held:  # a rule is held for another level: never "no rule is held", name that level
            assert f"No liver rule for {drug.id} is held" not in line.message, line.message
            assert all(f"{other} impairment" in line.message for other in held), line.message
        for other in set(LEVELS) - held - {level}:
            assert f"{other} impairment" not in line.message.replace(SEVERE_WORDS, ""), line


@settings(max_examples=60, deadline=None)
@given(
    proposal=st.lists(st.sampled_from(DRUGS), min_size=1, max_size=4, unique_by=lambda d: d.id),
    level=st.sampled_from(LEVELS),
)
def test_a_proposal_is_said_alike_in_mme_and_in_a_switch(proposal: list[Drug], level: str) -> None:
    patient = Patient.model_validate({"hepatic_impairment": level})
    given_ = [DrugUse(d, d.routes[0], i, "given") for i, d in enumerate(proposal)]
    current = [DrugUse(d, d.routes[0], i, "current") for i, d in enumerate(proposal)]
    words = ((" (current regimen)", ""), ("on whether to go on with it", "before giving it"))

    def lines(warnings: list[ClinicalWarning]) -> set[tuple[str, str, str | None]]:
        out = set()
        for w in warnings:
            if w.code == "hepatic-no-rule":
                message = w.message
                for was, now in words:
                    message = message.replace(was, now)
                out.add((w.severity, message, w.source))
        return out

    mme = lines(regimen_factor_warnings(TABLES, patient, RegimenUses(current, [], None)))
    switch = lines(switch_factor_warnings(TABLES, patient, [], given_))
    assert mme == switch and len(mme) <= len(proposal)
