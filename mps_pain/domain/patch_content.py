"""A transdermal item must carry its delivery rate; patch content is read only by its product.

A patch written as ``dose`` + ``frequency`` (``25 mcg q72h``, ``4.2 mg q72h``) is refused with a
pointer to ``rate``: the content of a patch is not a rate, and the same rate has a different
content in each product (Durotep MT 4.2 mg ≈ 25 mcg/h; another Japanese 3-day patch 2.75 mg ≈
25 mcg/h). Only when the item names a product whose own label table is in the catalogue
(``forms[].content_to_rate``) is the content converted, with a caution that says so.
"""

from __future__ import annotations

from mps_pain.domain.regimen import RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.errors import PatchRateRequiredError
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, ProductContentTable
from mps_pain.units import Dimension, format_number

__all__ = ["patch_from_content"]

_RELATIVE_MATCH = 1e-6  # a content must be one of the label's sizes, written exactly


def _products(drug: Drug, form_id: str | None) -> list[ProductContentTable]:
    return [
        table
        for form in drug.forms
        if "transdermal" in form.routes and (form_id is None or form.id == form_id)
        for table in form.content_to_rate
    ]


def _named(tables: list[ProductContentTable], product: str) -> ProductContentTable | None:
    wanted = product.strip().casefold()
    for table in tables:
        if wanted in {name.casefold() for name in (table.product, *table.synonyms)}:
            return table
    return None


def _refuse(drug: Drug, where: str, why: str, known: list[ProductContentTable]) -> None:
    products = "; ".join(t.product for t in known)
    tables_text = (
        f" Products whose label table is in the catalogue: {products} (give 'product')."
        if products
        else ""
    )
    raise PatchRateRequiredError(
        f"{drug.spoken_name} by the transdermal route needs 'rate', the patch's delivery rate "
        f"(e.g. '25 mcg/h'). {why} Patch content in mg is not a rate: the same rate has a "
        f"different content in each product.{tables_text}",
        location=f"{where}.rate",
    )


def patch_from_content(
    tables: TableIndex, drug: Drug, form_id: str | None, item: RegimenItem, position: int
) -> tuple[RegimenItem, ClinicalWarning]:
    """The item with its rate read from the named product's table, and the caution saying so."""
    where = f"items[{position}]"
    known = _products(drug, form_id)
    if item.shape != "scheduled" or item.dose is None or item.dose.dimension is not Dimension.MASS:
        _refuse(drug, where, f"An item written as {item.shape} cannot be read as a patch.", known)
    assert item.dose is not None and item.frequency is not None
    if item.product is None:
        _refuse(drug, where, "A dose and frequency were given, with no product named.", known)
    assert item.product is not None
    table = _named(known, item.product)
    if table is None:
        _refuse(drug, where, f"No label table for '{item.product}' is in the catalogue.", known)
    assert table is not None
    content_mg = item.dose.to("mg")
    row = next(
        (
            r
            for r in table.rows
            if abs(r.content.to("mg") - content_mg) <= _RELATIVE_MATCH * content_mg
        ),
        None,
    )
    if row is None:
        sizes = ", ".join(f"{format_number(r.content.to('mg'))} mg" for r in table.rows)
        _refuse(
            drug,
            where,
            f"{table.product} comes as {sizes}; {format_number(content_mg)} mg is not one of them.",
            known,
        )
    assert row is not None
    hours = 24 / item.frequency.doses_per_day
    if abs(hours - table.change_every_hours) > 1e-9:
        raise PatchRateRequiredError(
            f"{table.product} is changed every {format_number(table.change_every_hours)} h, not "
            f"{item.frequency.label}: give 'rate' (e.g. '{format_number(row.rate.value)} "
            f"{row.rate.unit}').",
            location=f"{where}.frequency",
        )
    read = item.model_copy(update={"rate": row.rate, "dose": None, "frequency": None})
    note = ClinicalWarning(
        code="patch-content-read-as-rate",
        severity="caution",
        message=f"{table.product} {format_number(content_mg)} mg was read as "
        f"{format_number(row.rate.value)} {row.rate.unit} by this product's own label table. "
        "Patch content is not a rate: confirm the product on the chart, and write the rate "
        "next time.",
        source=tables.cite(table.citation),
        item=position,
    )
    return read, note
