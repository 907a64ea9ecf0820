"""The patient factors a plan or check used, named as the patient header names them (clinician
re-check 12b, #6: the printed check showed the patient's name only, while the check had used the
age, the cancer/palliative flag and the other factors of the header). A factor left empty reads
"not stated": the engine took it as not known, and the reader sees that it did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mps_pain.presentation.wording import Fact, quantity
from mps_pain.tables.vocabulary import NOT_STATED, PATIENT_FACTOR_LABELS

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

FACTORS_HEADING = "Patient factors used"


def _amount(value: ParsedQuantity | None) -> str:
    return NOT_STATED if value is None else quantity(value.value, value.unit)


def _flag(value: bool | None) -> str:
    return NOT_STATED if value is None else ("yes" if value else "no")


def patient_factors(patient: Patient) -> tuple[Fact, ...]:
    """Each factor of the header, in its order: age, weight, kidney function, QTc, hepatic
    impairment, opioid tolerance, frailty, cancer or palliative care (fever when stated)."""
    said = {
        "age": NOT_STATED if patient.age is None else f"{patient.age:g} years",
        "weight": _amount(patient.weight),
        "egfr": _amount(patient.egfr),
        "creatinine_clearance": _amount(patient.creatinine_clearance),
        "qtc": _amount(patient.qtc),
        "hepatic_impairment": patient.hepatic_impairment or NOT_STATED,
        "opioid_tolerant": _flag(patient.opioid_tolerant),
        "frail": _flag(patient.frail),
        "cancer_or_palliative": _flag(patient.cancer_or_palliative),
    }
    if patient.fever is not None:
        said["fever"] = _flag(patient.fever)
    return tuple(Fact(PATIENT_FACTOR_LABELS[name], value) for name, value in said.items())


def patient_factors_text(patient: Patient) -> str:
    """``Age 31 years; Weight not stated; …``: the same words on screen and on paper."""
    return "; ".join(f"{fact.label} {fact.value}" for fact in patient_factors(patient)) + "."


def patient_factors_line(patient: Patient) -> str:
    """``Patient factors used: Age 31 years; Weight not stated; …``."""
    return f"{FACTORS_HEADING}: {patient_factors_text(patient)}"
