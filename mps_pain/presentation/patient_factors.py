"""The patient factors a plan or check used, named as the patient header names them (clinician
re-check 12b, #6: the printed check showed the patient's name only, while the check had used the
age, the cancer/palliative flag and the other factors of the header). A factor left empty reads
"not stated": the engine took it as not known, and the reader sees that it did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.presentation.wording import Fact, quantity

if TYPE_CHECKING:
    from mps_pain.domain.regimen import Patient
    from mps_pain.units import ParsedQuantity

__all__ = [
    "FACTORS_HEADING",
    "NOT_STATED",
    "patient_factors",
    "patient_factors_line",
    "patient_factors_text",
]

NOT_STATED = "not stated"
FACTORS_HEADING = "Patient factors used"


def _amount(value: ParsedQuantity | None) -> str:
    return NOT_STATED if value is None else quantity(value.value, value.unit)


def _flag(value: bool | None) -> str:
    return NOT_STATED if value is None else ("yes" if value else "no")


def patient_factors(patient: Patient) -> tuple[Fact, ...]:
    """Each factor of the header, in its order: age, weight, kidney function, QTc, hepatic
    impairment, opioid tolerance, frailty, cancer or palliative care (fever when stated)."""
    facts = (
        Fact("Age", NOT_STATED if patient.age is None else f"{patient.age:g} years"),
        Fact("Weight", _amount(patient.weight)),
        Fact("eGFR", _amount(patient.egfr)),
        Fact("CrCl", _amount(patient.creatinine_clearance)),
        Fact("QTc", _amount(patient.qtc)),
        Fact("Hepatic impairment", patient.hepatic_impairment or NOT_STATED),
        Fact("Opioid tolerant", _flag(patient.opioid_tolerant)),
        Fact("Frail", _flag(patient.frail)),
        Fact("Cancer / palliative care", _flag(patient.cancer_or_palliative)),
    )
    fever = () if patient.fever is None else (Fact("Fever", _flag(patient.fever)),)
    return facts + fever


def patient_factors_text(patient: Patient) -> str:
    """``Age 31 years; Weight not stated; …``: the same words on screen and on paper."""
    return "; ".join(f"{fact.label} {fact.value}" for fact in patient_factors(patient)) + "."


def patient_factors_line(patient: Patient) -> str:
    """``Patient factors used: Age 31 years; Weight not stated; …``."""
    return f"{FACTORS_HEADING}: {patient_factors_text(patient)}"
