"""The maximum daily dose rule: each drug's daily total (regular and as-needed doses taken)
against its lowest applicable cited maximum (``drugs[].max_daily``: by market, hepatic
impairment and renal function), for ``mme`` and, on a regimen to be given, for the plan and the
check (``proposal_max_dose_warnings``: the regular doses above it are a danger, the as-needed
doses' headroom a caution). Each number comes from a table row with its citation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from mps_pain.domain.as_needed_dose import uncounted_as_needed_mg
from mps_pain.domain.max_dose_market import (
    NONE_APPLIED,
    NOT_IN_MARKET,
    RENAL_OTHER_MARKET,
    Use,
    market_gap_warnings,
    other_market_renal_warning,
    renal_text,
    sourced_in,
)
from mps_pain.domain.memo import remembered
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, MaxDaily
from mps_pain.tables.spoken_words import spoken_market
from mps_pain.units import format_number

__all__ = [
    "DOSE_TO_CHECK",
    "MAX_DOSE",
    "MAX_DOSE_ADVICE",
    "NOT_IN_MARKET",
    "RENAL_NEEDED",
    "drug_max_dose_warning",
    "given_market",
    "max_dose_warnings",
    "proposal_max_dose_warnings",
]

_KEPT = 50_000
ADVISORY = "advisory-daily-limit"
MAX_DOSE = "max-daily-dose"
"""The code of the warning: a drug's daily total is above its cited maximum daily dose."""
RENAL_NEEDED = "renal-function-needed"
#: the warnings that ask for a line's dose to be checked before it is given (pharmacist review
#: 17, H2): a plan never continues such a line "unchanged" (``schedule_current``)
DOSE_TO_CHECK = (RENAL_NEEDED, NOT_IN_MARKET, RENAL_OTHER_MARKET)
"""The code of the caution: the total may be above a renal maximum; the renal function is
needed to tell."""
MAX_DOSE_ADVICE = "Reduce the dose or stop a product."
"""The last sentence of a max-daily-dose warning (the plan replaces it with its own)."""


def _limit_applies(
    limit: MaxDaily, market: str | None, hepatic: str | None, renal: tuple[float, str] | None
) -> bool | None:
    """True/False, or None when the limit depends on renal function that was not given."""
    if limit.market is not None and market is not None and limit.market != market:
        return False
    if limit.hepatic is not None and (hepatic is None or hepatic not in limit.hepatic):
        return False
    if limit.renal is not None:
        if renal is None:
            return None
        return limit.renal.contains(renal[0])
    return True


def max_dose_warnings(
    tables: TableIndex, document: RegimenDocument, by_drug: Mapping[str, Sequence[Use]]
) -> list[ClinicalWarning]:
    """Total of each drug across all its items against its lowest applicable maximum.
    ``by_drug``: each drug with a cited maximum and its items' uses, in item order (the
    regimen's one-pass record, ``regimen_record(tables, items).max_dose``)."""
    patient = document.patient
    renal = patient.renal_ml_per_min()
    warnings = []
    market = document.market
    for drug_id, uses in by_drug.items():
        drug = tables.drugs[drug_id]
        if market is not None and not sourced_in(drug, market):  # re-check 20b, M-1
            warnings += market_gap_warnings(tables, drug, uses, market, renal)
            continue
        found = drug_max_dose_warning(
            tables, drug_id, tuple(uses), market, patient.hepatic_impairment, renal
        )
        if found is not None:
            warnings.append(found)
        if found is None or found.code != MAX_DOSE:
            warnings += _other_kidney(tables, drug, uses, market, renal)
    return warnings


def _other_kidney(
    tables: TableIndex,
    drug: Drug,
    uses: Sequence[Use],
    market: str | None,
    renal: tuple[float, str] | None,
) -> list[ClinicalWarning]:
    """Another market's kidney limit the total is above, where the market's own maxima hold
    none for this renal function (``max_dose_market``)."""
    kidney = other_market_renal_warning(tables, drug, uses, market, renal)
    return [kidney] if kidney is not None else []


