"""The co-medications an order continues, judged as drugs to be given (pharmacist re-check 18b,
H1: pregabalin 600 mg/day at eGFR 40, left out of the order, read WITHIN while the same line
written in read ABOVE MAXIMUM, and the planner's own plan for the patient said "Reduce").

A current non-opioid line the order does not name is taken as continued as it is now
(``continued_co_medications``, the one rule the patient rules read too). The check judges it by
the rules it applies to a proposed line, the same functions: the maximum-dose rule
(``proposal_max_dose_warnings``) and the avoid gate (``proposal_avoided_warnings``). Its dangers
head the check as a written line's do, each saying that the line stays in the regimen because
the order leaves it out (re-check 18b, L7: "a drug to be given" named no drug).
"""

from __future__ import annotations

from mps_pain.domain.max_dose import proposal_max_dose_warnings
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import continued_co_medications
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.gate_given import proposal_avoided_warnings
from mps_pain.tables.index import TableIndex

__all__ = ["CONTINUED_AS_NOW", "continued_warnings"]

CONTINUED_AS_NOW = "continued as now (the order leaves it out)"


def continued_warnings(
    tables: TableIndex,
    patient: Patient,
    market: str | None,
    current: list[DailyItem],
    proposed: list[DailyItem],
) -> list[ClinicalWarning]:
    """The maximum-dose and avoid warnings of the co-medications the order continues; a drug's
    own words lead with its name, then that it is continued as now."""
    continued = continued_co_medications(current, {d.drug.id for d in proposed})
    if not continued:
        return []
    names = tuple(dict.fromkeys(d.drug.spoken_name for d in continued))
    limits = proposal_max_dose_warnings(tables, patient, market, continued)
    avoided = proposal_avoided_warnings(tables, patient, current, continued, left_out=True)
    return [*(_said_continued(w, names) for w in limits), *avoided]


def _said_continued(warning: ClinicalWarning, names: tuple[str, ...]) -> ClinicalWarning:
    """'Pregabalin: 600 mg/day …' said 'Pregabalin, continued as now (the order leaves it
    out): 600 mg/day …'."""
    for name in names:
        if warning.message.startswith(f"{name}: "):
            said = f"{name}, {CONTINUED_AS_NOW}: {warning.message.removeprefix(f'{name}: ')}"
            return warning.model_copy(update={"message": said})
    return warning
