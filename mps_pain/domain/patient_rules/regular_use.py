"""Drugs not for regular or continuous use (``rotation.not_for_regular_use``; pharmacist review
20, M4: pethidine by syringe driver was planned, checked and taught with no word of its
metabolite norpethidine).

One rule for every command: a caution for each listed drug given regularly or continuously (not
as needed) in the regimen judged: ``mme``'s regimen, a plan's target, a proposal, and the
current regimen of a switch (said as the current regimen's, a reason for the switch). Practice
asks the same rule (``not_for_regular_use``) before it draws a regular or infusion target.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.patient_rules.renal_hepatic import ROLE_TEXT, by_role
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RegularUseRule

__all__ = ["NOT_FOR_REGULAR_USE", "not_for_regular_use", "regular_use_warnings"]

NOT_FOR_REGULAR_USE = "not-for-regular-use"


def _rule(tables: TableIndex, drug_id: str) -> RegularUseRule | None:
    rules = tables.tables.rotation
    if rules is None:
        return None
    return next((r for r in rules.not_for_regular_use if drug_id in r.drugs), None)


def not_for_regular_use(tables: TableIndex, drug_id: str) -> bool:
    """Whether the tables hold that ``drug_id`` is not for regular or continuous use."""
    return _rule(tables, drug_id) is not None


def regular_use_warnings(tables: TableIndex, uses: Sequence[DrugUse]) -> list[ClinicalWarning]:
    """One line per listed drug and role among the regular (not as-needed) ``uses``."""
    warnings = []
    for role, drug_id, use in by_role([u for u in uses if not u.prn]):
        rule = _rule(tables, drug_id)
        if rule is None:
            continue
        warnings.append(
            ClinicalWarning(
                code=NOT_FOR_REGULAR_USE,
                severity=rule.severity,
                message=f"{drug_id}{ROLE_TEXT[role]} given regularly or continuously — "
                f"{rule.message}",
                source=tables.cite(rule.citation),
                item=use.item,
            )
        )
    return warnings
