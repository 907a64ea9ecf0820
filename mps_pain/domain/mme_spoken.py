"""A regimen's MME in the words of the market its document names (session 19: ``mme`` kept the
catalogue's words, "acetaminophen … ER", for a UK document whose ``market`` already picked its
strengths and label maxima, beside a plan saying "paracetamol … MR"). The same rule as a plan's
and a check's (``rotation.spoken``): the result is made inside ``speaking``, carries its market
for its views, and one info note names the market's words it prints, with their sources. A
document naming no market keeps the catalogue's words, as before."""

from __future__ import annotations

from collections.abc import Iterable

from mps_pain.domain.form_words import product_label
from mps_pain.domain.market_words import asked_or_spoken, market_words, speaking, words_note
from mps_pain.domain.mme import OnItemError, compute_mme
from mps_pain.domain.regimen import PrnPolicy, RegimenDocument
from mps_pain.domain.results import ClinicalWarning, MmeResult, sort_warnings
from mps_pain.tables.index import TableIndex

__all__ = ["mme_words_note", "spoken_mme"]


def spoken_mme(
    tables: TableIndex,
    document: RegimenDocument,
    *,
    table_id: str,
    prn_policy: PrnPolicy | None = None,
    on_item_error: OnItemError = "raise",
) -> MmeResult:
    """``compute_mme`` in the words of ``document.market`` (none: the market spoken around it,
    ``asked_or_spoken``; outside any, the catalogue's)."""
    with speaking(tables, asked_or_spoken(document.market)) as words:
        result = compute_mme(
            tables, document, table_id=table_id, prn_policy=prn_policy, on_item_error=on_item_error
        )
    result = result.model_copy(update={"market": words.market})
    note = mme_words_note(tables, words.market, ((x.drug, x.route, x.form) for x in result.items))
    if note is None:
        return result
    return result.model_copy(update={"warnings": sort_warnings([*result.warnings, note])})


def mme_words_note(
    tables: TableIndex, market: str | None, products: Iterable[tuple[str, str, str | None]]
) -> ClinicalWarning | None:
    """The market-words note of an MME result: the words its computed lines' products
    (drug id, route, form id) are printed in. Every text of the result names a product by its
    line (the worked lines, the rows, a caution naming a co-medication), so the full result and
    ``mme --batch --summary`` (which builds no text) give the same note from the same lines."""
    with speaking(tables, market):
        said = [product_label(drug, route, form) for drug, route, form in products]
    return words_note(tables, market_words(tables, market), said)
