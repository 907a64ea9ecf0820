"""Checks across records of a structurally valid table.

Each check raises TableValidationError whose ``location`` names the offending place, e.g.
``reference_sets[cdc-2016].factors[7]``. Run once at load; the shipped file must pass them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pydantic import BaseModel

from mps_pain.errors import TableValidationError
from mps_pain.tables.form_spelling import form_label
from mps_pain.tables.integrity_bounds import check_factor_bounds
from mps_pain.tables.integrity_catalogue import catalogued
from mps_pain.tables.integrity_ranges import check_contiguous
from mps_pain.tables.integrity_rotation import check_rotation
from mps_pain.tables.integrity_words import check_market_names
from mps_pain.tables.schema import ConversionTables, Drug, Factor, ReferenceSet
from mps_pain.tables.schema_types import Citation

__all__ = ["check_integrity"]


def check_integrity(tables: ConversionTables) -> None:
    """Raise TableValidationError at the first cross-record problem found."""
    _check_sources_resolve(tables)
    drugs = _check_catalogue(tables.drugs)
    seen_sets: set[str] = set()
    for set_ in tables.reference_sets:
        where = f"reference_sets[{set_.id}]"
        if set_.id in seen_sets:
            raise TableValidationError(
                f"reference set '{set_.id}' is defined twice", location=where
            )
        seen_sets.add(set_.id)
        _check_factor_targets(set_, drugs)
        _check_no_overlap(set_)
        _check_bands(set_)
        codes = [t.code for t in set_.thresholds]
        if len(codes) != len(set(codes)):
            raise TableValidationError(
                "threshold codes must be unique", location=f"{where}.thresholds"
            )
    check_factor_bounds(tables)
    check_rotation(tables)
    check_market_names(tables)


_ITEM_KEYS = ("id", "previous")  # what names a list item in a location, before its position


def _cited_rows(model: BaseModel, path: str = "") -> Iterator[tuple[str, str]]:
    """Every source id the table cites, with where: walks the whole validated model tree.

    A citation is reported at the record it covers (``reference_sets[cdc-2016].factors[3]``,
    ``rotation.patches.onset``); list items are named by their ``id`` (or a transition's
    ``previous``) where they have one, else by position. New cited records need no listing here.
    """
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name  # as the table file writes it ('from', not 'from_')
        where = f"{path}.{key}" if path else key
        if isinstance(value, Citation):
            yield path, value.source
        elif isinstance(value, BaseModel):
            yield from _cited_rows(value, where)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    label = next(
                        (getattr(element, k) for k in _ITEM_KEYS if hasattr(element, k)), i
                    )
                    yield from _cited_rows(element, f"{where}[{label}]")


def _check_sources_resolve(tables: ConversionTables) -> None:
    for location, source_id in _cited_rows(tables):
        if source_id not in tables.sources:
            raise TableValidationError(
                f"cites source '{source_id}', which is not listed under 'sources'",
                location=location,
            )


def _check_catalogue(drugs: list[Drug]) -> dict[str, Drug]:
    by_id: dict[str, Drug] = {}
    names: dict[str, str] = {}
    for drug in drugs:
        where = f"drugs[{drug.id}]"
        if drug.id in by_id:
            raise TableValidationError(f"drug '{drug.id}' is defined twice", location=where)
        by_id[drug.id] = drug
        for name in (drug.id, drug.name, *drug.synonyms):
            key = name.casefold()
            owner = names.get(key)
            if owner is not None and owner != drug.id:
                raise TableValidationError(
                    f"name '{name}' is also used by drug '{owner}'", location=f"{where}.synonyms"
                )
            names[key] = drug.id
        _check_form_spellings(drug, where)
        form_ids: set[str] = set()
        for form in drug.forms:
            if form.id in form_ids:
                raise TableValidationError(
                    f"form '{form.id}' is listed twice", location=f"{where}.forms[{form.id}]"
                )
            form_ids.add(form.id)
            stray = set(form.routes) - set(drug.routes)
            if stray:
                raise TableValidationError(
                    f"form '{form.id}' uses route(s) {sorted(stray)} not in the drug's routes",
                    location=f"{where}.forms[{form.id}].routes",
                )
            markets = [s.market for s in form.strengths]
            if len(markets) != len(set(markets)):
                raise TableValidationError(
                    "a market is listed twice", location=f"{where}.forms[{form.id}].strengths"
                )
    return by_id


def _check_form_spellings(drug: Drug, where: str) -> None:
    """No spelling of a form (its id, its printed words, its name, a synonym) is another form's
    of the same drug: the reader (``TableIndex.resolve_form``) would read it as whichever came
    last, and a printed form would read back as another (clinician review 16 #10)."""
    owners: dict[str, str] = {}
    for form in drug.forms:
        for spelling in (form.id, form_label(form.id), form.name, *form.synonyms):
            owner = owners.setdefault(spelling.casefold(), form.id)
            if owner != form.id:
                raise TableValidationError(
                    f"form spelling '{spelling}' is also form '{owner}'",
                    location=f"{where}.forms[{form.id}].synonyms",
                )


def _check_factor_targets(set_: ReferenceSet, drugs: dict[str, Drug]) -> None:
    for i, factor in enumerate(set_.factors):
        where = f"reference_sets[{set_.id}].factors[{i}]"
        drug = catalogued(factor.drug, drugs, where)
        if not drug.is_opioid:
            raise TableValidationError(
                f"'{factor.drug}' is not an opioid; adjuvants never carry an OME factor",
                location=where,
            )
        stray = set(factor.routes) - set(drug.routes)
        if stray:
            raise TableValidationError(
                f"route(s) {sorted(stray)} are not routes of {factor.drug}",
                location=f"{where}.routes",
            )
        known_forms = {form.id for form in drug.forms}
        for form in factor.forms or ():
            if form not in known_forms:
                raise TableValidationError(
                    f"form '{form}' is not a form of {factor.drug}", location=f"{where}.forms"
                )


def _check_no_overlap(set_: ReferenceSet) -> None:
    """Two rows may not claim the same drug, route and form; bands are checked separately."""
    unbanded: dict[tuple[str, str, str | None], int] = {}
    banded: dict[tuple[str, str, str | None], int] = {}
    for i, factor in enumerate(set_.factors):
        forms: list[str | None] = [*factor.forms] if factor.forms else [None]
        for route in factor.routes:
            for form in forms:
                key = (factor.drug, route, form)
                other = unbanded.get(key, banded.get(key) if factor.band is None else None)
                if other is not None:
                    raise TableValidationError(
                        f"duplicate row: factors[{other}] already covers {factor.drug} "
                        f"{route}{' ' + form if form else ''}",
                        location=f"reference_sets[{set_.id}].factors[{i}]",
                    )
                if factor.band is None:
                    unbanded[key] = i
                else:
                    banded.setdefault(key, i)


def _check_bands(set_: ReferenceSet) -> None:
    """Banded rows of one drug/route/form run from 0 without gaps and end open."""
    groups: dict[tuple[str, tuple[str, ...], frozenset[str]], list[tuple[int, Factor]]] = (
        defaultdict(list)
    )
    for i, factor in enumerate(set_.factors):
        if factor.band is not None:
            groups[
                (factor.drug, tuple(sorted(factor.routes)), frozenset(factor.forms or ()))
            ].append((i, factor))
    for (drug, routes, _forms), rows in groups.items():
        rows.sort(key=lambda pair: pair[1].band.above if pair[1].band else 0.0)
        where = f"reference_sets[{set_.id}].factors[{rows[0][0]}]"
        bands = [factor.band for _, factor in rows if factor.band is not None]
        if bands[0].above != 0:
            raise TableValidationError(
                f"{drug} {'/'.join(routes)} bands start above {bands[0].above}, not 0: "
                "doses below it would fall in a gap",
                location=f"{where}.band",
            )
        for (index, _), band, following in zip(rows, bands, bands[1:], strict=False):
            if band.unit != following.unit:
                raise TableValidationError(
                    "bands of one drug must share a unit",
                    location=f"reference_sets[{set_.id}].factors[{index}].band.unit",
                )
            check_contiguous(
                band.up_to,
                following.above,
                f"{drug} band ending at {band.up_to}",
                f"reference_sets[{set_.id}].factors[{index}].band",
                f" (next starts above {following.above})",
            )
        if bands[-1].up_to is not None:
            raise TableValidationError(
                f"{drug} top band ends at {bands[-1].up_to}; higher doses would have no factor",
                location=f"reference_sets[{set_.id}].factors[{rows[-1][0]}].band",
            )
