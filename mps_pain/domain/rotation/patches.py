"""Patches: conservative band tables (to the patch only), the opioid-tolerance gate, pitfalls.

A band table maps the OME to a patch size and is used only towards the patch (its source says
not to reverse it). The tolerance gate checks the current regimen against the label definition of
opioid-tolerant; a regimen that does not meet it gets a danger warning.
"""

from __future__ import annotations

from collections.abc import Iterable

from mps_pain.domain.cited import cited_sentence, cited_warning
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import InputError
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_words
from mps_pain.tables.schema_rotation import PatchBand, PatchBandTable, PatchRules
from mps_pain.units import format_number, tidy

__all__ = [
    "band_for",
    "borrowed_timing",
    "chart_fits",
    "choose_band_table",
    "lingering_warnings",
    "onset_warning",
    "patch_pitfalls",
    "waits_for_depot",
    "worn_patch",
]


def choose_band_table(
    rules: PatchRules, drug_id: str, set_id: str, requested: str | None
) -> PatchBandTable | None:
    """The requested table ('factor' = none), else the set's own table for this drug, else None."""
    if requested == "factor":
        return None
    if requested is not None:
        found = next((t for t in rules.band_tables if t.id == requested), None)
        if found is None:
            known = ", ".join([t.id for t in rules.band_tables] + ["factor"])
            raise InputError(
                f"unknown patch table '{requested}'; choose {known}", location="patch_table"
            )
        if found.drug != drug_id:
            raise InputError(
                f"patch table '{requested}' is for {found.drug}", location="patch_table"
            )
        if not chart_fits(found, set_id):
            raise InputError(
                f"patch table '{requested}' is made for {', '.join(found.sets)}, not {set_id}: "
                "its bands are conservative only against that set's factor; choose that set, "
                "or 'factor' for this set's own factor and reduction",
                location="patch_table",
            )
        return found
    return next((t for t in rules.band_tables if t.drug == drug_id and set_id in t.sets), None)


def chart_fits(table: PatchBandTable, set_id: str) -> bool:
    """A band table listed with sets is read only under them: its 0% reduction rests on its
    bands being conservative against their factor (clinician review 4, D1: the NHS chart under
    a factor of 3 gives less than that set's own cited reduction at its band tops). A table
    listed with no set (the manufacturer's) fits every set."""
    return not table.sets or set_id in table.sets


def band_for(table: PatchBandTable, ome_mg_per_day: float) -> PatchBand | None:
    for band in table.bands:
        if ome_mg_per_day >= band.at_least_mg_per_day and (
            band.below_mg_per_day is None or ome_mg_per_day < band.below_mg_per_day
        ):
            return band
    return None


def patch_pitfalls(
    tables: TableIndex,
    rules: PatchRules,
    *,
    to_patch: str | None,
    from_patch: str | None,
) -> list[ClinicalWarning]:
    """The pitfalls of a switch to the patch drug ``to_patch`` or from ``from_patch``, each worded
    for its own drug: the cited ones for ``rules.pitfalls_for``, an ``OtherPatch``'s for another
    (pharmacist review 5b, N2); a patch with neither gets none. Heat and fever are a patient
    rule (``patient_rules.heat_fever``), said by every command wherever a patch is judged."""
    warnings: list[ClinicalWarning] = []
    if from_patch is not None:
        warnings += lingering_warnings(tables, rules, from_patch, new_patch=to_patch)
    if to_patch is not None:
        warnings += _onset_and_use(tables, rules, to_patch)
    return warnings


def waits_for_depot(new_patch: str | None) -> bool:
    """The one rule of which switch from a patch waits for its skin depot (clinician review 19,
    M4: a patch-to-patch plan said "start the new opioid late and low" while its schedule put
    the new patch on as the old one came off): a new regular opioid that is not a patch starts
    late, and is told so (the planner's caution, its schedule's start, the check's caution); a
    new patch (``new_patch``, its drug) goes on as the old one comes off, as at a routine patch
    change, its slow onset covered by the old patch's depot, and is told that instead (the
    depot caution is still given: pharmacist re-check 19b, M2)."""
    return new_patch is None


def worn_patch(rules: PatchRules, items: Iterable[DailyItem]) -> str | None:
    """The drug of the opioid patch the patient wears (``pitfalls_for`` first when several
    are worn), else None."""
    worn = {d.drug.id for d in items if d.item.route == "transdermal" and d.is_opioid}
    return rules.pitfalls_for if rules.pitfalls_for in worn else min(worn, default=None)


