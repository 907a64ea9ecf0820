"""Cross-record checks of the ``rotation:`` section.

Sources resolve; drugs and sets named exist; the default set is equianalgesic; patch bands run
from 0 without gaps and give rising patch sizes; methadone tiers start at 0, have no gaps and give
rising fixed doses; caps and limits are positive; reduction defaults lie inside the user bounds;
the case used beyond a patch chart exists and reduces.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from mps_pain.errors import TableValidationError
from mps_pain.numbers import format_span
from mps_pain.tables.integrity_catalogue import catalogued
from mps_pain.tables.integrity_ranges import check_contiguous
from mps_pain.tables.schema import ConversionTables, Drug, ReferenceSet
from mps_pain.tables.schema_methadone import MethadoneMethod
from mps_pain.tables.schema_rotation import PatchBandTable, RotationRules
from mps_pain.units import Dimension, UnitParseError, parse_quantity

__all__ = ["check_rotation"]


def check_rotation(tables: ConversionTables) -> None:
    """Raise TableValidationError at the first problem of ``tables.rotation`` (if present)."""
    rules = tables.rotation
    if rules is None:
        return
    # its sources resolve: checked with every other cited row by integrity._cited_rows
    sets = {s.id: s for s in tables.reference_sets}
    drugs = {d.id: d for d in tables.drugs}
    _equianalgesic(sets, rules.default_table, "rotation.default_table")
    bounds = rules.reduction.user_bounds
    for case in rules.reduction.cases:
        if not (bounds.low <= case.default <= bounds.high):
            raise TableValidationError(
                f"default {case.default} lies outside the user bounds "
                f"{format_span(str(bounds.low), str(bounds.high))}",
                location=f"rotation.reduction.cases[{case.id}]",
            )
    ids = [case.id for case in rules.reduction.cases]
    for needed in ("same_drug", "different_opioid"):
        if needed not in ids:
            raise TableValidationError(
                f"reduction case '{needed}' is missing", location="rotation.reduction.cases"
            )
    beyond_id = rules.patches.beyond_chart.case
    beyond = next((c for c in rules.reduction.cases if c.id == beyond_id), None)
    if beyond is None or beyond.low <= 0:
        raise TableValidationError(
            "beyond a patch chart the switch needs a listed reduction case with a reduction "
            "above 0 (the chart's 0% holds only where its bands are used)",
            location="rotation.patches.beyond_chart.case",
        )
    bt = rules.breakthrough
    catalogued(bt.patch_alternative.drug, drugs, "rotation.breakthrough.patch_alternative.drug")
    for table in rules.patches.band_tables:
        _check_patch_bands(table, drugs, sets)
    for threshold in rules.patches.tolerance.thresholds:
        where = "rotation.patches.tolerance.thresholds"
        catalogued(threshold.drug, drugs, where)
        try:
            quantity = parse_quantity(threshold.at_least)
        except (UnitParseError, ValueError) as exc:
            raise TableValidationError(str(exc), location=f"{where}.at_least") from None
        if quantity.dimension is not Dimension.MASS_RATE or quantity.value <= 0:
            raise TableValidationError(
                f"'{threshold.at_least}' is not a positive dose rate", location=f"{where}.at_least"
            )
    _check_tolerance_targets(rules, drugs)
    catalogued(rules.methadone.drug, drugs, "rotation.methadone.drug")
    methods = {m.id for m in rules.methadone.methods}
    if len(methods) != len(rules.methadone.methods):
        raise TableValidationError(
            "a methadone method is listed twice", location="rotation.methadone"
        )
    if rules.methadone.default_method not in methods:
        raise TableValidationError(
            f"default method '{rules.methadone.default_method}' is not listed",
            location="rotation.methadone.default_method",
        )
    for method in rules.methadone.methods:
        _check_method(method, bounds.high)
    _check_three_step(rules)
    _check_set_ratios(rules, sets)
    for i, renal in enumerate(rules.renal):
        for drug in (*renal.drugs, *renal.alternatives):
            catalogued(drug, drugs, f"rotation.renal[{i}]")
    for i, hepatic in enumerate(rules.hepatic):
        for drug in hepatic.drugs:
            catalogued(drug, drugs, f"rotation.hepatic[{i}]")
    for i, regular in enumerate(rules.not_for_regular_use):
        for drug in regular.drugs:
            catalogued(drug, drugs, f"rotation.not_for_regular_use[{i}]")
    _check_kidney(rules, drugs)


def _check_kidney(rules: RotationRules, drugs: Mapping[str, Drug]) -> None:
    """Preferred drugs exist; kidney bands, where held, name every value under a renal
    threshold."""
    for i, preferred in enumerate(rules.renal_preferred):
        for drug in preferred.drugs:
            catalogued(drug, drugs, f"rotation.renal_preferred[{i}]")
    top = max((r.below_ml_per_min for r in rules.renal), default=None)
    bands = rules.kidney_bands  # without them, the no-rule line is a caution at every value
    if bands is not None and bands.bands[-1].below_ml_per_min != top:
        raise TableValidationError(
            f"the kidney bands must end at the highest renal threshold ({top} mL/min)",
            location="rotation.kidney_bands",
        )


def _check_patch_bands(
    table: PatchBandTable, drugs: Mapping[str, Drug], sets: Mapping[str, object]
) -> None:
    where = f"rotation.patches.band_tables[{table.id}]"
    catalogued(table.drug, drugs, where)
    for set_id in table.sets:
        if set_id not in sets:
            raise TableValidationError(
                f"reference set '{set_id}' is not listed", location=f"{where}.sets"
            )
    bands = table.bands
    for i, (band, following) in enumerate(pairwise(bands)):
        check_contiguous(
            band.below_mg_per_day,
            following.at_least_mg_per_day,
            f"band ending below {band.below_mg_per_day}",
            f"{where}.bands[{i}]",
            f" (next starts at {following.at_least_mg_per_day})",
        )
        if following.patch_mcg_per_h <= band.patch_mcg_per_h:
            raise TableValidationError(
                "patch sizes must rise from band to band", location=f"{where}.bands[{i + 1}]"
            )
    for i, band in enumerate(bands):
        if band.below_mg_per_day is not None and band.below_mg_per_day <= band.at_least_mg_per_day:
            raise TableValidationError(
                "band upper edge is not above its lower edge", location=f"{where}.bands[{i}]"
            )


def _check_method(method: MethadoneMethod, reduction_max: float) -> None:
    where = f"rotation.methadone.methods[{method.id}]"
    if method.reduction.default > reduction_max:
        raise TableValidationError(
            f"method reduction {method.reduction.default} is above the user bound {reduction_max}",
            location=f"{where}.reduction",
        )
    tiers = method.tiers
    if tiers:
        if tiers[0].above_mg_per_day != 0:
            raise TableValidationError(
                "tiers must start above 0 (doses below would fall in a gap; use "
                "minimum_ome_mg_per_day to refuse low doses)",
                location=f"{where}.tiers[0]",
            )
        for i, (tier, following) in enumerate(pairwise(tiers)):
            check_contiguous(
                tier.up_to_mg_per_day,
                following.above_mg_per_day,
                f"tier ending at {tier.up_to_mg_per_day}",
                f"{where}.tiers[{i}]",
            )
            if method.kind == "fixed_tiers":
                assert tier.dose_mg_per_day is not None and following.dose_mg_per_day is not None
                if following.dose_mg_per_day <= tier.dose_mg_per_day:
                    raise TableValidationError(
                        "fixed tier doses must rise with the OME",
                        location=f"{where}.tiers[{i + 1}]",
                    )
            else:
                assert tier.ratio is not None and following.ratio is not None
                if following.ratio < tier.ratio:
                    raise TableValidationError(
                        "ratios must not fall as the OME rises", location=f"{where}.tiers[{i + 1}]"
                    )
    if method.minimum_ome_mg_per_day is not None and method.minimum_message is None:
        raise TableValidationError("a minimum needs minimum_message", location=where)


def _check_set_ratios(rules: RotationRules, sets: Mapping[str, ReferenceSet]) -> None:
    """A set's own route ratio names an equianalgesic set (risk-MME sets never plan a switch)."""
    for row in rules.route_ratios:
        for own in row.set_ratios:
            _equianalgesic(sets, own.set, f"rotation.route_ratios[{row.id}].set_ratios")


