"""A regimen's MME in the words of the market its document names (session 19: ``mme`` kept the
catalogue's words, "acetaminophen … ER", for a UK document whose ``market`` already picked its
strengths and label maxima, beside a plan saying "paracetamol … MR"). The same rule as a plan's
and a check's (``rotation.spoken``): the result is made inside ``speaking``, carries its market
for its views, and one info note names the market's words it prints, with their sources. A
document naming no market keeps the catalogue's words, as before."""

from __future__ import annotations

from mps_pain.domain.market_words import speaking, words_note
from mps_pain.domain.mme import OnItemError, compute_mme
from mps_pain.domain.regimen import PrnPolicy, RegimenDocument
from mps_pain.domain.results import MmeResult, sort_warnings
from mps_pain.tables.index import TableIndex

__all__ = ["spoken_mme"]


def spoken_mme(
    tables: TableIndex,
    document: RegimenDocument,
    *,
    table_id: str,
    prn_policy: PrnPolicy | None = None,
    on_item_error: OnItemError = "raise",
) -> MmeResult:
    """``compute_mme`` in the words of ``document.market`` (none: the catalogue's)."""
    with speaking(tables, document.market) as words:
        result = compute_mme(
            tables, document, table_id=table_id, prn_policy=prn_policy, on_item_error=on_item_error
        )
    result = result.model_copy(update={"market": words.market})
    said = [
        *(line.explanation for line in result.items),
        *(warning.message for warning in result.warnings),
    ]
    note = words_note(tables, words, said)
    if note is None:
        return result
    return result.model_copy(update={"warnings": sort_warnings([*result.warnings, note])})
