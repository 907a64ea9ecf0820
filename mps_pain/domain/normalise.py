"""Step 2 of the flow: each regimen item becomes a daily amount of one drug by one route.

Names are resolved through the catalogue, the route and form are checked against the drug,
and an amount above the drug's plausibility ceiling is refused (most often a unit slip, e.g. a
fentanyl patch written in mg/h). Every refusal names the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mps_pain.domain.current_interval import interval_note
from mps_pain.domain.memo import recent
from mps_pain.domain.patch_content import patch_from_content
from mps_pain.domain.patch_labels import patch_from_label
from mps_pain.domain.plausibility import amount_field, plausibility_notes
from mps_pain.domain.regimen import NOT_REPORTED, RegimenItem, counted_under
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.sub_amounts import first_part_notes
from mps_pain.errors import ImplausibleAmountError, InputError, PrnNotReportedError
from mps_pain.plural import counted
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug
from mps_pain.unit_kinds import same_unit
from mps_pain.units import Dimension, MagnitudeError, ParsedQuantity, format_number

__all__ = [
    "DailyItem",
    "describe_dosing",
    "dose_text",
    "dosing_as_entered",
    "normalise_item",
    "not_a_route_of",
]


@dataclass(frozen=True, slots=True)
class DailyItem:
    """A resolved item: catalogue drug and form, and its amount per 24 h in mg/day."""

    index: int
    item: RegimenItem
    drug: Drug
    form: str | None
    daily_mg_per_day: float
    location: str
    is_opioid: bool
    notes: tuple[ClinicalWarning, ...] = ()
    # read of ``item`` and ``drug`` when made, never given: the rules of a regimen read these
    # on every item of every regimen, and a slot is read in a fraction of the time of a field
    # of a pydantic model (whose ``__getattr__`` hook keeps Python from specialising the read)
    drug_id: str = field(init=False)
    route: str = field(init=False)
    prn: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "drug_id", self.drug.id)
        object.__setattr__(self, "route", self.item.route)
        object.__setattr__(self, "prn", self.item.prn)

    @property
    def kept(self) -> bool:
        """A line kept only until it stops after a new patch goes on (``stops_after``)."""
        return self.item.stops_after is not None

    @property
    def worn_together(self) -> bool:
        """A patch: patches of one drug are worn together, one order however many rows (250
        mcg/h is 100 + 100 + 50, the plan's own order lines). The one rule the duplicate, the
        long-acting and the check's one-order rules read (final re-checks 18d)."""
        return self.route == "transdermal"

    def counts(self, prn_policy: str | None) -> bool:
        """An opioid line the total counts under ``prn_policy`` (``counted_under``)."""
        return self.is_opioid and counted_under(self.prn, prn_policy, self.kept)


def not_a_route_of(drug: Drug, route: str) -> str:
    """The one sentence for a route the catalogue does not list for a drug."""
    routes = ", ".join(drug.routes)
    return f"{drug.spoken_name} has no {route} route in the catalogue; its routes are {routes}"


NORMALISED_KEPT = 128
"""Items whose normalisation is remembered per table (the ones used last). Few: a regimen has
tens of rows, and a batch gives new item objects on every line, which a large store would keep
alive for the cyclic collector to walk (2,048 cost a full-contract batch 2.9 s of collection
per 20,000 lines; 128 cost 0.3 s)."""


def normalise_item(tables: TableIndex, position: int, item: RegimenItem) -> DailyItem:
    """Resolve one item; raises UnknownDrugError, InputError or ImplausibleAmountError.

    A pure function of the table, the position and the item, which is immutable (a frozen
    model of frozen values): the answer for the same item object at the same position is
    remembered per table, for the last NORMALISED_KEPT items (``memo.recent``; the app's editor
    keeps the rows it did not change, so a recompute after an edit normalises one row). The
    key is the object's identity, held with the answer, so no other item ever gets it; a
    refusal is never remembered."""
    found = recent(
        tables,
        "normalise_item",
        (position, id(item)),
        lambda: (item, _normalise_item(tables, position, item)),
        NORMALISED_KEPT,
    )
    return found[1] if found[0] is item else _normalise_item(tables, position, item)


def _not_a_form(drug: Drug, form: str) -> str:
    """Each form by its name, which the form box also reads (re-check 17b #9: the ids); a drug
    held without forms takes none (fuzz review 21, D7: "known forms: none listed")."""
    if not drug.forms:
        name = drug.in_sentence
        return f"{name[:1].upper()}{name[1:]} takes no form here: leave 'form' out (not '{form}')"
    known = ", ".join(f.name[:1].lower() + f.name[1:] for f in drug.forms)
    return f"'{form}' is not a form of {drug.in_sentence}; known forms: {known}"


def _normalise_item(tables: TableIndex, position: int, item: RegimenItem) -> DailyItem:
    where = f"items[{position}]"
    drug = tables.resolve_drug(item.drug, location=f"{where}.drug")
    if item.route not in drug.routes:
        raise InputError(not_a_route_of(drug, item.route), location=f"{where}.route")
    form_id: str | None = None
    if item.form is not None:
        form_id = tables.resolve_form(drug, item.form)
        if form_id is None:
            raise InputError(_not_a_form(drug, item.form), location=f"{where}.form")
        form = next(f for f in drug.forms if f.id == form_id)
        if item.route not in form.routes:
            # the form is named: the route chosen first, a form that does not fit it is the
            # form's problem (clinician review 19, M5: "injection" for a patch blamed the route)
            by_route = [
                f.name[:1].lower() + f.name[1:] for f in drug.forms if item.route in f.routes
            ]
            raise InputError(
                f"{drug.spoken_name} {form.name} is not given by the {item.route} route; its forms "
                f"by that route: {', '.join(by_route) or 'none listed'}",
                location=f"{where}.form",
            )
    notes: tuple[ClinicalWarning, ...] = _prn_notes(drug, item, position)
    if item.route == "transdermal" and item.shape != "continuous":
        item, note = patch_from_content(tables, drug, form_id, item, position)
        notes = (*notes, note)
    item, label_note = patch_from_label(tables, drug, form_id, item, position)
    notes = (*notes, label_note) if label_note is not None else notes
    daily = _daily_mg_per_day(drug, item, where)
    notes = (*notes, *plausibility_notes(tables, drug, item, daily, position))
    notes = (*notes, *first_part_notes(tables, drug, item, daily, position))  # review 21b, D2
    notes = (*notes, *interval_note(tables, drug, form_id, item, position))
    return DailyItem(position, item, drug, form_id, daily, where, drug.is_opioid, notes)


def _daily_mg_per_day(drug: Drug, item: RegimenItem, where: str) -> float:
    """The item's amount per 24 h (and its one dose), every step checked (``checked_product``):
    an amount that underflows to 0 or overflows is refused naming the field, never counted."""
    try:
        item.dose_mg()
        return item.daily_mg_per_day()
    except MagnitudeError as exc:
        field = amount_field(item)
        raise ImplausibleAmountError(
            f"the {field} of {drug.in_sentence} ({item.route}) cannot be used: {exc}",
            location=f"{where}.{field}",
            reason="magnitude",
        ) from None


def _prn_notes(drug: Drug, item: RegimenItem, position: int) -> tuple[ClinicalWarning, ...]:
    """'not reported' is refused (a total or a plan cannot include an unknown); 0 is stated."""
    if item.shape != "prn":
        return ()
    if item.doses_per_day == NOT_REPORTED:
        raise PrnNotReportedError(
            f"row {position + 1}: the as-needed {drug.in_sentence} doses taken in 24 h were not "
            "reported. Give the number taken (0 if none taken): a total or a plan without it "
            "could understate the patient's opioid use.",
            location=f"items[{position}].doses_per_day",
        )
    if item.doses_per_day == 0:
        return (
            ClinicalWarning(
                code="prn-none-taken",
                severity="info",
                message=f"Row {position + 1}: as-needed {drug.in_sentence} — none taken in 24 h "
                "(0 doses recorded); it adds nothing to the total.",
                item=position,
            ),
        )
    return ()


def unreported_prn(item: RegimenItem) -> bool:
    """An as-needed row whose doses taken in 24 h were not reported."""
    return item.shape == "prn" and item.doses_per_day == NOT_REPORTED


def excluded_unreported_note(
    tables: TableIndex, position: int, item: RegimenItem
) -> ClinicalWarning:
    """The row of an unreported as-needed count under the PRN choice 'exclude' (review 7, D11):
    excluded doses cannot change the total, so the row is set aside, stated, never counted.
    Every other check of the row (drug, route, one dose's bounds) still applies: it is
    normalised as one dose taken, and that figure is used nowhere else."""
    one_dose = normalise_item(tables, position, item.model_copy(update={"doses_per_day": 1}))
    return ClinicalWarning(
        code="prn-not-reported-excluded",
        severity="info",
        message=f"Row {position + 1}: as-needed {one_dose.drug.in_sentence} — doses taken in 24 h "
        "not reported; excluded from the total by the PRN choice (exclude), so the count cannot "
        "change it. Any doses taken are not in the total.",
        item=position,
    )


def _quantity_text(quantity: ParsedQuantity) -> str:
    return f"{format_number(quantity.value)} {quantity.unit}"


def dose_text(daily: DailyItem) -> str | None:
    """One dose as written (``20 mg``, ``5 mL × 1 mg/mL``), or None without a dose."""
    item = daily.item
    if item.dose is None:
        return None
    concentration = (
        f" × {_quantity_text(item.concentration)}" if item.concentration is not None else ""
    )
    return f"{_quantity_text(item.dose)}{concentration}"


def dosing_as_entered(daily: DailyItem) -> str:
    """The dosing as it was written, never a derived total: ``20 mg q12h``, ``25 mcg/h patch``,
    ``5 mg as needed × 3 taken in 24 h``, ``60 mg per day``."""
    item = daily.item
    concentration = (
        f" × {_quantity_text(item.concentration)}" if item.concentration is not None else ""
    )
    if item.shape == "scheduled":
        assert item.dose is not None and item.frequency is not None
        return f"{_quantity_text(item.dose)}{concentration} {item.frequency.label}"
    if item.shape == "prn":
        assert item.dose is not None and item.doses_per_day is not None
        dose = _quantity_text(item.dose)
        if item.doses_per_day == 0:
            return f"{dose}{concentration} as needed — none taken in 24 h"
        taken = format_number(float(item.doses_per_day))
        return f"{dose}{concentration} as needed × {taken} taken in 24 h"
    if item.shape == "continuous":
        assert item.rate is not None
        how = "patch" if item.route == "transdermal" else "continuous"
        return f"{_quantity_text(item.rate)}{concentration} {how}"
    assert item.daily_dose is not None
    if item.daily_dose.dimension is Dimension.MASS:
        return f"{_quantity_text(item.daily_dose)} per day"
    return _quantity_text(item.daily_dose)


def describe_dosing(daily: DailyItem) -> str:
    """How the daily amount was reached, e.g. ``10 mg q12h (2 doses/day) = 20 mg/day``."""
    item = daily.item
    total = f"{format_number(daily.daily_mg_per_day)} mg/day"
    entered = dosing_as_entered(daily)
    if item.shape == "scheduled":
        assert item.frequency is not None
        return f"{entered} ({counted(item.frequency.doses_per_day, 'dose')}/day) = {total}"
    if item.shape == "continuous":
        assert item.rate is not None
        if same_unit(item.rate.unit, "mg/day") and item.concentration is None:
            return f"{total} {entered.rsplit(' ', 1)[1]}"
        return f"{entered} = {total}"
    if item.shape == "total":
        assert item.daily_dose is not None
        per_day = same_unit(item.daily_dose.unit, "mg/day")
        if item.daily_dose.dimension is not Dimension.MASS and per_day:
            return total
    return f"{entered} = {total}"