def _equianalgesic(sets: Mapping[str, ReferenceSet], set_id: str, location: str) -> None:
    found = sets.get(set_id)
    if found is None or found.purpose != "equianalgesic":
        raise TableValidationError(
            f"'{set_id}' is not an equianalgesic reference set", location=location
        )


def _check_three_step(rules: RotationRules) -> None:
    steps = rules.methadone.three_step.steps
    where = "rotation.methadone.three_step.steps"
    if steps[0].from_day != 1 or steps[-1].to_day is not None or steps[-1].methadone_fraction != 1:
        raise TableValidationError(
            "steps start on day 1 and end open with the full methadone dose", location=where
        )
    for i, (step, following) in enumerate(pairwise(steps)):
        if step.to_day is None or following.from_day != step.to_day + 1:
            raise TableValidationError("steps must follow day after day", location=f"{where}[{i}]")
        if following.methadone_fraction < step.methadone_fraction:
            raise TableValidationError(
                "the methadone share must not fall", location=f"{where}[{i + 1}]"
            )
        if following.previous_fraction > step.previous_fraction:
            raise TableValidationError(
                "the previous opioid must not rise", location=f"{where}[{i + 1}]"
            )


def _check_tolerance_targets(rules: RotationRules, drugs: Mapping[str, Drug]) -> None:
    """Each target said to need an opioid-tolerant patient is a catalogue drug by its route."""
    for i, needed in enumerate(rules.patches.tolerance.also_needed_by):
        where = f"rotation.patches.tolerance.also_needed_by[{i}]"
        drug = catalogued(needed.drug, drugs, where)
        if needed.route not in drug.routes:
            raise TableValidationError(
                f"{needed.drug} has no {needed.route} route in the catalogue", location=where
            )
