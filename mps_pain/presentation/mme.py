"""The view of an ``MmeResult``: one row per item, the total, the spread, warnings, citations."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from mps_pain.domain.form_words import product_label
from mps_pain.domain.results import ClinicalWarning, MmeLine, MmeResult, SpreadEntry
from mps_pain.numbers import format_span
from mps_pain.presentation.no_total import no_total_words, said_with_set_names
from mps_pain.presentation.ranged_words import ranged_total_words
from mps_pain.presentation.severity import SEVERITIES, SeverityStyle
from mps_pain.presentation.spoken import in_words_of
from mps_pain.presentation.wording import (
    ABSENT,
    WarningView,
    amount_text,
    number,
    plain_source,
    prn_text,
    table_heading,
    warning_views,
)

__all__ = [
    "Headline",
    "MmeRowView",
    "MmeView",
    "SpreadRowView",
    "bar_mark",
    "headline",
    "item_name",
    "mme_rows",
    "mme_view",
    "no_total_words",
    "purpose_words",
    "total_line",
    "total_words",
]

# the engine's summary of the rows it left out: a headline says it as "(incomplete)"
_SAID_BY_INCOMPLETE = frozenset({"rows-excluded"})


@dataclass(frozen=True, slots=True)
class MmeRowView:
    """One item: ``number`` counts from 1 as people do; ``mme`` is blank-free text."""

    number: int
    name: str
    daily_amount: str
    #: as prescribed, the daily total second: "20 mg q12h (40 mg/day)"; a patch by its rate alone
    prescribed: str
    factor: str
    mme: str
    counted: bool
    opioid: bool
    explanation: str
    citation: str | None


@dataclass(frozen=True, slots=True)
class SpreadRowView:
    """The same regimen under one more set; ``current`` marks the set the result is under."""

    table: str
    name: str
    value: float | None
    value_text: str
    purpose: str
    current: bool
    basis: str = ""  # a plan's spread: the current OME/day the set gives
    before_rounding: str = ""  # a plan's spread: the set's target daily dose before rounding
    # a plan's spread, one kind of number per column (review 7 #4): the set's equianalgesic
    # amount, the amount after its reduction, and the dose its plan gives
    equianalgesic: str = ""
    reduced: str = ""
    given: str = ""


@dataclass(frozen=True, slots=True)
class MmeView:
    heading: str
    unit_label: str  # "MME/day" or "OME/day"
    set_name: str
    prn: str
    rows: tuple[MmeRowView, ...]
    total: float
    #: "90 OME/day", or why there is no total (``no_total_words``), never a "0"
    total_text: str
    excluded: tuple[str, ...]
    spread: tuple[SpreadRowView, ...]
    warnings: tuple[WarningView, ...]
    cautions: tuple[str, ...]
    #: False: no opioid row is counted because every one is left out (``no_total_words``)
    has_total: bool = True
    #: the total's span over its lines' cited factor ranges, "" if none (``ranged_words``)
    ranged: str = ""


def item_name(drug: str, route: str, form: str | None, *, prn: bool = False) -> str:
    """``oxycodone oral ER (as needed)``."""
    name = product_label(drug, route, form)
    return name + (" (as needed)" if prn else "")


def _prescribed(line: MmeLine) -> str:
    daily = amount_text(line.daily_dose)
    if not line.as_entered:
        return daily
    if line.route == "transdermal" or "/day" in line.as_entered:  # a patch; a daily total
        return line.as_entered
    return f"{line.as_entered} ({daily})"


def _factor(line: MmeLine) -> str:
    """``× 2``, or ``× 2 (2–3)`` where the row cites a range (the worked line says why)."""
    if line.factor is None:
        return ABSENT
    span = line.factor_range
    if span is None or span[0] == span[1]:
        return f"× {number(line.factor)}"
    return f"× {number(line.factor)} ({format_span(number(span[0]), number(span[1]))})"


def _row(line: MmeLine) -> MmeRowView:
    if line.mme_per_day is None:
        mme = "adjuvant"
    else:
        mme = number(line.mme_per_day) + ("" if line.counted else " (not counted)")
    return MmeRowView(
        number=line.index + 1,
        name=item_name(line.drug, line.route, line.form, prn=line.prn),
        daily_amount=amount_text(line.daily_dose),
        prescribed=_prescribed(line),
        factor=_factor(line),
        mme=mme,
        counted=line.counted,
        opioid=line.kind == "opioid",
        explanation=plain_source(line.explanation) or line.explanation,  # as --json says it
        citation=plain_source(line.source),
    )


def mme_rows(lines: Iterable[MmeLine]) -> tuple[MmeRowView, ...]:
    """The rows of any computed lines (a regimen's, a plan's current lines) as ``mme_view``'s."""
    return tuple(_row(line) for line in lines)


def _spread(entry: SpreadEntry, current: str) -> SpreadRowView:
    value = entry.total_mme_per_day
    text = "not covered" if value is None else f"{number(value)} {entry.output_label}/day"
    return SpreadRowView(
        entry.table, entry.name, value, text, entry.purpose, current=entry.table == current
    )


def mme_view(result: MmeResult, unreadable: Sequence[int] = ()) -> MmeView:
    """The view of ``result`` in the words of its market (``in_words_of``); ``unreadable``: the
    rows (from 1) the editor could not read, which never reach the engine (a total with none of
    its opioids is words, not a 0)."""
    with in_words_of(result.market):
        return _mme_view(result, unreadable)


