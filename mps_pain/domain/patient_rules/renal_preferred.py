"""What the reviewed sources say of a drug in kidney disease when they give it no dose rule
(clinician review 20, N4): a source that prefers or recommends it (``rotation.renal_preferred``)
is said as an info line, in the source's words and with its citation, in place of the "no
kidney rule held" line (``no_rule.py``, which decides which of the two a drug gets). A
preference is no dose: the line says the sources give none, never "no adjustment needed".

``kidney_value_text`` names the patient's value and its band ("eGFR 45 mL/min, mildly to
moderately decreased kidney function (CKD stage 3a, 45–59 mL/min)"), for both lines.
"""

from __future__ import annotations

from mps_pain.domain.patient_rules.renal_hepatic import drug_in_role
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_kidney import RenalPreferred
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.units import format_number

__all__ = [
    "LABEL_SAYS",
    "RENAL_PREFERRED",
    "kidney_band_source",
    "kidney_value_text",
    "label_advice",
    "preferred_statements",
    "preferred_warning",
    "role_words",
    "severe_label_words",
]

RENAL_PREFERRED = "renal-preferred"
LABEL_SAYS = "its product label says whether to change the dose."


def label_advice(use: DrugUse, severe: bool = True) -> str:
    """Check the label (the kidney's caution band, the liver's caution levels); in severe
    impairment, where labels advise against use, said so."""
    before = role_words(use)
    if not severe:
        return f"check the product label {before}."
    return f"check the product label {before} ({severe_label_words(use)})."


def role_words(use: DrugUse) -> str:
    """When the reader decides: before giving a drug to be given, or whether to go on with one
    the patient is on."""
    return "before giving it" if use.role == "given" else "on whether to go on with it"


def severe_label_words(use: DrugUse) -> str:
    """What labels say in severe impairment, of an opioid or another medicine."""
    whose = "labels of some opioids" if use.drug.is_opioid else "some medicines' labels"
    return f"{whose} advise against use in severe impairment"


def preferred_statements(rules: RotationRules, drug_id: str) -> list[RenalPreferred]:
    """The sources' statements preferring or recommending ``drug_id`` in kidney disease."""
    return [p for p in rules.renal_preferred if drug_id in p.drugs]


def kidney_value_text(rules: RotationRules, name: str, value: float) -> str:
    """The measure, its value and (where the tables name it) the band it is in."""
    said = f"{name} {format_number(value)} mL/min"
    bands = rules.kidney_bands
    words = bands.words_for(value) if bands is not None else None
    return f"{said}, {words}" if words is not None else said


def kidney_band_source(tables: TableIndex, rules: RotationRules, value: float) -> list[str]:
    """The citation of the band's words, when the value is named by a band."""
    bands = rules.kidney_bands
    if bands is None or bands.words_for(value) is None:
        return []
    return [tables.cite(bands.citation)]


def preferred_warning(
    tables: TableIndex,
    rules: RotationRules,
    use: DrugUse,
    statements: list[RenalPreferred],
    where: tuple[str, float],
) -> ClinicalWarning:
    """The info line for a drug the sources prefer in kidney disease (``where``: the measure's
    name and value)."""
    name, value = where
    said = "; ".join(p.message for p in statements)
    cited = [tables.cite(p.citation) for p in statements]
    return ClinicalWarning(
        code=RENAL_PREFERRED,
        severity="info",
        message=f"{kidney_value_text(rules, name, value)}: {drug_in_role(use.drug.id, use.role)} — "
        f"{said[:1].upper()}{said[1:]}. The reviewed sources give no dose for it in kidney "
        f"disease: {LABEL_SAYS}",
        source="; ".join(dict.fromkeys([*cited, *kidney_band_source(tables, rules, value)])),
        item=use.item,
    )