def drug_max_dose_warning(
    tables: TableIndex,
    drug_id: str,
    uses: tuple[Use, ...],
    market: str | None,
    hepatic: str | None,
    renal: tuple[float, str] | None,
) -> ClinicalWarning | None:
    """``_drug_max_dose_warning``, remembered per table for each distinct set of arguments
    (``domain.memo``: a pure function of them and of the market's words it names the drug in)."""
    key = (drug_id, uses, market, hepatic, renal, spoken_market().key)
    return remembered(
        tables,
        "drug_max_dose_warning",
        key,
        lambda: _drug_max_dose_warning(tables, drug_id, uses, market, hepatic, renal),
        _KEPT,
    )


def _drug_max_dose_warning(
    tables: TableIndex,
    drug_id: str,
    uses: tuple[Use, ...],
    market: str | None,
    hepatic: str | None,
    renal: tuple[float, str] | None,
) -> ClinicalWarning | None:
    """One drug's total across its items against its lowest applicable maximum (no items: no
    total, so no warning)."""
    if not uses:
        return None
    drug: Drug = tables.drugs[drug_id]
    applicable: list[tuple[float, MaxDaily]] = []
    renal_unknown: list[tuple[float, MaxDaily]] = []
    for limit in drug.max_daily:
        verdict = _limit_applies(limit, market, hepatic, renal)
        if verdict is False:
            continue
        relevant = [mg for _, route, mg in uses if limit.routes is None or route in limit.routes]
        if relevant:
            total = sum(relevant)
            (applicable if verdict else renal_unknown).append((total, limit))
    over = [(t, lim) for t, lim in applicable if t > lim.dose.to("mg/day")]
    general = [(t, lim) for t, lim in over if lim.population is None]
    advisory = [(t, lim) for t, lim in over if lim.population is not None]
    products = f" across {len(uses)} items" if len(uses) > 1 else ""
    item = uses[0][0]
    if general:
        total, limit = min(general, key=lambda pair: _lowest_nearest(pair[1], market))
        return ClinicalWarning(
            code=MAX_DOSE,
            severity=limit.severity,
            message=(
                f"{drug.spoken_name}: {format_number(total)} mg/day{products} is above the "
                f"maximum of {limit.dose}{renal_text(limit, renal)}"
                f"{' (' + limit.market + ' label)' if limit.market else ''}. "
                f"{MAX_DOSE_ADVICE}"
            ),
            source=tables.cite(limit.citation),
            item=item,
        )
    if advisory:
        total, limit = min(advisory, key=lambda pair: pair[1].dose.to("mg/day"))
        return ClinicalWarning(
            code=ADVISORY,
            severity="info",
            message=(
                f"{drug.spoken_name}: {format_number(total)} mg/day{products} is "
                f"{_met(applicable)}above {limit.dose} advised for {limit.population}."
            ),
            source=tables.cite(limit.citation),
            item=item,
        )
    above_all = _above_every_band(renal_unknown) if not applicable else None
    if above_all is not None:  # above the maximum whatever the kidneys (re-check 17b, M1)
        total, limit = above_all
        return ClinicalWarning(
            code=MAX_DOSE,
            severity=limit.severity,
            message=(
                f"{drug.spoken_name}: {format_number(total)} mg/day{products} is above the maximum "
                f"of {limit.dose} even with normal renal function (lower when it is reduced). "
                f"{MAX_DOSE_ADVICE}"
            ),
            source=tables.cite(limit.citation),
            item=item,
        )
    if renal_unknown and not applicable:
        lowest_total, lowest = min(renal_unknown, key=lambda pair: pair[1].dose.to("mg/day"))
        if lowest_total > lowest.dose.to("mg/day"):
            return ClinicalWarning(
                code=RENAL_NEEDED,
                severity="caution",
                message=(
                    f"{drug.spoken_name}: {format_number(lowest_total)} mg/day may exceed the "
                    "maximum for reduced renal function; enter eGFR or creatinine "
                    "clearance to check it."
                ),
                source=tables.cite(lowest.citation),
                item=item,
            )
    return None


