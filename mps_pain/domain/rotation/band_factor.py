"""Why a patch's band and the set's factor give different numbers (outside first-time-clinician
review, M1): both are cited, for opposite directions. The band table chooses a patch for an OME
(used only TO a patch, never reversed); the factor gives a patch's OME (FROM a patch, the MME
line). ``patches.band_and_factor`` words it once; this module calls it for the plan's step 1
(each patch line) and step 3 (the band line).
"""

from __future__ import annotations

from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.models import BandDose
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.patches import band_and_factor, choose_band_table
from mps_pain.errors import MpsPainError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import ReferenceSet
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.unit_kinds import same_unit
from mps_pain.units import scale

__all__ = ["band_factor_line", "patch_ome_notes"]


def patch_ome_notes(
    tables: TableIndex,
    rules: RotationRules,
    set_: ReferenceSet,
    ome: CurrentOme,
    patch_table: str | None,
) -> dict[int, str]:
    """For each patch line of the current regimen whose set has a band table: why its factor
    OME differs from the band (``patches.band_and_factor``, M1)."""
    notes = {}
    for line in ome.lines:
        basis = line.dose_basis
        if line.route != "transdermal" or line.factor is None or basis is None:
            continue
        table = choose_band_table(rules.patches, line.drug, set_.id, patch_table)
        if table is None or not same_unit(basis.unit, "mcg/h"):
            continue
        note = band_and_factor(
            table, basis.value, line.factor, line.source or "", set_.output_label
        )
        if note is not None:
            notes[line.index] = note
    return notes


def band_factor_line(
    tables: TableIndex, set_: ReferenceSet, switch: SwitchClass, target: Target, band: BandDose
) -> list[str]:
    """The to-patch side of M1: the band's patch against the set's factor for it."""
    table = switch.band_table
    patch = band.band.value
    if table is None:
        return []
    daily = patch * scale("mcg/h", "mg/day")
    try:
        match = tables.find_factor(
            set_.id, target.drug.id, target.route, target.form, daily, location="to"
        )
    except MpsPainError:
        return []
    source = tables.cite(match.factor.citation)
    note = band_and_factor(table, patch, match.factor.factor, source, set_.output_label)
    return [f"   Band and factor: {note}"] if note else []
