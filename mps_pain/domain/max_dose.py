"""The maximum daily dose rule: each drug's daily total (regular and as-needed doses taken)
against its lowest applicable cited maximum (``drugs[].max_daily``: by market, hepatic
impairment and renal function), for ``mme`` and, on a regimen to be given, for the plan and the
check (``proposal_max_dose_warnings``: the regular doses above it are a danger, the as-needed
doses' headroom a caution). Each number comes from a table row with its citation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from mps_pain.domain.memo import remembered
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.regimen import Patient, RegimenDocument
from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, MaxDaily
from mps_pain.units import format_number

__all__ = [
    "MAX_DOSE",
    "MAX_DOSE_ADVICE",
    "RENAL_NEEDED",
    "drug_max_dose_warning",
    "max_dose_warnings",
    "proposal_max_dose_warnings",
]

_KEPT = 50_000
ADVISORY = "advisory-daily-limit"
MAX_DOSE = "max-daily-dose"
"""The code of the warning: a drug's daily total is above its cited maximum daily dose."""
RENAL_NEEDED = "renal-function-needed"
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


def _renal_text(limit: MaxDaily, renal: tuple[float, str] | None) -> str:
    if limit.renal is None or renal is None:
        return ""
    low, high = limit.renal.at_least_ml_per_min, limit.renal.below_ml_per_min
    band = (
        f"{format_number(low)}–{format_number(high)}"
        if low is not None and high is not None
        else (f"≥ {format_number(low)}" if low is not None else f"< {format_number(high or 0)}")
    )
    return f" for renal function {band} mL/min ({renal[1]} {format_number(renal[0])} mL/min given)"


Use = tuple[int, str, float]
"""What the maximum-dose rule reads of an item: its position, route and daily mg/day."""


def max_dose_warnings(
    tables: TableIndex, document: RegimenDocument, by_drug: Mapping[str, Sequence[Use]]
) -> list[ClinicalWarning]:
    """Total of each drug across all its items against its lowest applicable maximum.
    ``by_drug``: each drug with a cited maximum and its items' uses, in item order (the
    regimen's one-pass record, ``regimen_record(tables, items).max_dose``)."""
    patient = document.patient
    renal = patient.renal_ml_per_min()
    warnings = []
    for drug_id, uses in by_drug.items():
        found = drug_max_dose_warning(
            tables, drug_id, tuple(uses), document.market, patient.hepatic_impairment, renal
        )
        if found is not None:
            warnings.append(found)
    return warnings


def drug_max_dose_warning(
    tables: TableIndex,
    drug_id: str,
    uses: tuple[Use, ...],
    market: str | None,
    hepatic: str | None,
    renal: tuple[float, str] | None,
) -> ClinicalWarning | None:
    """``_drug_max_dose_warning``, remembered per table for each distinct set of arguments
    (``domain.memo``: a pure function of them)."""
    key = (drug_id, uses, market, hepatic, renal)
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
                f"{drug.name}: {format_number(total)} mg/day{products} is above the "
                f"maximum of {limit.dose}{_renal_text(limit, renal)}"
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
                f"{drug.name}: {format_number(total)} mg/day{products} is "
                f"{_met(applicable)}above {limit.dose} advised for {limit.population}."
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
                    f"{drug.name}: {format_number(lowest_total)} mg/day may exceed the "
                    "maximum for reduced renal function; enter eGFR or creatinine "
                    "clearance to check it."
                ),
                source=tables.cite(lowest.citation),
                item=item,
            )
    return None


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


