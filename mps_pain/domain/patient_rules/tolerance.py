"""Opioid tolerance before a patch (``rotation.patches.tolerance``, the Duragesic label), and the
conflict rule for every target that needs tolerance (a patch, methadone: ``also_needed_by``).

Tolerant by the label: a listed drug at or above its listed daily dose, or the opioids taken
whose oral morphine equivalent reaches the label's 60 mg/day. The label counts the daily opioid
TAKEN (≥ 60 mg oral morphine a day for ≥ 1 week, clinical-sources §3(b)), so the regular lines and
the as-needed doses taken (a count of doses in 24 h on the regimen before) are both counted
(pharmacist re-check 16b, #7: a 12.5 mcg/h patch with 180 mg/day of morphine rescues taken read
"not opioid-tolerant" and AVOID). Because the cited OME factors of
many opioids disagree (tramadol 0.1–0.2), the equivalent is taken at the LOW end across every
set that covers the regimen: a regimen is tolerant only if every cited factor says so. The
result does not depend on the chosen set, so ``mme``, ``rotate`` and ``check`` agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from mps_pain.domain.memo import remembered
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import NoConversionFactorError
from mps_pain.numbers import format_number_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import ToleranceDefinition
from mps_pain.tables.schema_types import Citation
from mps_pain.units import format_number, parse_quantity, tidy

__all__ = [
    "needs_tolerance",
    "ome_range_across_sets",
    "taken",
    "tolerance_conflict",
    "tolerance_warnings",
]


def taken(daily: DailyItem) -> bool:
    """An opioid line the patient takes: a regular line, or an as-needed line with its doses
    taken in 24 h reported (a count on the regimen before is doses taken, not an order)."""
    if not daily.is_opioid:
        return False
    count = daily.item.doses_per_day
    return not daily.item.prn or (isinstance(count, float | int) and count > 0)


def _taken_totals(basis: Sequence[DailyItem]) -> dict[tuple[str, str], float]:
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for daily in basis:
        if taken(daily):
            totals[(daily.drug.id, daily.item.route)] += daily.daily_mg_per_day
    return totals


_KEPT = 50_000


def ome_range_across_sets(
    tables: TableIndex, basis: Sequence[DailyItem]
) -> tuple[float, float] | None:
    """Lowest and highest total OME of the opioids taken (``taken``) over the sets that cover
    them all.

    A pure function of the table and each regular opioid's drug, route, form and daily amount
    in order (all it reads): remembered per table by those (``domain.memo``) when no amount is
    zero (signless key)."""
    regular = [d for d in basis if taken(d)]
    if any(d.daily_mg_per_day == 0 for d in regular):
        return _ome_range(tables, regular)
    key = tuple((d.drug.id, d.item.route, d.form, d.daily_mg_per_day) for d in regular)
    return remembered(
        tables, "ome_range_across_sets", key, lambda: _ome_range(tables, regular), _KEPT
    )


def _ome_range(tables: TableIndex, regular: Sequence[DailyItem]) -> tuple[float, float] | None:
    totals = _taken_totals(regular)
    found: list[float] = []
    for set_id in tables.sets:
        try:
            found.append(  # tidy: 30 + 20 + 10 summed to 59.999…, "opioid-naive" at 60
                tidy(
                    sum(
                        tables.find_factor(
                            set_id,
                            d.drug.id,
                            d.item.route,
                            d.form,
                            d.daily_mg_per_day,
                            location=None,
                            band_basis_mg_per_day=totals[(d.drug.id, d.item.route)],
                        ).ome_mg_per_day
                        for d in regular
                    )
                )
            )
        except NoConversionFactorError:
            continue
    return (min(found), max(found)) if found else None


def _met_by_label(definition: ToleranceDefinition, basis: Sequence[DailyItem]) -> bool:
    totals = _taken_totals(basis)
    return any(
        totals.get((t.drug, t.route), 0.0) >= parse_quantity(t.at_least).to("mg/day")
        for t in definition.thresholds
    )


def needs_tolerance(definition: ToleranceDefinition, use: DrugUse) -> Citation | None:
    """The citation saying that ``use`` needs an opioid-tolerant patient (None: nothing does):
    a patch of a drug the label covers, or a target the tables mark (``also_needed_by``)."""
    if use.is_patch and use.drug.is_opioid:
        covered = not definition.drugs or use.drug.id in definition.drugs
        return definition.citation if covered else None
    return next(
        (
            t.citation
            for t in definition.also_needed_by
            if (t.drug, t.route) == (use.drug.id, use.route)
        ),
        None,
    )


def _meets(
    tables: TableIndex, definition: ToleranceDefinition, basis: Sequence[DailyItem] | None
) -> tuple[bool, tuple[float, float] | None]:
    """Whether the regimen meets the label definition, and its OME span across the sets."""
    span = None if basis is None else ome_range_across_sets(tables, basis)
    needed = definition.ome_at_least_mg_per_day
    met = basis is not None and (
        _met_by_label(definition, basis) or (span is not None and span[0] >= needed)
    )
    return met, span


def tolerance_conflict(
    tables: TableIndex,
    definition: ToleranceDefinition,
    patient: Patient,
    use: DrugUse,
    basis: Sequence[DailyItem] | None,
) -> ClinicalWarning | None:
    """The one rule for every target that needs tolerance (a patch, methadone, any other the
    tables mark): the patient is recorded as NOT opioid-tolerant, but the regimen meets the
    label definition. One of the two is wrong; the switch waits until it is known which."""
    cited = needs_tolerance(definition, use)
    if cited is None or patient.opioid_tolerant is not False:
        return None
    met, span = _meets(tables, definition, basis)
    if not met:
        return None
    amount = "" if span is None else f" ({_span_text(span)} oral morphine equivalent)"
    sources = {tables.cite(cited), tables.cite(definition.citation)}
    return ClinicalWarning(
        code="opioid-tolerance-conflict",
        severity="danger",
        message=f"The patient is recorded as not opioid-tolerant, but the current regimen"
        f"{amount} meets {_definition_text(definition)}. {use.drug.spoken_name} ({use.route}) "
        "is for opioid-tolerant patients only: confirm which is right (is the regimen being "
        "taken?) and correct the record; nothing is proposed until then.",
        source="; ".join(sorted(sources)),
        item=use.item,
    )


def _counted(basis: Sequence[DailyItem] | None) -> str:
    """What the OME span counts: the regular opioids, the patch the patient already wears
    included (``mme`` of a patch beside other regular opioids; a current patch in ``rotate`` and
    ``check``), and the as-needed doses taken."""
    lines = [d for d in basis or () if taken(d)]
    worn = any(d.item.route == "transdermal" for d in lines)
    rescues = any(d.item.prn for d in lines)
    regular = "regular opioids of the current regimen" + (", the patch included," if worn else "")
    if not rescues:
        return f"The {regular} come"
    return f"The {regular.removesuffix(',')} and the as-needed opioid doses taken come"


def _span_text(span: tuple[float, float]) -> str:
    return format_number_span(span[0], span[1], "mg/day")


def _definition_text(definition: ToleranceDefinition) -> str:
    listed = "; ".join(f"{t.drug} {t.route} ≥ {t.at_least}" for t in definition.thresholds)
    return (
        f"the label definition of opioid-tolerant ({listed}, or ≥ "
        f"{format_number(definition.ome_at_least_mg_per_day)} mg/day oral morphine equivalent, "
        f"for ≥ {format_number(definition.for_at_least_days)} days)"
    )


def tolerance_warnings(
    tables: TableIndex,
    definition: ToleranceDefinition,
    patient: Patient,
    given: Sequence[DrugUse],
    basis: Sequence[DailyItem] | None,
) -> list[ClinicalWarning]:
    """Opioid tolerance for the uses the rules judge: the conflict rule for every target that
    needs tolerance (a non-patch target only when it is to be given), then the patch label's
    own rules. ``basis``: the regimen before (None: not known, judged by the patient only)."""
    if not given:
        return []  # no use to judge (``mme`` passes its patches only: most regimens have none)
    judged = [u for u in given if u.is_patch or u.role == "given"]
    conflicts = [
        w for u in judged if (w := tolerance_conflict(tables, definition, patient, u, basis))
    ]
    if conflicts:
        return conflicts[:1]
    return _patch_warnings(tables, definition, patient, given, basis)


def _patch_warnings(
    tables: TableIndex,
    definition: ToleranceDefinition,
    patient: Patient,
    given: Sequence[DrugUse],
    basis: Sequence[DailyItem] | None,
) -> list[ClinicalWarning]:
    """The patch label's definition: met (confirm the duration), unconfirmed, or not met."""
    patches = [u for u in given if u.is_patch and needs_tolerance(definition, u) is not None]
    if not patches:
        return []
    source = tables.cite(definition.citation)
    days = format_number(definition.for_at_least_days)
    item = patches[0].item
    if basis is None and patient.opioid_tolerant is not False:
        return []
    met, span = _meets(tables, definition, basis)
    if met and patient.opioid_tolerant is not False:
        return [
            ClinicalWarning(
                code="patch-tolerance-duration",
                severity="info",
                message=f"Opioid-tolerant by dose; confirm the dose has been taken for ≥ {days} "
                "days.",
                source=source,
                item=item,
            )
        ]
    if patient.opioid_tolerant is False:
        why = "The patient is recorded as not opioid-tolerant."
    elif span is None:
        why = "The regimen before the patch has no regular opioid and no as-needed doses taken."
    else:
        why = (
            f"{_counted(basis)} to "
            f"{_span_text(span)} oral morphine equivalent across the cited factors; the low "
            "end is used."
        )
    definition_text = _definition_text(definition)
    if patient.opioid_tolerant is True:
        return [
            ClinicalWarning(
                code="patch-tolerance-unconfirmed",
                severity="caution",
                message=f"{why} The patient is recorded as opioid-tolerant, but the doses given do "
                f"not meet {definition_text}: confirm before a patch.",
                source=source,
                item=item,
            )
        ]
    return [
        ClinicalWarning(
            code="patch-not-opioid-tolerant",
            severity="danger",
            message=f"{why} The current regimen does not meet {definition_text}. A patch is "
            "contraindicated in opioid-naive patients: choose another route.",
            source=source,
            item=item,
        )
    ]
