"""Pharmacist re-check 17b, H1, H2 and L2 (high, high, low): a rescue beside methadone read WITHIN
unjudged where the patient already takes methadone (oxycodone IR 100 mg as needed beside
methadone 5 mg q8h; morphine 200 mg x2 beside methadone 30 mg/day and morphine 10 mg x2), and an
injected fentanyl rescue beside proposed methadone was never valued (SC 500 mcg under three sets,
IV 200 mcg x6), though the same line beside oxycodone is valued and refused. The caution said
"a danger says so if it is larger" where no danger could be given.

One rule now: a rescue order beside regular methadone is judged against 1/6 of the OME a day of
the opioid the patient takes now other than methadone (methadone's own OME is never the base),
with the same function as every other rescue (fentanyl too); one the current regimen holds at
that dose already is not a new order to judge; one with no base, or that the set cannot value,
cannot be judged and is NOT SIGNABLE until agreed with the palliative care specialist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "recheck17b"
CAUTION = "rescue-not-judged"


def _check(name: str) -> Any:
    return check_proposal(json.loads((FIXTURES / name).read_text()), tables=TABLES)


@pytest.mark.parametrize(
    "name",
    [
        "B10d-meth30-mor-rescue200.json",
        "B10e-meth15-new-oxy-rescue100.json",
        "H1g-mor80-meth-fentSC500mcg.json",
        "H1o-mor80-meth-fentSC500mcg-fpm.json",
        "H1p-mor80-meth-fentSC500mcg-jspm.json",
        "H1h-mor80-meth-fentIV200mcg-x6.json",
    ],
)
def test_an_unsafe_or_unjudged_rescue_beside_methadone_is_not_signable(name: str) -> None:
    result = _check(name)
    assert result.not_signable, [w.message for w in result.warnings]
    said = " ".join(w.message for w in result.warnings)
    assert "a danger says so" not in said


def test_the_rescue_the_patient_takes_now_beside_methadone_is_not_judged_again() -> None:
    """B10a: methadone raised, the oxycodone 5 mg rescue unchanged: no danger for it."""
    result = _check("B10a-meth-prn-oxy-kept-up.json")
    assert not result.not_signable, [w.message for w in result.warnings]


def _order(methadone: float, morphine: float, rescue: str, dose: float) -> Any:
    current: list[dict[str, Any]] = [
        {"drug": "methadone", "route": "oral", "dose": f"{methadone} mg", "frequency": "q8h"}
    ]
    if morphine:
        current.append({"drug": "morphine", "route": "oral", "form": "MR",
                        "dose": f"{morphine / 2} mg", "frequency": "q12h"})  # fmt: skip
    proposed = [*current, {"drug": rescue, "route": "oral", "form": "IR", "dose": f"{dose} mg",
                           "prn": True, "doses_per_day": "not reported"}]  # fmt: skip
    document = {"from": {"items": current}, "proposed": {"items": proposed}}
    return check_proposal(document, tables=TABLES)


@settings(max_examples=40, deadline=None)
@given(
    methadone=st.sampled_from([5, 10, 20]),
    morphine=st.sampled_from([0, 30, 60, 120]),
    rescue=st.sampled_from(["oxycodone", "morphine"]),
    dose=st.integers(1, 40),
)
def test_a_new_rescue_beside_current_methadone_is_signable_only_within_a_sixth(
    methadone: int, morphine: int, rescue: str, dose: int
) -> None:
    """Signable only when one dose (oral oxycodone 1.5 mg OME per mg) is within 1/6 of the
    current regimen's OME other than methadone; with none, it cannot be judged."""
    result = _order(methadone, morphine, rescue, dose)
    ome = dose * (1.5 if rescue == "oxycodone" else 1.0)
    judged_within = morphine > 0 and ome <= morphine / 6 * (1 + 1e-6)
    assert result.not_signable is (not judged_within), [w.message for w in result.warnings]
    cautions = [w for w in result.warnings if w.code == CAUTION]
    if judged_within:
        assert cautions and "within" in cautions[0].message
    assert not any("a danger says so" in w.message for w in result.warnings)