def lingering_warnings(
    tables: TableIndex, rules: PatchRules, drug_id: str, *, new_patch: str | None
) -> list[ClinicalWarning]:
    """The skin depot after the patch of ``drug_id`` comes off: the planner's caution for a
    switch from a patch, and the check's for an order that stops one (clinician review 18 #1),
    with what to do about it by the one rule (``waits_for_depot``): a new opioid that is not a
    patch starts late and low; a new patch (``new_patch``) goes on as the old one comes off."""
    other = rules.other_patch(drug_id)
    if other is not None:
        advice = _depot_advice(new_patch)
        return [cited_warning(tables, other.lingering, "patch-lingers", "caution", then=advice)]
    if drug_id != rules.pitfalls_for:
        return []
    hours = format_span(
        format_number(rules.lingering.hours_low), format_number(rules.lingering.hours_high), "h"
    )
    return [
        ClinicalWarning(
            code="patch-lingers",
            severity="caution",
            message=f"The opioid keeps being absorbed from the skin depot for {hours} or more "
            f"after the patch is removed{_depot_advice(new_patch)}",
            source=tables.cite(rules.lingering.citation),
        )
    ]


def _depot_advice(new_patch: str | None) -> str:
    """What the depot caution tells the prescriber to do, by the one rule: the same words the
    plan's schedule follows (a later start, or the new patch in the old one's place)."""
    if waits_for_depot(new_patch):
        return ": start the new opioid late and low, and watch for sedation."
    return (  # the schedule's own words (its 0 h step); no claim the sources do not make
        ": the new patch still goes on as the old one comes off, as at a routine patch change, "
        "not later; watch for sedation."
    )


def onset_warning(tables: TableIndex, rules: PatchRules, drug_id: str) -> ClinicalWarning | None:
    """The slow onset of a new patch of ``drug_id`` (``patch-onset``): the planner's caution for a
    switch to a patch, and the check's for an order that starts one (pharmacist review 19, M1);
    None for a patch drug with no cited onset."""
    other = rules.other_patch(drug_id)
    if other is not None:
        return cited_warning(tables, other.onset, "patch-onset", "caution")
    if drug_id != rules.pitfalls_for:
        return None
    onset = format_span(
        format_number(rules.onset.hours_low), format_number(rules.onset.hours_high), "h"
    )
    return ClinicalWarning(
        code="patch-onset",
        severity="caution",
        message=f"A new patch takes {onset} to reach effect: keep the "
        "previous opioid or breakthrough doses covering that time.",
        source=tables.cite(rules.onset.citation),
    )


def _onset_and_use(tables: TableIndex, rules: PatchRules, drug_id: str) -> list[ClinicalWarning]:
    onset = onset_warning(tables, rules, drug_id)
    if onset is None:
        return []
    other = rules.other_patch(drug_id)
    if other is not None:  # no band table is read for it: no one-direction warning
        return [onset, cited_warning(tables, other.not_for_unstable_pain, _UNSTABLE, "caution")]
    return [
        onset,
        cited_warning(tables, rules.not_for_acute_pain, _UNSTABLE, "caution"),
        cited_warning(tables, rules.reverse_use, "patch-table-one-direction", "info"),
    ]


_UNSTABLE = "patch-not-for-unstable-pain"


def borrowed_timing(tables: TableIndex, rules: PatchRules, drug_ids: Iterable[str]) -> str:
    """What a schedule adds after the citation of a time or rule sourced for the
    ``pitfalls_for`` patch when it is used for another patch drug (b24: the 17 h start after a
    buprenorphine patch rested on a fentanyl citation, unsaid); "" when none is borrowed."""
    for drug_id in drug_ids:
        other = rules.other_patch(drug_id)
        if other is not None:
            return " " + cited_sentence(tables, other.borrowed_timing)
    return ""


def band_and_factor(
    table: PatchBandTable, patch_mcg_per_h: float, factor: float, factor_source: str, label: str
) -> str | None:
    """Why a patch's band and the set's factor give different numbers (outside first-time-
    clinician review, M1): both are cited, for opposite directions. The band table chooses a
    patch for an OME (used only TO a patch, never reversed); the factor gives a patch's OME (FROM
    a patch, the MME line). The one sentence both outputs print, in the set's own ``label``."""
    band = next((b for b in table.bands if b.patch_mcg_per_h == patch_mcg_per_h), None)
    if band is None:
        return None
    ome = tidy(patch_mcg_per_h * factor)
    low = band.at_least_mg_per_day
    edges = (
        f"{format_number(low)} to below {format_number(band.below_mg_per_day)}"
        if band.below_mg_per_day is not None
        else f"{format_number(low)} and above"
    )
    where = "at or below" if ome <= low else "above"
    return (
        f"two cited rules, one per direction: the band table {table.name} chooses "
        f"{format_number(patch_mcg_per_h)} mcg/h for {edges} {daily_words(label)} and is used "
        f"only to choose a patch (never reversed); the set's factor for a patch's {label} gives "
        f"{format_number(patch_mcg_per_h)} mcg/h × {format_number(factor)} = {format_number(ome)} "
        f"mg/day [{factor_source}], {where} the band's lower edge — the safe end when converting "
        "from a patch"
    )