def _mme_view(result: MmeResult, unreadable: Sequence[int]) -> MmeView:
    words = no_total_words(result, unreadable)
    unit = f"{result.output_label}/day"
    return MmeView(
        heading=f"{unit} under {table_heading(result.table, result.table_name)}",
        unit_label=unit,
        set_name=result.table_name,
        prn=prn_text(result.prn, result.prn_stated),
        rows=mme_rows(result.items),
        total=result.total_mme_per_day,
        total_text=total_words(result, unreadable),
        excluded=tuple(
            f"item {e.index + 1} ({e.location}): {said_with_set_names(result, e.message)}"
            for e in result.excluded
        ),
        spread=tuple(_spread(entry, result.table.id) for entry in result.spread),
        warnings=tuple(warning_views(result.warnings)),
        cautions=tuple(result.cautions),
        has_total=words is None,
        ranged=ranged_total_words(result) if words is None else "",
    )


def purpose_words(purpose: str) -> str:
    """A set's purpose as printed beside it: "risk MME" (it read "risk_mme": clinician re-check
    18b #5), "equianalgesic"."""
    return {"risk_mme": "risk MME"}.get(purpose, purpose.replace("_", " "))


def total_words(result: MmeResult, unreadable: Sequence[int] = ()) -> str:
    """The total as every output heads it: "90 OME/day", or why there is none
    (``no_total_words``; ``unreadable``: the rows the editor could not read)."""
    words = no_total_words(result, unreadable)
    return (
        words
        if words is not None
        else f"{number(result.total_mme_per_day)} {result.output_label}/day"
    )


def total_line(result: MmeResult, *, unreadable: Sequence[int] = ()) -> str:
    """A regimen's total in one line with its set: ``Total 172.5 OME/day under UK palliative
    care ratios (…)``. A total that leaves a row out (``result.excluded``, or the rows, from 1,
    the editor could not read: ``unreadable``) says so first, never a calm number (the
    regimen-change dialog; clinician review 5)."""
    words = no_total_words(result, unreadable)
    if words is not None:
        return words
    total = (
        f"{number(result.total_mme_per_day)} {result.output_label}/day under {result.table_name}"
    )
    if unreadable or result.excluded:
        return f"Total INCOMPLETE, rows are left out: {total}"
    return f"Total {total}"


@dataclass(frozen=True, slots=True)
class Headline:
    """The big total as every output shows it: its words, and the severity it is styled with
    (None: the plain text colour). Colour is never the only sign: a marked headline says why."""

    text: str
    severity: SeverityStyle | None
    #: the word every other total of the same regimen carries (the spread's bars, clinician
    #: review 10 #10): "DANGER", "INCOMPLETE", both, or "" for a plain total
    mark: str = ""
    #: False: words instead of a total (``no_total_words``); no bar shows a 0 beside them
    has_total: bool = True


def headline(
    total_text: str,
    warnings: Iterable[ClinicalWarning],
    *,
    incomplete: bool = False,
    has_total: bool = True,
    row_of: Callable[[int | None], int | None] | None = None,
    thresholds: Collection[str] = (),
) -> Headline:
    """``690 OME/day — check row 2: danger``: the total marked with the worst severity it must
    not be copied without: any danger (named by its rows, ``row_of`` mapping an item to the
    row the screen shows, 0-based; None: the items' own numbers), the set's dose
    ``thresholds`` reached (their sentence is shown with the total), and "(incomplete)" when
    rows are left out (at least a caution). Other cautions stay in the warnings list: they are
    routine (an adjuvant, a renal note) and an always-amber total would say nothing
    (clinician review 9 #1: a 10× patch danger left the copied number plain black)."""
    shown = [w for w in warnings if w.code not in _SAID_BY_INCOMPLETE]
    dangers = [w for w in shown if w.severity == "danger"]
    # words instead of a total (``no_total_words``) already say what is left out
    text = f"{total_text} (incomplete)" if incomplete and has_total else total_text
    mark = ", ".join(m for m, on in (("INCOMPLETE", incomplete), ("DANGER", dangers)) if on)
    if dangers:
        mapped = row_of or (lambda item: item)
        named = [i for w in dangers for i in (w.items or (w.item,))]
        rows = sorted({row + 1 for item in named if (row := mapped(item)) is not None})
        word = "row" if len(rows) == 1 else "rows"
        where = f"check {word} {', '.join(str(r) for r in rows)}" if rows else "see the warnings"
        return Headline(f"{text} — {where}: danger", SEVERITIES["danger"], mark, has_total)
    if incomplete or any(w.code in thresholds and w.severity == "caution" for w in shown):
        return Headline(text, SEVERITIES["caution"], mark, has_total)
    return Headline(text, None, has_total=has_total)


def bar_mark(
    entry: SpreadEntry,
    warnings: Iterable[ClinicalWarning],
    thresholds: Collection[str],
    *,
    incomplete: bool,
) -> str:
    """The mark after one set's bar: INCOMPLETE where rows are left out of this set's total,
    DANGER for this set's OWN threshold reached or a danger of the regimen itself (a row's, not
    the chosen set's threshold: clinician re-check 13b #2, the chosen set's thresholds marked
    every bar, so under the UK set CDC 2022's 163.5 MME/day carried no DANGER)."""
    own = [w for w in warnings if w.code not in _SAID_BY_INCOMPLETE and w.code not in thresholds]
    danger = entry.threshold == "danger" or any(w.severity == "danger" for w in own)
    parts = [m for m, on in (("INCOMPLETE", incomplete), ("DANGER", danger)) if on]
    return f" {', '.join(parts)}" if parts else ""