def proposal_max_dose_warnings(
    tables: TableIndex,
    patient: Patient,
    market: str | None,
    items: Sequence[DailyItem],
    as_needed_mg: dict[str, float] | None = None,
    *,
    taken: bool = False,
) -> list[ClinicalWarning]:
    """The maximum-dose rule of ``mme`` (``drug_max_dose_warning``) on a regimen to be GIVEN
    (rotate's plan, check's proposal): the regular items' total of a drug above its cited
    maximum is a danger; regular plus as-needed doses above it is a caution stating the
    headroom (``as_needed_mg``: one as-needed dose in mg per drug; as-needed items with a
    number of doses count at that number); a drug whose catalogue cites no maximum
    (``max_daily_not_found``) gets a caution saying so. ``taken``: the lines are continued as
    the patient takes them (a plan's co-medications), so their as-needed doses taken are
    intake, judged as regular doses (pharmacist re-check 16b, #1)."""
    renal = patient.renal_ml_per_min()
    regular: dict[str, list[Use]] = defaultdict(list)
    with_prn: dict[str, list[Use]] = defaultdict(list)
    for daily in items:
        use = (daily.index, daily.item.route, daily.daily_mg_per_day)
        with_prn[daily.drug.id].append(use)
        if not daily.item.prn or taken:  # ``taken``: lines continued as they are taken
            regular[daily.drug.id].append(use)
    found: list[ClinicalWarning] = []
    for drug_id in dict.fromkeys([*regular, *with_prn, *(as_needed_mg or {})]):
        drug = tables.drugs[drug_id]
        if drug.max_daily_not_found is not None and drug.is_opioid:
            found.append(_no_cited_maximum(drug))
            continue
        if not drug.max_daily:
            continue
        args = (market, patient.hepatic_impairment, renal)
        # an as-needed-only drug has no regular total: only its headroom below is stated
        # (outside fuzz review 4, C1: the empty total was asked for and crashed)
        over = drug_max_dose_warning(tables, drug_id, tuple(regular[drug_id]), *args)
        if over is not None and over.code == "max-daily-dose":
            found.append(over.model_copy(update={"severity": "danger"}))
            continue
        renal_said = over is not None and over.code == RENAL_NEEDED
        if over is not None and over.code in (RENAL_NEEDED, ADVISORY):  # said as mme says them
            found.append(over)
        found += _as_needed_headroom(
            tables, drug, tuple(with_prn[drug_id]), (as_needed_mg or {}).get(drug_id), args
        )
        if not renal_said:  # the as-needed doses count towards a renal maximum too
            found += _renal_with_as_needed(tables, drug_id, tuple(with_prn[drug_id]), args)
    return found


def _renal_with_as_needed(
    tables: TableIndex,
    drug_id: str,
    uses: tuple[Use, ...],
    args: tuple[str | None, str | None, tuple[float, str] | None],
) -> list[ClinicalWarning]:
    """The renal maximum applies to the whole daily dose, as-needed doses taken included (the
    labels' daily maxima by creatinine clearance, clinical-sources §3(e)): regular and
    as-needed doses at their stated number above the lowest renal maximum, with the renal
    function not given, ask for it (fuzz review 5: only the regular doses were asked about)."""
    over = drug_max_dose_warning(tables, drug_id, uses, *args) if uses else None
    if over is None or over.code != RENAL_NEEDED:
        return []
    message = over.message.replace(
        " may exceed", " with the as-needed doses at their stated number may exceed"
    )
    return [over.model_copy(update={"message": message})]


def _no_cited_maximum(drug: Drug) -> ClinicalWarning:
    return ClinicalWarning(
        code="max-daily-dose-not-cited",
        severity="caution",
        message=(
            f"{drug.name}: no maximum daily dose is cited in the reviewed sources, so none is "
            "applied here: check the daily dose (regular and as-needed doses together) against "
            "the local formulary's maximum."
        ),
    )


def _as_needed_headroom(
    tables: TableIndex,
    drug: Drug,
    uses: tuple[Use, ...],
    one_dose_mg: float | None,
    args: tuple[str | None, str | None, tuple[float, str] | None],
) -> list[ClinicalWarning]:
    """Regular plus as-needed doses against the maximum: the possible daily total, stated."""
    if one_dose_mg is None:
        over = drug_max_dose_warning(tables, drug.id, uses, *args) if uses else None
        if over is None or over.code != "max-daily-dose":
            return []
        message = over.message.replace(
            "is above the maximum",
            "with the as-needed doses at their stated number is above the maximum",
        ).replace(MAX_DOSE_ADVICE, "Limit the as-needed doses.")
        return [
            over.model_copy(
                update={
                    "severity": "caution",
                    "message": message,
                    "code": "max-daily-dose-as-needed",
                }
            )
        ]
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
        f"{drug.name}: the regular {format_number(total)} mg/day leaves "
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
