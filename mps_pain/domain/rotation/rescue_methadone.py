"""A rescue beside proposed methadone, judged against the opioid the patient is tolerant to
(pharmacist review 17, H1).

No source gives a breakthrough dose on methadone (the switching plan leaves it to the specialist:
``methadone_rescue_rule``), so since re-check 16b a rescue beside methadone was set aside "not
judged", and oxycodone 200 mg as needed, 40 mg × 6 or SC morphine 30 mg beside methadone 5 mg
q8h read WITHIN with only a caution. A ceiling that IS sourced still applies: the breakthrough
dose is at most 1/6 of the 24-h opioid dose (clinical-sources §3(d): SIGN 106, JSPM/closedi.jp
"rescue = 1/6 of the daily OME", Scottish PCG, MECtool), and the dose the patient is tolerant to
is the CURRENT regimen's (as the check reads it: its OME a day, the as-needed doses taken
counted as its choice says). Methadone's own OME is not used: conversions to methadone are not
bidirectional, and 1/6 of methadone's OME was the 16b defect.

So a rescue one dose of which is above 1/6 of the current regimen's OME a day (as the rescue's
drug by its route, ``rescue_size.size_of``, valued as the proposal's total would value it) is a
danger that makes the order not signable as written, whatever its count; one within it keeps the
caution "agree it with the specialist". A rescue the set cannot value (buccal fentanyl), one of a
drug the fraction rule's source excludes (fentanyl), or a current regimen that is itself methadone
(its OME is not reliable) cannot be judged so, and keeps the caution alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.context import equianalgesic_set, rotation_rules
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.rescue_base import current_read
from mps_pain.domain.rotation.rescue_rule import methadone_rescue_rule
from mps_pain.domain.rotation.rescue_size import RescueSize, size_of
from mps_pain.domain.rotation.rounding import market_for
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.units import format_number

__all__ = [
    "RESCUE_ABOVE_TOLERANCE",
    "RESCUE_NOT_JUDGEABLE",
    "methadone_rescue_dangers",
    "methadone_rescue_judged",
]

RESCUE_ABOVE_TOLERANCE = "rescue-above-current-dose"
RESCUE_NOT_JUDGEABLE = "rescue-beside-methadone-not-judgeable"
_REL = 1e-6


def methadone_rescue_dangers(
    tables: TableIndex,
    request: CheckRequest,
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem],
    prn: str | None,
) -> list[ClinicalWarning]:
    """A danger for each as-needed opioid order (not methadone's own) beside regular methadone
    whose one dose is above 1/6 of the current regimen's OME a day other than methadone, as
    that line's drug, or that cannot be judged so (``methadone_rescue_judged``)."""
    return [w for _, w in methadone_rescue_judged(tables, request, proposed, current, prn) if w]


def methadone_rescue_judged(
    tables: TableIndex,
    request: CheckRequest,
    proposed: Sequence[DailyItem],
    current: Sequence[DailyItem],
    prn: str | None,
) -> list[tuple[DailyItem, ClinicalWarning | None]]:
    """Each rescue order beside regular methadone with its danger, or None where it was judged
    within 1/6 of the current regimen's OME other than methadone (re-check 17b, H1 and H2: a
    current methadone regimen and an injected fentanyl rescue were not judged at all). A rescue
    the current regimen holds at that dose already is not a new order and is left out."""
    rules = rotation_rules(tables)
    regular = [d for d in proposed if d.is_opioid and not d.item.prn]
    if methadone_rescue_rule(rules, {d.drug.id for d in regular}) != "methadone-agreed":
        return []
    set_ = equianalgesic_set(tables, rules, request.table)
    methadone = rules.methadone.drug
    others = [d for d in current if d.drug.id != methadone]
    now = current_read(tables, set_, rules, others, prn) if others else None
    if now is not None and now.total_mg_per_day <= 0:
        now = None
    market = market_for(request.market, set_)
    found: list[tuple[DailyItem, ClinicalWarning | None]] = []
    for line in proposed:
        if not line.is_opioid or not line.item.prn or line.drug.id == methadone:
            continue
        dose_mg = line.item.dose_mg()
        if dose_mg is None or _taken_now(line, dose_mg, current, methadone):
            continue
        size = (
            None
            if now is None
            else size_of(tables, rules, set_, market, now.total_mg_per_day, line, now)
        )
        if size is None or size.bt.high is None:
            found.append((line, _cannot_judge(tables, line, now is None, set_.output_label)))
        elif dose_mg > size.bt.high.value * (1 + _REL):
            found.append((line, _danger(tables, line, dose_mg, size, set_.output_label)))
        else:
            found.append((line, None))
    return found


def _taken_now(
    line: DailyItem, dose_mg: float, current: Sequence[DailyItem], methadone: str
) -> bool:
    """The patient is on methadone now and takes this rescue (drug, route) at least this dose."""
    if not any(d.drug.id == methadone for d in current):
        return False
    return any(
        d.item.prn
        and d.drug.id == line.drug.id
        and d.item.route == line.item.route
        and (d.item.dose_mg() or 0.0) >= dose_mg * (1 - _REL)
        for d in current
    )


def _cannot_judge(
    tables: TableIndex, line: DailyItem, no_base: bool, label: str
) -> ClinicalWarning:
    bt_rules = rotation_rules(tables).breakthrough
    name = f"{line.drug.name.lower()} {line.item.route}"
    why = (
        "the patient takes no opioid now other than methadone, and methadone's own "
        f"{label} is no base for a rescue"
        if no_base
        else "the chosen set gives no factor to compare it with that opioid"
    )
    return ClinicalWarning(
        code=RESCUE_NOT_JUDGEABLE,
        severity="danger",
        message=(
            f"The as-needed {name} dose beside the regular methadone cannot be judged against "
            f"{format_fraction(bt_rules.fraction_high)} of the opioid the patient takes now: "
            f"{why}. No source gives a breakthrough dose on methadone. Not signable until the "
            "rescue is agreed with the palliative care specialist."
        ),
        source=tables.cite(bt_rules.citation),
        item=line.index,
    )


def _danger(
    tables: TableIndex, line: DailyItem, dose_mg: float, size: RescueSize, label: str
) -> ClinicalWarning:
    bt_rules = rotation_rules(tables).breakthrough
    assert size.bt.high is not None
    name = f"{line.drug.name.lower()} {line.item.route}"
    return ClinicalWarning(
        code=RESCUE_ABOVE_TOLERANCE,
        severity="danger",
        message=(
            f"The as-needed {name} dose ({format_number(dose_mg)} mg) beside the regular "
            f"methadone is above {format_fraction(bt_rules.fraction_high)} of the opioid the "
            f"patient takes now, {daily_amount(size.base_ome, label)} (as {name}, "
            f"{format_number(size.daily_mg)} mg/day: at most "
            f"{format_number(size.bt.high.value)} mg per dose): risk of overdose, whatever "
            "the number of doses. No source gives a breakthrough dose on methadone, but it is "
            "never more than the breakthrough rule allows for the current regimen. Not signable "
            "as written: reduce it, and agree the rescue with the palliative care specialist."
        ),
        source=tables.cite(bt_rules.citation),
        item=line.index,
    )
