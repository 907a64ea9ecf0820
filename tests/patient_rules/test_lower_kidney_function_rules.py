"""Clinician re-check 17b #1 (high): with eGFR 28 and CrCl 35 typed together, the eGFR's "avoid
morphine" danger disappeared: the plan proposed morphine ER, the check read WITHIN instead of
AVOID and a patch plan's breakthrough became oral morphine, because creatinine clearance, when
given, replaced the eGFR. Two measures of kidney function that disagree are read at the lower:
every renal rule (avoid, reduce, maximum-dose bands) applies as it would to either alone, and
the warning names the measure it used."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import Patient
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
OXYCODONE = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg",
             "frequency": "q12h"}  # fmt: skip
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg",
            "frequency": "q12h"}  # fmt: skip


@given(egfr=st.integers(5, 90), crcl=st.integers(5, 90))
def test_the_lower_of_egfr_and_crcl_is_the_kidney_function_read(egfr: int, crcl: int) -> None:
    stated = {"egfr": f"{egfr} mL/min", "creatinine_clearance": f"{crcl} mL/min"}
    both = Patient.model_validate(stated)
    read = both.renal_ml_per_min()
    assert read is not None
    assert read[0] == min(egfr, crcl)
    assert read[1] == ("CrCl" if crcl <= egfr else "eGFR")  # a tie: the labels' measure


def test_a_higher_crcl_never_hides_the_egfrs_avoid_morphine() -> None:
    patient = {"egfr": "28 mL/min", "creatinine_clearance": "35 mL/min"}
    switch = {"from": {"items": [OXYCODONE]}, "table": "uk-palliative", "patient": patient}
    plan = plan_rotation({**switch, "to": {"drug": "morphine", "route": "oral", "form": "ER",
                                           "frequency": "q12h"}}, tables=TABLES)  # fmt: skip
    assert plan.regimen.no_dose is not None, plan.regimen
    check = check_proposal({**switch, "proposed": {"items": [MORPHINE]}}, tables=TABLES)
    assert check.avoid is True
