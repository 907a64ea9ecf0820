"""The patient-factor rule engine: one set of rules that ``mme``, ``rotate``, ``check`` and the app
call (renal function, hepatic impairment, QTc with methadone, opioid tolerance before a patch, drug
class interactions such as opioid + benzodiazepine or gabapentinoid). docs/patient-rules.md lists
each rule, its threshold and its source; every number is read from the tables.
"""

from mps_pain.domain.patient_rules.continued import continued_co_medications
from mps_pain.domain.patient_rules.engine import (
    DrugUse,
    RegimenUses,
    avoid_warnings,
    regimen_factor_warnings,
    switch_factor_warnings,
    uses_of,
)
from mps_pain.domain.patient_rules.regular_use import not_for_regular_use
from mps_pain.domain.patient_rules.tolerance import tolerance_warnings

__all__ = [
    "DrugUse",
    "RegimenUses",
    "avoid_warnings",
    "continued_co_medications",
    "not_for_regular_use",
    "regimen_factor_warnings",
    "switch_factor_warnings",
    "tolerance_warnings",
    "uses_of",
]