def _above_every_band(
    renal_unknown: list[tuple[float, MaxDaily]],
) -> tuple[float, MaxDaily] | None:
    """The highest renal band's maximum, with the total above it, when the bands reach normal
    renal function (a band open upwards) and the total is above every band's maximum: above the
    maximum whatever the renal function. None otherwise (the renal function decides)."""
    if not any(lim.renal is not None and lim.renal.below_ml_per_min is None
               for _, lim in renal_unknown):  # fmt: skip
        return None
    total, highest = max(renal_unknown, key=lambda pair: pair[1].dose.to("mg/day"))
    return (total, highest) if total > highest.dose.to("mg/day") else None


def _lowest_nearest(limit: MaxDaily, market: str | None) -> tuple[float, int]:
    """The lowest maximum; at the same dose, the market's own label, then one for every market
    (re-check 16: a UK plan named the "US label" for the 4 g/day every market shares)."""
    nearness = (
        0 if market is not None and limit.market == market else 1 + (limit.market is not None)
    )
    return float(limit.dose.to("mg/day")), nearness


def _met(applicable: list[tuple[float, MaxDaily]]) -> str:
    """The words of the maximum a total was judged within, only when one was (pharmacist
    re-check 16, #1: "within the label maximum" was said of IV totals no maximum covered)."""
    met = [lim for _, lim in applicable if lim.population is None]
    if not met:
        return "not judged against a maximum (none cited for it) and "
    return f"within the maximum of {min(met, key=lambda lim: lim.dose.to('mg/day')).dose} but "


def given_market(tables: TableIndex, requested: str | None, set_id: str) -> str | None:
    """The market whose labels' maxima judge a regimen to be given: the one asked for, else the
    set's own (a UK plan is judged by the maxima of its own market, never a JP label's;
    pharmacist re-check 16b, #8), as the plan's strengths are chosen."""
    return requested if requested is not None else tables.reference_set(set_id).market


def proposal_max_dose_warnings(
    tables: TableIndex,
    patient: Patient,
    market: str | None,
    items: Sequence[DailyItem],
    as_needed_mg: dict[str, float] | None = None,
) -> list[ClinicalWarning]:
    """The maximum-dose rule of ``mme`` (``drug_max_dose_warning``) on a regimen to be GIVEN
    (rotate's plan and the co-medications it continues, check's proposal): a drug's daily total
    above its cited maximum is a danger, as-needed items with a stated number of doses counted
    at that number like regular doses (a count is doses taken, or an order's own expected use:
    an order that allows the day's total above the maximum at its own count permits exceeding
    it; pharmacist re-check 16b, #1: 3 g regular + 3 g as needed read a caution where 6 g
    regular read the danger). ``as_needed_mg``: the plan's one breakthrough dose in mg per drug,
    with no count, whose headroom below the maximum is stated; a drug whose catalogue cites no
    maximum (``max_daily_not_found``) gets a caution saying so."""
    renal = patient.renal_ml_per_min()
    # an as-needed line with no count has its one dose's headroom stated (re-check 21b, N-1)
    as_needed_mg = {**uncounted_as_needed_mg(items), **(as_needed_mg or {})}
    uses: dict[str, list[Use]] = defaultdict(list)
    as_needed_items: set[str] = set()
    for daily in items:
        uses[daily.drug.id].append((daily.index, daily.item.route, daily.daily_mg_per_day))
        if daily.item.prn:
            as_needed_items.add(daily.drug.id)
    found: list[ClinicalWarning] = []
    for drug_id in dict.fromkeys([*uses, *as_needed_mg]):
        drug = tables.drugs[drug_id]
        if (
            drug.max_daily_not_found is not None
            and drug.is_opioid
            and not (drug.max_daily and (market is None or sourced_in(drug, market)))
        ):  # none cited, or only other markets' labels (tapentadol: JP; review 19, M2)
            found.append(_no_cited_maximum(drug, market))
            continue
        if not drug.max_daily:
            continue
        if market is not None and not sourced_in(drug, market):  # re-check 20b, M-1
            found += market_gap_warnings(tables, drug, uses[drug_id], market, renal)
            continue
        args = (market, patient.hepatic_impairment, renal)
        # an as-needed-only breakthrough has no total: only its headroom below is stated
        # (outside fuzz review 4, C1: the empty total was asked for and crashed)
        over = drug_max_dose_warning(tables, drug_id, tuple(uses[drug_id]), *args)
        if over is not None and drug_id in as_needed_items:
            over = _said_with_as_needed(over)
        if over is not None and over.code == MAX_DOSE:
            found.append(over)
            continue
        if over is not None:  # renal function needed, or an advisory limit: said as mme says
            found.append(over)
        found += _other_kidney(tables, drug, uses[drug_id], market, renal)
        found += _as_needed_headroom(
            tables, drug, tuple(uses[drug_id]), as_needed_mg.get(drug_id), args
        )
    return found


