"""Use case: the daily MME/OME of a regimen document, under the set the user chose."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mps_pain.domain.mme import OnItemError, resolve_items
from mps_pain.domain.mme_spoken import spoken_mme
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import PrnPolicy, RegimenDocument, require_items
from mps_pain.domain.results import ClinicalWarning, MmeResult, sort_warnings
from mps_pain.services.documents import parse_regimen
from mps_pain.services.market_defaults import fallback_note, own_set_for_market
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables

__all__ = [
    "DEFAULT_MME_TABLE",
    "calculate_mme",
    "check_regimen",
    "chosen_set_id",
    "fallback_notes",
    "rescue_size_warnings",
    "with_rescue_sizes",
]

DEFAULT_MME_TABLE = "cdc-2022"


def calculate_mme(
    document: RegimenDocument | Any,
    *,
    tables: TableIndex | None = None,
    table_id: str | None = None,
    prn_policy: PrnPolicy | None = None,
    on_item_error: OnItemError = "raise",
    rescue_sizes: bool = True,
    fallback_set: str | None = None,
) -> MmeResult:
    """MME/OME of ``document`` (a model or a parsed JSON/YAML object).

    The set is, in order: ``table_id`` (e.g. a CLI flag), the document's ``table``, then
    DEFAULT_MME_TABLE. ``fallback_set`` (the app's default) replaces DEFAULT_MME_TABLE; a
    market without a set of its own says which set it fell back to. The PRN policy likewise:
    argument, document, engine default (stated in the result as not stated). ``rescue_sizes``:
    with the rescue-size caution (``with_rescue_sizes``); the app adds it after the first paint.
    """
    tables = tables if tables is not None else get_tables()
    regimen = document if isinstance(document, RegimenDocument) else parse_regimen(document)
    chosen = chosen_set_id(tables, regimen, table_id, fallback_set)
    if on_item_error == "raise":  # the app's editor shows an empty regimen as no total
        tables.reference_set(chosen, location="table")  # an unknown set is named first
        require_items(regimen.items)
    policy = prn_policy or regimen.prn
    result = spoken_mme(  # in the words of the document's market (session 19)
        tables, regimen, table_id=chosen, prn_policy=policy, on_item_error=on_item_error
    )
    notes = fallback_notes(tables, regimen, table_id, chosen)
    if notes:
        result = result.model_copy(update={"warnings": sort_warnings([*result.warnings, *notes])})
    return with_rescue_sizes(tables, regimen, result) if rescue_sizes else result


def with_rescue_sizes(tables: TableIndex, regimen: RegimenDocument, result: MmeResult) -> MmeResult:
    """``result`` with the rescue-size caution the check and rotate give, by the same function
    (clinician review 20, N2; the total is unchanged). A regimen with no as-needed opioid beside
    a regular line has none to judge."""
    shapes = {item.prn for item in regimen.items}
    if shapes != {True, False}:
        return result
    # start-up seam: the planner's rescue rule loads only for a regimen with a rescue to judge
    from mps_pain.domain.rotation.rescue_above import document_rescue_warnings

    more = document_rescue_warnings(tables, regimen, result.table.id, result.prn)
    if not more:
        return result
    return result.model_copy(update={"warnings": sort_warnings([*result.warnings, *more])})


def rescue_size_warnings(
    tables: TableIndex,
    daily: Sequence[DailyItem],
    table_id: str,
    market: str | None,
    prn: PrnPolicy,
) -> list[ClinicalWarning]:
    """The same caution for normalised rows (``mme --batch --summary``)."""
    if {d.item.prn for d in daily} != {True, False}:
        return []
    # start-up seam: the planner's rescue rule loads only for a regimen with a rescue to judge
    from mps_pain.domain.rotation.rescue_above import regimen_rescue_warnings

    return regimen_rescue_warnings(tables, table_id, market, daily, prn)


def chosen_set_id(
    tables: TableIndex,
    regimen: RegimenDocument,
    table_id: str | None,
    fallback: str | None = None,
) -> str:
    """The set a regimen is computed under: ``table_id``, the document's ``table``, its
    market's own set, then ``fallback`` or DEFAULT_MME_TABLE (the full result and batch
    summaries). A market without a set of its own (US) takes the same set as a document naming
    no market (fuzz review 21, D3: it fell to the app's UK ratios and lost the CDC danger)."""
    by_market = own_set_for_market(tables, regimen.market)
    return table_id or regimen.table or by_market or fallback or DEFAULT_MME_TABLE


def fallback_notes(
    tables: TableIndex, regimen: RegimenDocument, table_id: str | None, set_id: str
) -> list[ClinicalWarning]:
    """The info line naming the set a market without its own set fell back to; none where a set
    was named (``table_id``, the document's ``table``) or the market has its own."""
    market = regimen.market
    if table_id or regimen.table or market is None or own_set_for_market(tables, market):
        return []
    return [fallback_note(tables, market, set_id)]


def check_regimen(tables: TableIndex, regimen: RegimenDocument) -> None:
    """Refuse what ``mme`` refuses in ``regimen`` whatever set it is read under: an unknown set
    id, and every item the normalisation refuses (unknown drug, form or route, a unit slip...).
    The same two steps ``compute_mme`` takes (``reference_set``, ``resolve_items``); a drug that
    one set cannot convert is not refused here (that is the set's gap, not the regimen's)."""
    if regimen.table is not None:
        tables.reference_set(regimen.table, location="table")
    resolve_items(tables, regimen, "raise")
