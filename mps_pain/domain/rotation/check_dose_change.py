"""The check of a dose change: the same drug by the same route (``classify_switch``).

A titration is not a switch: there is no switching range to be above or below. The check says so
(severity info) with the current and proposed daily amounts; an unchanged amount is within.

The size of the step (fuzz review 8, #3: a 10× concentrate slip was an info note): no reviewed
source gives a largest single titration step (clinical-sources.md), so the check reads its own
sourced range, the largest cross-tolerance reduction between different opioids (``different_opioid``
high, 50%), both ways: a new daily amount above 1 / (1 − 50%) = twice the current is a danger, one
below (1 − 50%) = half of it a caution (``step_warnings``; docs/cli-rotate.md).
"""

from __future__ import annotations

from mps_pain.domain.daily_amount import PATCH_ROUTE
from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import switch_factor_warnings, uses_of
from mps_pain.domain.results import ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.check_added import added_totals, change_headline
from mps_pain.domain.rotation.check_kept import (
    BESIDE_METHADONE,
    KeptLine,
    Totals,
    beside_methadone,
    beside_warnings,
    change_words,
    current_ome_said,
    each_amount,
    kept_beside_methadone,
    methadone_stopped,
    off_methadone_totals,
    stopped_methadone_warning,
    stopped_totals,
)
from mps_pain.domain.rotation.check_regular_change import (
    DOSE_CHANGE_NOTE,
    regular_change,
    regular_noted,
)
from mps_pain.domain.rotation.check_result import CheckResult, DoseStep
from mps_pain.domain.rotation.check_step_taken import step_from_taken
from mps_pain.domain.rotation.check_steps import (
    STEP_ABOVE,
    STEP_BELOW,
    TITRATION,
    step_range,
    step_warnings,
    titration_warnings,
)
from mps_pain.domain.rotation.classify import DOSE_CHANGE, KEEPS_ITS_AMOUNT, ItemRatio, line_key
from mps_pain.domain.rotation.dose_change_rule import rescue_words
from mps_pain.domain.rotation.ome import FROM_METHADONE, CurrentOme, set_ome
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.domain.rotation.route_split import Node, node_amounts
from mps_pain.numbers import format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number, tidy

__all__ = [
    "BESIDE_METHADONE",
    "STEP_ABOVE",
    "STEP_BELOW",
    "TITRATION",
    "counted_mg",
    "dose_change_result",
    "form_change_note",
    "step_warnings",
    "titration_warnings",
]

_REL = 1e-6


def counted_mg(proposed: list[DailyItem], prn: str) -> float:
    return tidy(sum(d.daily_mg_per_day for d in _counted(proposed, prn)))


def _lines(
    current: list[DailyItem],
    prn: str,
    proposed: list[DailyItem],
    proposed_prn: str,
    added: tuple[ItemRatio, ...] | None = None,
) -> list[KeptLine]:
    """The change line by line where the proposal keeps every current line (``line_key``; lines
    added: each current drug and route, the added apart); else the drug's summed daily amount."""
    now, new = _by_key(current, prn), _by_key(proposed, proposed_prn)
    if added is None and len(now) > 1 and now.keys() == new.keys():
        return [
            KeptLine(k[0], product_label(*k), now[k], new[k], patch=k[1] == PATCH_ROUTE)
            for k in sorted(now, key=str)
        ]
    was = node_amounts(_counted(current, prn))
    kept = node_amounts(_counted(proposed, proposed_prn))
    more = {k for k in kept.keys() - was.keys() if kept[k] > 0 and added is None}  # session 20
    # lines added, or the same drugs by the same routes in other forms (``same_drugs_by_route``)
    if added is not None or more or (len(was) > 1 and was.keys() == kept.keys()):
        # a current line of 0 mg/day (as needed, none taken) may be left out: 0 by route_split's
        # own reading (ci-long fuzz, 3 December: KeyError, exit 3); a rescue summed beside the
        # regular lines, of a drug or route they lack, is its own line (never another's mg)
        return [
            KeptLine(k[0], product_label(*k), was.get(k, 0.0), kept.get(k, 0.0), k[1],
                     k[1] == PATCH_ROUTE)
            for k in sorted(was.keys() | more)
        ]  # fmt: skip
    drug = next(d.drug.id for d in proposed if d.is_opioid)
    patch = all(d.item.route == PATCH_ROUTE for d in [*current, *proposed] if d.is_opioid)
    before, after = counted_mg(current, prn), counted_mg(proposed, proposed_prn)
    return [KeptLine(drug, drug, before, after, patch=patch)]