def _said_with_as_needed(warning: ClinicalWarning) -> ClinicalWarning:
    """A total that counts as-needed doses at their stated number says so (fuzz review 5: the
    renal question; re-check 16b: the maximum)."""
    phrase = " with the as-needed doses at their stated number"
    message = re.sub(r" (is|may) ", phrase + r" \1 ", warning.message, count=1)
    return warning.model_copy(update={"message": message})


def _no_cited_maximum(drug: Drug, market: str | None) -> ClinicalWarning:
    """No maximum of the drug is cited, or only other markets' labels' (said, never borrowed)."""
    held = sorted({lim.market for lim in drug.max_daily if lim.market is not None})
    where = (
        f" for the {market} labels (the tables hold the {', '.join(held)} label's only)"
        if held and market is not None
        else ""
    )
    return ClinicalWarning(
        code="max-daily-dose-not-cited",
        severity="caution",
        message=f"{drug.spoken_name}: no maximum daily dose{where} is cited in the reviewed "
        f"sources, {NONE_APPLIED}.",
    )


def _as_needed_headroom(
    tables: TableIndex,
    drug: Drug,
    uses: tuple[Use, ...],
    one_dose_mg: float | None,
    args: tuple[str | None, str | None, tuple[float, str] | None],
) -> list[ClinicalWarning]:
    """The plan's breakthrough dose against the maximum: the regular total leaves room for at
    most K as-needed doses a day, stated (K = 0 is a danger: choose another breakthrough)."""
    if one_dose_mg is None:
        return []
    limits = [
        lim
        for lim in drug.max_daily
        if lim.population is None and _limit_applies(lim, *args) is True
    ]
    if not limits:
        return []
    limit = min(limits, key=lambda lim: lim.dose.to("mg/day"))
    maximum = float(limit.dose.to("mg/day"))
    total = sum(mg for _, route, mg in uses if limit.routes is None or route in limit.routes)
    room = max(maximum - total, 0.0)
    doses = int((room + 1e-9) // one_dose_mg)
    said = (
        f"{drug.spoken_name}: the regular {format_number(total)} mg/day leaves "
        f"{format_number(room)} mg/day to the maximum of {limit.dose}, so at most {doses} "
        f"as-needed dose(s) of {format_number(one_dose_mg)} mg a day (possible daily total "
        f"{format_number(total + doses * one_dose_mg)} mg/day)."
    )
    if doses == 0:
        said += " Any as-needed dose of it takes the day above the maximum: choose another "
        said += "breakthrough opioid."
    return [
        ClinicalWarning(
            code="max-daily-dose-as-needed",
            severity="danger" if doses == 0 else "caution",
            message=said,
            source=tables.cite(limit.citation),
        )
    ]
