"""The words the table, the documents and the app share, as Literal types (no pydantic here).

Every choice list is read from these with ``typing.get_args`` (the app's combo boxes, the
settings), so a value added here reaches every list; this module imports nothing heavy, so the
app can read it before its first paint.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

__all__ = [
    "NOT_STATED",
    "PATIENT_FACTOR_LABELS",
    "HepaticImpairment",
    "HepaticLevel",
    "Market",
    "PrnPolicy",
    "Route",
    "Severity",
]

Route = Literal[
    "oral", "iv", "sc", "im", "transdermal", "buccal", "sublingual", "intranasal", "rectal"
]
Severity = Literal["info", "caution", "danger"]
Market = Literal["UK", "JP", "AU", "US"]
HepaticLevel = Literal["mild", "moderate", "severe"]
HepaticImpairment = Literal["none", "mild", "moderate", "severe"]
PrnPolicy = Literal["include", "exclude"]

# the patient factors by the names the header gives them; the check names the factors it used
# with the same words (clinician re-check 12b, #6), and an empty one reads NOT_STATED in both
PATIENT_FACTOR_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "age": "Age",
        "weight": "Weight",
        "egfr": "eGFR",
        "creatinine_clearance": "CrCl",
        "qtc": "QTc",
        "hepatic_impairment": "Hepatic impairment",
        "opioid_tolerant": "Opioid tolerant",
        "frail": "Frail",
        "cancer_or_palliative": "Cancer / palliative care",
        "fever": "Fever",
    }
)
NOT_STATED = "not stated"
