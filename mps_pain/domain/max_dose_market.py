"""A drug's maximum daily dose where the named market holds none of its own (pharmacist re-check
20b, M-1): naming a market never silences a kidney limit. Another market's label is never
applied as this market's maximum (re-check 16b, #8: a UK plan judged naproxen by the JP Naixan
label), but where the patient's renal function falls in a reduced-function band that only
another market's label holds, and the daily total is above it, that label's kidney maximum is
said, named as that market's (``renal-limit-other-market``). One rule for ``mme``, the plan and
the check (``max_dose``).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.results import ClinicalWarning
from mps_pain.numbers import format_number_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, MaxDaily
from mps_pain.units import format_number

__all__ = [
    "NOT_IN_MARKET",
    "RENAL_OTHER_MARKET",
    "market_gap_warnings",
    "no_maximum_in_market",
    "other_market_renal_warning",
    "renal_text",
    "sourced_in",
]

NOT_IN_MARKET = "max-daily-dose-not-in-market"
RENAL_OTHER_MARKET = "renal-limit-other-market"
"""The code of the caution: the total is above another market's label's maximum for the
patient's renal function, and the named market's labels hold none for it."""

Use = tuple[int, str, float]
"""What the maximum-dose rule reads of an item: its position, route and daily mg/day."""

NONE_APPLIED = (
    "so none is applied here: check the daily dose (regular and as-needed doses together) "
    "against the local formulary's maximum"
)


def renal_text(limit: MaxDaily, renal: tuple[float, str] | None) -> str:
    """The words of a renal band: "for renal function 15–30 mL/min (eGFR 25 mL/min given)"."""
    if limit.renal is None or renal is None:
        return ""
    low, high = limit.renal.at_least_ml_per_min, limit.renal.below_ml_per_min
    band = (
        format_number_span(low, high)
        if low is not None and high is not None
        else (f"≥ {format_number(low)}" if low is not None else f"< {format_number(high or 0)}")
    )
    return f" for renal function {band} mL/min ({renal[1]} {format_number(renal[0])} mL/min given)"


def sourced_in(drug: Drug, market: str) -> bool:
    """Whether a maximum of the drug applies in ``market``: its own label's, or one the tables
    apply in every market."""
    return any(lim.market in (None, market) and lim.population is None for lim in drug.max_daily)


def no_maximum_in_market(drug: Drug, market: str, item: int | None) -> ClinicalWarning:
    """No maximum of this market's labels is in the reviewed sources: said, never another
    market's label borrowed (re-check 16b, #8: a UK plan judged naproxen by the JP Naixan
    label's 600 mg/day, below the UK licensed dose)."""
    renal = any(lim.renal is not None for lim in drug.max_daily)
    by_renal = " and for the patient's renal function (other labels lower it)" if renal else ""
    return ClinicalWarning(
        code=NOT_IN_MARKET,
        severity="caution",
        message=(
            f"{drug.spoken_name}: no maximum daily dose of the {market} labels is in the reviewed "
            f"sources (the tables hold other countries' labels only), {NONE_APPLIED}{by_renal}."
        ),
        item=item,
    )


def _reduced_band_holds(limit: MaxDaily, renal: float) -> bool:
    """A kidney limit (a band closed above: reduced renal function) that the value falls in."""
    band = limit.renal
    return band is not None and band.below_ml_per_min is not None and band.contains(renal)


def other_market_renal_warning(
    tables: TableIndex,
    drug: Drug,
    uses: Sequence[Use],
    market: str | None,
    renal: tuple[float, str] | None,
) -> ClinicalWarning | None:
    """The lowest kidney maximum of another market's label that the patient's renal function
    falls in and the total is above, said as that market's, when no label of ``market`` (nor one
    for every market) holds a renal band for this function. None without a market (every label
    is then applied by ``drug_max_dose_warning``), a renal function or such a band."""
    if market is None or renal is None or not uses:
        return None
    held = [lim for lim in drug.max_daily if lim.population is None and lim.hepatic is None]
    if any(lim.market in (None, market) and _reduced_band_holds(lim, renal[0]) for lim in held):
        return None  # the market's own kidney limit judges it
    over: list[tuple[float, MaxDaily]] = []
    for lim in held:
        if lim.market is None or not _reduced_band_holds(lim, renal[0]):
            continue
        total = sum(mg for _, route, mg in uses if lim.routes is None or route in lim.routes)
        if total > lim.dose.to("mg/day"):
            over.append((total, lim))
    if not over:
        return None
    total, limit = min(over, key=lambda pair: (float(pair[1].dose.to("mg/day")), pair[1].market))
    return ClinicalWarning(
        code=RENAL_OTHER_MARKET,
        severity="caution",
        message=(
            f"{drug.spoken_name}: {format_number(total)} mg/day is above the maximum of "
            f"{limit.dose}{renal_text(limit, renal)} of the {limit.market} label. No {market} "
            "label's maximum for this renal function is in the reviewed sources, so it is not "
            f"applied as the "
            f"{market} maximum: check the dose against the local formulary for the patient's "
            "renal function and reduce it if above."
        ),
        source=tables.cite(limit.citation),
        item=uses[0][0],
    )


def market_gap_warnings(
    tables: TableIndex,
    drug: Drug,
    uses: Sequence[Use],
    market: str | None,
    renal: tuple[float, str] | None,
) -> list[ClinicalWarning]:
    """What is said of a drug with a cited maximum when ``market`` holds none of its own: that
    none is applied, and another market's kidney limit the total is above."""
    if market is None or not drug.max_daily or sourced_in(drug, market):
        return []
    item = uses[0][0] if uses else None
    kidney = other_market_renal_warning(tables, drug, uses, market, renal)
    return [no_maximum_in_market(drug, market, item), *([kidney] if kidney else [])]
