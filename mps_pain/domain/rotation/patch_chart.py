"""One rule for a switch to a patch whose band table has no band for the OME.

A band table's 0% reduction (``to_patch_bands``) rests on its conservative bands alone. Where the
table has no band for the OME (beyond its top band, or below its lowest), the switch is what it
is without the table: a different opioid by the set's factor, with that case's cited reduction
(``rotation.patches.beyond_chart.case``), the closest lower patch size (the rounding policy
rounds down) and a caution that the dose is beyond the chart (clinician review 4, D1: 510 mg/day
OME gave 212.5 mcg/h, 0% reduction, where 480 gave 125). ``chart_switch`` is called by the
planner (the plan and every spread row) and the check, so the converter, the planner panel and
practice, which take the plan, follow it too.
"""

from __future__ import annotations

from dataclasses import replace

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.patches import band_for
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount, daily_words
from mps_pain.tables.schema_rotation import PatchBandTable, RotationRules
from mps_pain.units import format_number, tidy

__all__ = ["beyond_chart_warning", "chart_edges", "chart_fraction", "chart_switch"]


def chart_fraction(
    table: PatchBandTable, ome_mg_per_day: float, stated: float, usual: float
) -> float:
    """The reduction a band table is read at: the plan's (a stated one included) where the table
    has a band for that OME, else the band case's default for the patient, the one the switch
    was put on the chart with (``applied_switch``) and the check reads (pharmacist review 18,
    D2's property: a frail patient's stated 0% read 630 mg/day OME off the chart's top, where
    the default 30% reads it on)."""
    return stated if band_for(table, ome_mg_per_day * (1 - stated)) is not None else usual


def chart_switch(
    rules: RotationRules, switch: SwitchClass, ome_mg_per_day: float, fraction: float
) -> SwitchClass:
    """The switch as it is applied: a to-patch switch by a band table with no band for the OME
    the table is read at (``ome × (1 − fraction)``, ``fraction`` the band case's reduction)
    becomes a switch between different opioids by the set's factor (``beyond_chart`` set)."""
    table = switch.band_table
    if table is None or band_for(table, ome_mg_per_day * (1 - fraction)) is not None:
        return switch
    return replace(
        switch,
        kind="different_opioid",
        case_id=rules.patches.beyond_chart.case,
        band_table=None,
        beyond_chart=table,
    )


def chart_edges(table: PatchBandTable, label: str) -> str:
    """'0 to below 495 mg/day OME': the span the table's bands cover, read at a total in the
    set's own ``label``."""
    low = table.bands[0].at_least_mg_per_day
    high = table.bands[-1].below_mg_per_day
    top = f"below {format_number(high)}" if high is not None else "and above"
    return f"{format_number(low)} to {top} {daily_words(label)}"


def beyond_chart_warning(
    tables: TableIndex,
    rules: RotationRules,
    switch: SwitchClass,
    looked_up_mg_per_day: float,
    label: str,
) -> list[ClinicalWarning]:
    """The caution of a switch ``chart_switch`` took off the chart (none for any other)."""
    table = switch.beyond_chart
    if table is None:
        return []
    rule = rules.patches.beyond_chart
    return [
        ClinicalWarning(
            code="patch-beyond-chart",
            severity="caution",
            message=f"{daily_amount(tidy(looked_up_mg_per_day), label)} is beyond "
            f"{table.name} (its bands cover {chart_edges(table, label)}). {rule.message}",
            source=tables.cite(rule.citation),
        )
    ]