def _lines_added(
    added: tuple[ItemRatio, ...] | None,
    regular: list[DailyItem],
    prn: str,
    proposed: list[DailyItem],
    proposed_prn: str,
) -> bool:
    """Lines added beside the current regular lines: by a cited conversion (``added``), or a
    rescue summed by its count of a drug or route they lack, which no longer sets the switch's
    kind (``summed_lines``) and is its own line (``_lines``). One reading for the headline and
    the whole step (merging session 20: "the same drug by the same route", no increase named and
    60 -> 200 mg/day OME unjudged, beside an added oxycodone line)."""
    if added is not None:
        return True
    was = node_amounts(_counted(regular, prn))
    return bool(node_amounts(_counted(proposed, proposed_prn)).keys() - was.keys())


def _counted(items: list[DailyItem], prn: str) -> list[DailyItem]:
    return [d for d in items if d.counts(prn)]


def _by_key(items: list[DailyItem], prn: str) -> dict[tuple[str, str, str | None], float]:
    found: dict[tuple[str, str, str | None], float] = {}
    for d in _counted(items, prn):
        found[line_key(d)] = tidy(found.get(line_key(d), 0.0) + d.daily_mg_per_day)
    return found


def _totals(
    tables: TableIndex,
    set_id: str,
    before: CurrentOme,
    lines: list[KeptLine],
    proposed: list[DailyItem],
    proposed_prn: str,
) -> Totals:
    """(current, proposed, unit, said): one line in mg/day of its drug; several lines as the
    current regimen's OME and the proposal's, every line read by the same factor both sides."""
    if len(lines) == 1:  # its own amount, a patch in mcg/h (pharmacist re-check 13b, #6)
        one = lines[0]
        said = f"Current: {one.amount(one.now)} {one.drug}; proposed: {one.said()}."
        return Totals(one.value(one.now), one.value(one.new), one.measure, one.unit, one.drug, said)
    set_, after = set_ome(tables, set_id, proposed, proposed_prn)
    now, new = before.total_mg_per_day, after.total_mg_per_day
    totals = Totals(now, new, "ome_a_day", "mg/day", set_.output_label, "")
    said = (
        "Line by line, current: "
        + ", ".join(f"{x.amount(x.now)} {x.name}" for x in lines)
        + "; proposed: "
        + ", ".join(x.said() for x in lines)
        + f" ({format_number(now)} → {format_number(new)} {totals.unit}"
        + f"{change_words(now, new)}, each line by one "
        "factor)."
    )
    return totals._replace(said=said)


def _amounts(
    tables: TableIndex,
    set_id: str,
    sides: tuple[CurrentOme, list[DailyItem], list[DailyItem], str],
    lines: list[KeptLine],
    added: tuple[ItemRatio, ...] | None,
    stopped: tuple[Node, ...],
) -> Totals:
    """(current, proposed, unit, said): beside methadone each drug by itself, else lines stopped
    or added beside kept ones, or the kept lines alone."""
    before, current, proposed, proposed_prn = sides
    if methadone_stopped(tables, stopped):  # never summed with methadone's cohort-median OME
        return off_methadone_totals(tables, set_id, before, lines, proposed, proposed_prn, stopped)
    if before.from_methadone and (added is not None or kept_beside_methadone(tables, proposed)):
        return beside_methadone(tables, set_id, before, lines, current, proposed, stopped)
    if stopped:
        return stopped_totals(tables, set_id, before, lines, proposed, proposed_prn, stopped)
    if added is not None:
        kept = [d for d in proposed if d.index not in {r.index for r in added}]
        return added_totals(tables, set_id, before, current, kept, proposed_prn, added)
    return _totals(tables, set_id, before, lines, proposed, proposed_prn)


