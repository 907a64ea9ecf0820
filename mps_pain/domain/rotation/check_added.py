"""A dose change with lines added beside every current opioid kept: its amounts and its
headline (``check_dose_change``). The words follow the number (``check_kept.change_kind``,
clinician re-check 20c, L3): an increase only where the daily amount rises; lines added that
add nothing (an as-needed line with none taken) are said as a change of lines, never "+0%"."""

from __future__ import annotations

from mps_pain.domain.daily_amount import route_amount_words
from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_kept import Totals, change_kind, change_words
from mps_pain.domain.rotation.classify import DOSE_CHANGE, ItemRatio
from mps_pain.domain.rotation.ome import CurrentOme, set_ome
from mps_pain.numbers import format_percent_span
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number, format_number_span, tidy

__all__ = [
    "DOSE_ADDED_NOTHING",
    "DOSE_INCREASE",
    "DOSE_STOP",
    "added_totals",
    "change_headline",
]

_KEPT_ALL = "every current opioid kept at its amount"
DOSE_INCREASE = (
    f"This is a dose increase, not a switch ({_KEPT_ALL}, lines added): not checked against a "
    "switching range"
)
DOSE_ADDED_NOTHING = (
    f"This is a change of lines, not a switch ({_KEPT_ALL}; the daily amount unchanged): not "
    "checked against a switching range"
)
DOSE_STOP = (
    "This is a dose change, not a switch (a current drug kept, the other lines stopped; any added "
    "line is said by itself): not checked against a switching range"
)


def _per_mg(before: CurrentOme, current: list[DailyItem], node: tuple[str, str]) -> float:
    """The current regimen's OME per mg/day of ``node`` (its lines by the set's factors)."""
    at = {d.index: d.daily_mg_per_day for d in current if (d.drug.id, d.item.route) == node}
    ome = sum(x.mme_per_day or 0.0 for x in before.lines if x.counted and x.index in at)
    mg = sum(at[x.index] for x in before.lines if x.counted and x.index in at)
    return ome / mg if mg > 0 else 0.0


def added_totals(
    tables: TableIndex,
    set_id: str,
    before: CurrentOme,
    current: list[DailyItem],
    kept: list[DailyItem],
    proposed_prn: str,
    added: tuple[ItemRatio, ...],
) -> Totals:
    """(current, proposed at the range's top, unit, said) of every current line kept and lines
    added: each added line valued at a current line of its drug (or its prodrug's) by the cited
    conversion's range (``route_split``, the reading of a route switch), at that line's factor;
    the kept lines by one factor on both sides. The step is judged at the top of the range."""
    set_, ome = set_ome(tables, set_id, kept, proposed_prn)
    label, now = set_.output_label, before.total_mg_per_day
    low = high = ome.total_mg_per_day
    words = []
    for r in added:
        per_mg = _per_mg(before, current, r.conversion.target)
        low, high = low + r.lower_mg_per_day * per_mg, high + r.higher_mg_per_day * per_mg
        source, target = r.conversion.source, r.conversion.target
        words.append(
            f"{format_number(r.daily_mg_per_day)} mg/day {product_label(*source)} ≈ "
            f"{format_number_span(tidy(r.lower_mg_per_day), tidy(r.higher_mg_per_day))} mg/day "
            f"{product_label(*target)} by the cited {r.conversion.text(tables)}"
        )
    nodes = {(d.drug.id, d.item.route) for d in current}
    for x in ome.lines:  # another opioid added: by the set's factor, as ``mme`` reads it
        if x.counted and (x.drug, x.route) not in nodes:
            words.append(
                f"{route_amount_words(x.daily_dose.value, x.daily_dose.unit, x.route)} "
                f"{product_label(x.drug, x.route, x.form)} = {format_number(x.mme_per_day or 0)} "
                f"mg/day {label} by the set's factor"
            )
    low, high = tidy(low), tidy(high)
    if change_kind(now, high) != "increase":  # the words follow the number (re-check 20c, L3)
        said = (
            f"The lines added add nothing to the daily amount: {'; '.join(words)}; "
            f"{format_number(now)} mg/day {label}{change_words(now, high)}."
        )
        return Totals(now, high, "ome_a_day", "mg/day", label, said)
    change = format_percent_span(low / now - 1, high / now - 1) if now > 0 else ""
    said = (
        f"The increase is the added amount: {'; '.join(words)}; {format_number(now)} → "
        f"{format_number_span(low, high)} mg/day {label} (+{change})."
    )
    return Totals(now, high, "ome_a_day", "mg/day", label, said)


def change_headline(totals: Totals, *, added: bool, stopped: bool) -> str:
    """The headline of a dose change: lines stopped, lines added that raise the daily amount (an
    increase only where its number rises: ``change_kind``) or add nothing, or lines changed."""
    if not added:
        return DOSE_CHANGE
    if stopped:
        return DOSE_STOP
    rises = change_kind(totals.now, totals.new) == "increase"
    return DOSE_INCREASE if rises else DOSE_ADDED_NOTHING
