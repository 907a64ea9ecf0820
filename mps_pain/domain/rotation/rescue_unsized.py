"""A rescue no source of the set sizes is said to be so, never a silent WITHIN (pharmacist
re-check 21b, N-2): fentanyl SC 1000 mcg as needed beside morphine SC 30 mg/24 h, count 0, read
"Verdict: WITHIN" with no word. The 1/6 rule's source excludes fentanyl
(``breakthrough.fraction_excludes``) and, but for the set's own bolus beside an infusion
(``rescue_bolus``), no source of the sets gives a fentanyl breakthrough dose: the rescue is not
judged by a number, and the caution says so in the set's own words (``excluded_note``), in
``check`` (``rescue_fit_warnings``), ``mme`` and ``rotate`` (``regimen_rescue_warnings``).

Above the program's own danger ceiling (more than ``above_danger.multiple`` times 1/6 of the whole
regular dose in OME under the set, ``rescue_danger``: the data's citation says twice 1/6 lies
above every fraction any source gives) such a rescue is a danger, whatever its drug: the check's
``rescue_above`` and the same danger (``ceiling_warning``, in place of the caution) in ``mme`` and
``rotate`` (the lead's decision on re-check 21b, N-2: 1000 mcg SC fentanyl beside morphine SC
30 mg/24 h read WITHIN with a caution).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.rescue_bolus import bolus_judges
from mps_pain.domain.rotation.rescue_danger import RESCUE_OUTSIDE_RULE, danger_words, times_words
from mps_pain.domain.rotation.rescue_rule import methadone_rescue_rule, planned_rescue_rule
from mps_pain.domain.rotation.rescue_size import RescueSize
from mps_pain.numbers import dose_span_text, dose_text
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["RESCUE_NOT_SIZED", "ceiling_warning", "not_sized_words", "unsized_rescue_warnings"]

RESCUE_NOT_SIZED = "breakthrough-dose-not-sized"


def unsized_rescue_warnings(
    tables: TableIndex,
    rules: RotationRules,
    set_id: str,
    proposed: Sequence[DailyItem],
    over: Collection[int] = (),
) -> list[ClinicalWarning]:
    """A caution for each as-needed dose of a drug the fraction rule excludes, beside regular
    opioids but not methadone, that the set's bolus does not judge either; not the rows
    ``over`` the danger ceiling (``rescue_fit.over_ceiling``), whose danger is said instead."""
    regular = [d for d in proposed if d.is_opioid and not d.item.prn]
    if not regular or methadone_rescue_rule(rules, {d.drug.id for d in regular}) is not None:
        return []  # beside methadone a rescue has its own bound (``rescue_methadone``)
    rule = planned_rescue_rule(rules, regular, set_id)
    excluded = rules.breakthrough.fraction_excludes
    return [
        _not_sized(tables, rules, line)
        for line in proposed
        if line.item.prn
        and line.drug.id in excluded
        and not bolus_judges(rule, line)
        and line.index not in over
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
            f"The as-needed {drug} {line.item.route} dose{dose} is not sized: "
            f"{not_sized_words(drug)}. Agree it with the palliative care team."
        ),
        source=tables.cite(note.citation) if note is not None else None,
        item=line.index,
    )


def not_sized_words(drug: str) -> str:
    """'no source of this set gives a fentanyl breakthrough dose here (the 1/6 rule's source
    excludes fentanyl)': why a rescue is judged by the program's ceiling only."""
    return (
        f"no source of this set gives a {drug} breakthrough dose here (the 1/6 rule's source "
        f"excludes {drug})"
    )


def ceiling_warning(
    tables: TableIndex,
    rules: RotationRules,
    line: DailyItem,
    size: RescueSize,
    label: str,
    under: str | None,
    danger: bool,
) -> ClinicalWarning:
    """The warning of a rescue no source sizes above the program's danger ceiling: a danger
    (a check's current line written again as it is: a caution, as every rescue's)."""
    bt = rules.breakthrough
    dose_mg, top = line.item.dose_mg() or 0.0, size.bt.high.value if size.bt.high else 0.0
    drug, name = line.drug.name.lower(), f"{line.drug.name.lower()} {line.item.route}"
    fraction = format_fraction(bt.fraction_high)
    return ClinicalWarning(
        code=RESCUE_OUTSIDE_RULE,
        severity="danger" if danger else "caution",
        message=(
            f"The as-needed {name} dose ({dose_text(dose_mg, 'mg')}) is not sized: "
            f"{not_sized_words(drug)}. It is {times_words(rules, dose_mg / top)} times "
            f"{fraction} of the whole regular opioid dose, "
            f"{daily_amount(size.base_ome, label)}{f' under {under}' if under else ''} (as {name}"
            f", {dose_text(size.daily_mg, 'mg')}/day; {fraction} of it = "
            f"{dose_span_text(top, top, 'mg', significant=3)}): this program's own ceiling, "
            f"{danger_words(rules)}. Agree it with the palliative care team."
        ),
        source=tables.cite(bt.above_danger.citation),
        item=line.index,
    )