def _beside(
    tables: TableIndex,
    before: CurrentOme,
    current: list[DailyItem],
    proposed: list[DailyItem],
    added: tuple[ItemRatio, ...] | None,
    stopped: tuple[Node, ...],
) -> list[ClinicalWarning]:
    """Cautions of lines added or stopped beside methadone, or methadone stopped (fuzz 13 #1)."""
    if methadone_stopped(tables, stopped):
        return [stopped_methadone_warning(tables)]
    if added is None or not before.from_methadone:
        return []
    extra = node_amounts(_counted(proposed, "include")).keys() - node_amounts(current).keys()
    return beside_warnings(tables, before.label, added=bool(extra), stopped=bool(stopped))


_KEPT = "The proposal keeps the current daily amount: no change to check."


def _kept_amounts(lines: list[KeptLine]) -> bool:
    return all(abs(x.new - x.now) <= x.now * _REL for x in lines)


def _from_none(lines: list[KeptLine]) -> bool:
    """A line from none (a kept line left out of the current total, typed over as a counted one:
    clinician re-check 21b, D1): the total's increase is judged as a whole, as lines added."""
    return any(x.now <= 0 < x.new for x in lines)


def dose_change_result(
    tables: TableIndex,
    request: CheckRequest,
    set_id: str,
    before: CurrentOme,
    current: list[DailyItem],
    prn: str,
    proposed: list[DailyItem],
    proposed_prn: str,
    note: str | None = None,
    added: tuple[ItemRatio, ...] | None = None,
    stopped: tuple[Node, ...] = (),
    rescues: tuple[int, ...] = (),
) -> CheckResult:
    """Same drug, same route, same form family (or every current line kept): a titration, never
    ABOVE or BELOW a switch; several kept lines are judged line by line, their totals read by
    the same factors on both sides (the current regimen's OME). The current ``rescues`` beside
    the regular opioid (``rescues_beside``) are said, not compared (clinician review 16, #3)."""
    regular = [d for d in current if d.index not in rescues]
    lines = _lines(regular, prn, proposed, proposed_prn, added)
    grown = _lines_added(added, regular, prn, proposed, proposed_prn) or _from_none(lines)
    moved = regular_change(regular, proposed, prn)  # a regular line changed under a kept total
    unchanged = moved is None and added is None and _kept_amounts(lines)
    sides = (before, current, proposed, proposed_prn)
    totals = _amounts(tables, set_id, sides, lines, added, stopped)
    beside = _beside(tables, before, current, proposed, added, stopped)
    off = methadone_stopped(tables, stopped)  # kept lines by their own amounts, none summed
    apart = bool(beside) or (before.from_methadone and kept_beside_methadone(tables, proposed))
    amounts = each_amount(tables, proposed, proposed_prn)  # ``check`` gives them to every verdict
    ome, low, high, no_ome = current_ome_said(before)
    reasons = _reasons(totals, note, added=grown, stopped=bool(stopped))
    reasons += [s for s in (rescue_words(current, rescues), moved and moved.said) if s]
    reasons += [_KEPT] if unchanged else []
    warnings = _current_warnings(before)
    warnings += switch_factor_warnings(tables, request.patient, current, uses_of(proposed))
    warnings += _change_warnings(tables, set_id, lines, totals, added=grown, summed=not apart,
                                 stopped=stopped, ranged=added is not None)  # fmt: skip
    warnings += beside
    result = CheckResult(
        verdict="within" if unchanged else "dose_change",
        table=tables.ref(set_id),
        current_ome_per_day=ome,
        current_ome_low=low,
        current_ome_high=high,
        no_ome_reason=no_ome,
        proposed_ome_per_day=totals.new,
        measure=totals.measure,
        unit=totals.unit,
        expected_low=totals.now if unchanged else None,  # a change is checked against no range
        expected_high=totals.now if unchanged else None,
        dose_change_from=totals.now,
        reduction_low=0.0,
        reduction_high=0.0,
        switch_kind="dose_change",
        not_summed=apart and not off and len(amounts) > 1,
        dose_steps=_steps_above(tables, lines, stopped, totals, grown and not beside),
        reasons=reasons,
        warnings=sort_warnings(regular_noted(warnings, moved)),
    )
    return step_from_taken(tables, set_id, current, proposed, result)  # re-check 16b, #7


