"""A rescue no source of the set sizes is said to be so, never a silent WITHIN (pharmacist
re-check 21b, N-2): fentanyl SC 1000 mcg as needed beside morphine SC 30 mg/24 h, count 0, read
"Verdict: WITHIN" with no word. The 1/6 rule's source excludes fentanyl
(``breakthrough.fraction_excludes``) and, but for the set's own bolus beside an infusion
(``rescue_bolus``), no source of the sets gives a fentanyl breakthrough dose: the rescue is not
judged by a number, and the caution says so in the set's own words (``excluded_note``), in
``check`` (``rescue_fit_warnings``), ``mme`` and ``rotate`` (``regimen_rescue_warnings``).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.rescue_bolus import bolus_judges
from mps_pain.domain.rotation.rescue_rule import methadone_rescue_rule, planned_rescue_rule
from mps_pain.numbers import dose_text
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["RESCUE_NOT_SIZED", "unsized_rescue_warnings"]

RESCUE_NOT_SIZED = "breakthrough-dose-not-sized"


def unsized_rescue_warnings(
    tables: TableIndex, rules: RotationRules, set_id: str, proposed: Sequence[DailyItem]
) -> list[ClinicalWarning]:
    """A caution for each as-needed dose of a drug the fraction rule excludes, beside regular
    opioids but not methadone, that the set's bolus does not judge either."""
    regular = [d for d in proposed if d.is_opioid and not d.item.prn]
    if not regular or methadone_rescue_rule(rules, {d.drug.id for d in regular}) is not None:
        return []  # beside methadone a rescue has its own bound (``rescue_methadone``)
    rule = planned_rescue_rule(rules, regular, set_id)
    excluded = rules.breakthrough.fraction_excludes
    return [
        _not_sized(tables, rules, line)
        for line in proposed
        if line.item.prn and line.drug.id in excluded and not bolus_judges(rule, line)
    ]


def _not_sized(tables: TableIndex, rules: RotationRules, line: DailyItem) -> ClinicalWarning:
    note = rules.breakthrough.excluded_note
    dose_mg = line.item.dose_mg()
    dose = f" ({dose_text(dose_mg, 'mg')})" if dose_mg is not None else ""
    drug = line.drug.name.lower()
    return ClinicalWarning(
        code=RESCUE_NOT_SIZED,
        severity="caution",
        message=(
            f"The as-needed {drug} {line.item.route} dose{dose} is not sized: no source of this "
            f"set gives a {drug} breakthrough dose here (the 1/6 rule's source excludes "
            f"{drug}). Agree it with the palliative care team."
        ),
        source=tables.cite(note.citation) if note is not None else None,
        item=line.index,
    )