def _current_warnings(before: CurrentOme) -> list[ClinicalWarning]:
    """The current regimen's warnings; a dose change of methadone stays on it: no switch away,
    so no "not bidirectional" danger."""
    return [w for w in before.warnings if w.code != FROM_METHADONE]


def form_change_note(current: list[DailyItem], proposed: list[DailyItem], amount: str) -> str:
    """Why a proposal of the same drug by the same route in another form is a dose change: the
    regular lines re-formed, or only an as-needed line of another form added beside them or left
    (pharmacist re-check 14b #2: "a change of form" said of a kept line and an added prn)."""
    regular = {line_key(d) for d in proposed if d.is_opioid and not d.item.prn}
    if not regular <= {line_key(d) for d in current if d.is_opioid and not d.item.prn}:
        return f"A {KEEPS_ITS_AMOUNT} ({amount}); this proposal also changes the dose."
    kept = "The regular line keeps its form" if regular else "No regular line is left"
    return (
        f"{kept} and an as-needed line of the same drug by the same route is added: a dose "
        f"change from the current total daily amount ({amount})."
    )


def _reasons(totals: Totals, note: str | None, *, added: bool, stopped: bool) -> list[str]:
    headline, said = change_headline(totals, added=added, stopped=stopped), totals.said
    return [
        f"{headline}.",
        f"{said} Judge the change by the titration rules of the drug and the patient's "
        "pain, breakthrough use and adverse effects.",
        *([note] if note else []),
    ]


def _change_warnings(
    tables: TableIndex,
    set_id: str,
    lines: list[KeptLine],
    totals: Totals,
    *,
    added: bool,
    summed: bool = True,
    stopped: tuple[Node, ...] = (),
    ranged: bool = True,
) -> list[ClinicalWarning]:
    """Each kept line's step and methadone titration (a stopped line is named, not stepped); with
    lines added, the whole increase's step (at the top of their cited range where ``ranged``),
    with lines stopped the total's; the info note that says what kind of change it is."""
    now, new, said = totals.now, totals.new, totals.said
    market, warnings = tables.reference_set(set_id).market, []
    for x in (x for x in lines if x.node not in stopped):
        now_new = x.value(x.now), x.value(x.new)
        warnings += step_warnings(tables, *now_new, x.name, x.change, unit=x.unit)
        warnings += titration_warnings(tables, x.now, x.new, x.drug, x.change, market)
    if added and summed:  # beside methadone nothing is summed: each line's own step only
        if stopped or not ranged:
            change = change_words(now, new, " in total")
        else:
            change = f" (+{format_percent(new / now - 1)} at most)" if now > 0 else ""
        warnings += step_warnings(tables, now, new, totals.subject, change)
    each = "; ".join(f"current {x.amount(x.now)}, proposed {x.said()}" for x in lines)
    kind = change_headline(totals, added=added, stopped=bool(stopped))
    message = f"{kind}. {said}" if added else f"{DOSE_CHANGE}: {each}."
    info = ClinicalWarning(code=DOSE_CHANGE_NOTE, severity="info", message=message)
    return [*warnings, info]


def _steps_above(
    tables: TableIndex,
    lines: list[KeptLine],
    stopped: tuple[Node, ...],
    totals: Totals,
    summed: bool,
) -> tuple[DoseStep, ...]:
    """Each kept line's step above the range (a stopped line is named, not stepped), and the
    summed increase's (``_change_warnings``)."""
    found = [
        DoseStep(subject=x.name, now=x.value(x.now), new=x.value(x.new), unit=x.unit)
        for x in lines
        if x.node not in stopped and x.now > 0 and x.new > step_range(tables, x.now)[0] * (1 + _REL)
    ]
    now, new = totals.now, totals.new
    if summed and now > 0 and new > step_range(tables, now)[0] * (1 + _REL):
        found.append(DoseStep(subject=totals.subject, now=now, new=new, total=True))
    return tuple(found)
