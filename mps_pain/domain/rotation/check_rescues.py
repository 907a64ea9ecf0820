"""A proposal's rescue orders (pharmacist review 15, D4; clinician review 15, #1).

An as-needed opioid line written in a proposal beside a regular opioid is a rescue order, as
the switching plan prints its breakthrough dose: an order up to a ceiling, not an intake,
whatever count of doses a day it carries (clinician review 16, #2, reversing session 14's D4 "a
count stays an intake": nobody knows the doses taken of an order not yet written, and a count
carried over from the current regimen read DANGER on a correctly reduced switch). A count on it
is the expected use, said in the orders, never summed. The plan leaves its breakthrough dose out
of the new regimen, so the check leaves such a rescue out of the proposed daily amount when one
dose is within the sourced rule (at most 1/6 of the regular opioid's OME a day under the set;
pharmacist re-check 15b: a rescue of any size was set aside unjudged), and judges its size by
the rescue rule (``rescue_fraction``). A larger one is not set aside: with a count it is summed
under the proposal's as-needed choice, without one it is refused for its missing count, as
before. An as-needed-only proposal is still its amount (its counts are the intake), and
methadone's as-needed lines keep their own order rules (``check_methadone``): neither is split
off. Nor is a current as-needed line repeated while the regular opioids are unchanged
(``check_kept_rescue``): nothing is prescribed differently, so it reads as the current line.

A proposal whose regular opioid has no as-needed line beside it carries a caution naming what
the switching plan gives for that opioid (``rescue_rule``): a sourced rule's dose, or, where
no source gives one (methadone), who agrees the rescue.

A proposal with as-needed lines of two or more different opioids carries one caution naming
their rows (pharmacist re-check 15b, #10): two rescues for one pain leave whoever gives a dose to
choose between them. No source in the reference names the hazard, so the caution says it is a
pharmacist's check (docs/rotation.md). The same opioid by two routes (oral, or SC when the
patient cannot swallow) is one rescue by route, not flagged; the plan gives one breakthrough
dose, so its own order never trips it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules import switch_factor_warnings, uses_of
from mps_pain.domain.regimen import NOT_REPORTED, RegimenItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.breakthrough import format_fraction
from mps_pain.domain.rotation.check_kept_rescue import kept_rescue_counts
from mps_pain.domain.rotation.check_methadone import per_dose_proposal
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.context import equianalgesic_set, resolve_current, rotation_rules
from mps_pain.domain.rotation.ome import CurrentOme
from mps_pain.domain.rotation.requests import CheckRequest, CurrentRegimen
from mps_pain.domain.rotation.rescue_base import current_read
from mps_pain.domain.rotation.rescue_ceiling import set_aside_ceiling
from mps_pain.domain.rotation.rescue_methadone import (
    methadone_rescue_dangers,
    methadone_rescue_judged,
)
from mps_pain.domain.rotation.rescue_rule import methadone_rescue_rule, planned_rescue
from mps_pain.domain.rotation.rescue_size import RescueSize, rescue_size
from mps_pain.errors import InputError, MpsPainError
from mps_pain.tables.index import TableIndex

__all__ = [
    "NO_BREAKTHROUGH",
    "SEVERAL_RESCUES",
    "rescue_order_warnings",
    "rescue_reasons",
    "split_rescues",
    "with_kept_rescues",
    "with_orders_factors",
]

NO_BREAKTHROUGH = "no-breakthrough-order"
SEVERAL_RESCUES = "several-as-needed-opioids"
RESCUE_NOT_JUDGED = "rescue-not-judged"
Rows = tuple[int, ...]
_REL = 1e-6


def _opioid(tables: TableIndex, item: RegimenItem) -> bool:
    try:
        return tables.resolve_drug(item.drug, location=None).is_opioid
    except MpsPainError:
        return False  # an unknown drug is refused, naming its row, where the line is read


def _rescue_rows(
    tables: TableIndex, request: CheckRequest, kept: Collection[int], top: float | None
) -> tuple[int, ...]:
    items = list(request.proposed.items)
    methadone = rotation_rules(tables).methadone.drug
    opioids = [(i, item) for i, item in enumerate(items) if _opioid(tables, item)]
    regular = [item for _, item in opioids if item.shape != "prn"]
    if not regular:
        return ()
    candidates = [
        (i, item)
        for i, item in opioids
        if item.shape == "prn"
        and i not in kept
        and tables.resolve_drug(item.drug, location=None).id != methadone
    ]
    if not candidates:
        return ()
    if _unjudged(tables, regular):  # no rule to judge it by: an order, not judged
        return tuple(i for i, _ in candidates)
    lines = _read(tables, request, [*regular, *(item for _, item in candidates)])
    now = _current(tables, request)  # None: not valued, so no rescue's size can be judged
    if lines is None:
        return ()
    base, rows = lines[: len(regular)], []
    for (i, item), line in zip(candidates, lines[len(regular) :], strict=True):
        size = _size(tables, request, base, line, now)
        if size is None and item.doses_per_day == NOT_REPORTED:
            raise _cannot_judge(tables, i, line)
        if _within_rule(size, line, now, top):
            rows.append(i)
    return tuple(rows)


def _cannot_judge(tables: TableIndex, i: int, line: DailyItem) -> InputError:
    """A rescue order of unstated count the set cannot value (a buccal fentanyl rescue: no set
    has a buccal factor, the documented coverage gap): its size cannot be judged, which is
    not the same as too large (pharmacist re-check 16b, #11: it was refused as "not" within
    1/6). The sets that have a factor are named, as ``rotate`` and ``mme`` name them (review 20,
    L4: a rectal morphine rescue under uk-palliative, which JSPM 2010 covers)."""
    sets = tables.covering_sets(line.drug_id, line.route, line.form)
    sets = [s for s in sets if tables.sets[s].purpose == "equianalgesic"]
    have = f"equianalgesic sets that have one: {', '.join(sets)}" if sets else "no set has one"
    return InputError(
        f"this as-needed {line.drug.name.lower()} ({line.item.route}) order beside the regular "
        f"opioid cannot be judged: the chosen set has no factor for it ({have}), so its size "
        "cannot be compared with the breakthrough rule (it is not found too large), nor "
        "counted. This is a "
        "gap in the tables' coverage: agree the breakthrough dose with the palliative care team, "
        "and check the regular order without this line",
        location=f"proposed.items[{i}].doses_per_day",
    )


def _unjudged(tables: TableIndex, regular: list[RegimenItem]) -> bool:
    """The regular opioid is methadone, whose rescue the switching plan leaves to the specialist
    (``methadone_rescue_rule``: no source gives its dose), so the check cannot judge a rescue's
    size beside it (pharmacist re-check 16b, #2: 1/6 of methadone's OME a day was used)."""
    ids = {tables.resolve_drug(i.drug, location=None).id for i in regular}
    return methadone_rescue_rule(rotation_rules(tables), ids) == "methadone-agreed"


def _read(
    tables: TableIndex, request: CheckRequest, items: list[RegimenItem]
) -> list[DailyItem] | None:
    """``items`` read as the check reads a proposal (an order's dose counted once), in order;
    None when a line cannot be read."""
    once = [i.model_copy(update={"doses_per_day": 1.0}) if i.shape == "prn" else i for i in items]
    try:
        read, _, _ = resolve_current(tables, CurrentRegimen(items=once, prn="include"), "proposed")
    except MpsPainError:
        return None
    return read if len(read) == len(items) else None


def _current(tables: TableIndex, request: CheckRequest) -> CurrentOme | None:
    """The current regimen's OME as the check reads it: the side a proposal's total is valued
    beside (``rescue_base``)."""
    rules = rotation_rules(tables)
    set_ = equianalgesic_set(tables, rules, request.table)
    current, prn, _ = resolve_current(tables, request.from_, "from")
    return current_read(tables, set_, rules, current, prn)


def _size(
    tables: TableIndex,
    request: CheckRequest,
    regular: list[DailyItem],
    rescue: DailyItem,
    now: CurrentOme | None,
) -> RescueSize | None:
    """The one rescue rule's range for ``rescue`` beside the whole regular opioid dose, valued
    as the proposal's total values it (``rescue_size``), or None when it cannot be judged."""
    if now is None:
        return None
    rules = rotation_rules(tables)
    set_ = equianalgesic_set(tables, rules, request.table)
    return rescue_size(tables, rules, set_, request.market, regular, rescue, now)


def _within_rule(
    size: RescueSize | None, rescue: DailyItem, now: CurrentOme | None, top: float | None
) -> bool:
    """One dose of ``rescue`` is at most the top of its range (1/6 of the whole regular dose, as
    the rescue's opioid; pharmacist re-check 15b: hydromorphone 24 mg or buccal fentanyl 1600
    mcg beside 60 mg/day was set aside unjudged), or of the current regimen ``now`` where it is
    larger (``set_aside_ceiling``). One that cannot be judged is not set aside."""
    dose_mg = rescue.item.dose_mg()
    ceiling = set_aside_ceiling(size, now, top) if size is not None else None
    if ceiling is None or dose_mg is None:
        return False
    return dose_mg <= ceiling * (1 + _REL)


def split_rescues(
    tables: TableIndex, request: CheckRequest, top: float | None = None
) -> tuple[CheckRequest, CheckRequest, Rows, Rows]:
    """(the request as the check reads it: an as-needed line kept unchanged at the current
    regimen's doses taken (``kept_rescue_counts``); that request without its rescue orders;
    their rows; the current regimen's rescues they write again, ``_ordered_again``)."""
    kept = kept_rescue_counts(tables, request)
    items = [
        item.model_copy(update={"doses_per_day": kept[i]}) if i in kept else item
        for i, item in enumerate(request.proposed.items)
    ]
    read = _with_items(request, items)
    rows = _rescue_rows(tables, read, kept, top)  # top: the switch's, ``rescue_top``
    regular = [item for i, item in enumerate(items) if i not in rows]
    return read, _with_items(read, regular), rows, _ordered_again(tables, read, rows)


def _ordered_again(tables: TableIndex, request: CheckRequest, rows: tuple[int, ...]) -> Rows:
    """The current as-needed lines of an opioid with no regular line that a rescue order set
    aside (``rows``) writes again (the same drug and route): a rescue kept, not stopped, though
    the request the check classifies lacks it (pharmacist re-check 16b, #10: "another opioid
    stopped beside methadone" was said of a morphine rescue the proposal kept). Not one whose
    drug by its route the proposal gives regularly: its doses taken are the intake that line
    takes over (pharmacist re-check 16b C04: morphine as needed made regular beside a patch,
    with the rescue written again, was summed as one drug, fentanyl)."""

    def node(item: RegimenItem) -> tuple[str, str] | None:
        known = _opioid(tables, item)
        return (tables.resolve_drug(item.drug, location=None).id, item.route) if known else None

    current = [(node(item), item.shape == "prn") for item in request.from_.items]
    given = [node(item) for item in request.proposed.items if item.shape != "prn"]
    regular = {n for n, prn in current if n is not None and not prn} | {n for n in given if n}
    ordered = {node(request.proposed.items[i]) for i in rows}
    return tuple(
        i for i, (n, prn) in enumerate(current) if prn and n in ordered and n not in regular
    )


def with_kept_rescues(switch: SwitchClass, current: list[DailyItem], kept: Rows) -> SwitchClass:
    """A dose change with the current rescues a rescue order keeps (``_ordered_again``) set
    aside as rescues, said and not compared, and not stopped (a change with nothing else
    stopped or added is a plain dose change)."""
    if switch.kind != "dose_change" or not kept:
        return switch
    aside = {(d.drug.id, d.item.route) for d in current if d.index in kept}
    stopped = tuple(n for n in switch.stopped if n not in aside)
    added = switch.added if switch.added or stopped else None
    rescues = (*switch.rescues, *(i for i in kept if i not in switch.rescues))
    return replace(switch, stopped=stopped, added=added, rescues=rescues)


def _with_items(request: CheckRequest, items: list[RegimenItem]) -> CheckRequest:
    if items == list(request.proposed.items):
        return request
    proposed = request.proposed.model_copy(update={"items": items})
    return request.model_copy(update={"proposed": proposed})


def with_orders_factors(
    tables: TableIndex, request: CheckRequest, regular: CheckRequest, result: CheckResult
) -> CheckResult:
    """``result`` (the check of the ``regular`` request) with the patient-factor and interaction
    rules judged on the whole proposal: a rescue order not summed is still a drug given (an
    opioid beside pregabalin named only the patch, not the morphine rescue beside it)."""
    if regular is request:
        return result
    current, _, _ = resolve_current(tables, request.from_, "from")
    without, whole = (
        switch_factor_warnings(tables, request.patient, current, uses_of(_lines(tables, asked)))
        for asked in (regular, request)
    )
    kept = [w for w in result.warnings if w not in without]
    return result.model_copy(update={"warnings": [*kept, *(w for w in whole if w not in kept)]})


def _lines(tables: TableIndex, request: CheckRequest) -> list[DailyItem]:
    """The proposal's lines as the check reads them (an order's dose counted once)."""
    document, _ = per_dose_proposal(request.proposed)
    return resolve_current(tables, document, "proposed")[0]


def rescue_reasons(tables: TableIndex, regular: CheckRequest, rows: tuple[int, ...]) -> list[str]:
    """The reason that says which rows are rescues and why they are not summed; ``regular``:
    the request without them (beside methadone, their size is judged only against the current
    regimen: ``_unjudged``, ``methadone_rescue_dangers``)."""
    if not rows:
        return []
    named = ", ".join(f"row {i + 1}" for i in rows)
    opioids = [i for i in regular.proposed.items if _opioid(tables, i) and i.shape != "prn"]
    judged = (
        "its size is judged only against the breakthrough rule for the regimen the patient takes "
        "now: no source gives a breakthrough dose on methadone (see the warnings)"
        if _unjudged(tables, opioids)
        else "its size is judged by the breakthrough rule"
    )
    return [
        f"Breakthrough order ({named}): an as-needed dose beside the regular opioid is an order "
        "up to its maximum, not a daily intake, so it is not summed into the proposed amount "
        f"(the switching plan leaves its breakthrough dose out of the new regimen in the same "
        f"way); {judged}."
    ]


def rescue_order_warnings(
    tables: TableIndex,
    request: CheckRequest,
    proposed: list[DailyItem],
    current: list[DailyItem],
    prn: str | None,
) -> list[ClinicalWarning]:
    """The proposal's as-needed opioid orders as a whole (the proposal's lines as the check has
    already read them, beside the ``current`` regimen and its as-needed choice ``prn``): none
    beside a regular opioid, several different opioids, or beside methadone (a caution, and a
    danger for one above 1/6 of the current regimen: ``methadone_rescue_dangers``)."""
    return [
        *_no_rescue_warnings(tables, request.table, proposed),
        *_several_rescues_warnings(proposed),
        *_unjudged_warnings(tables, request, proposed, current, prn),
        *methadone_rescue_dangers(tables, request, proposed, current, prn),
    ]


def _unjudged_warnings(
    tables: TableIndex, request: CheckRequest, proposed: list[DailyItem], *now: Any
) -> list[ClinicalWarning]:
    """A caution naming the rescue orders beside regular methadone: not summed, agreed with the
    specialist, and the rows found within 1/6 of the opioid taken now (``methadone_rescue_judged``;
    re-check 17b, L2: it claimed a judgement it had not made; dangers speak for the others)."""
    rules = rotation_rules(tables)
    regular = [d for d in proposed if d.is_opioid and not d.prn]
    rescues = [d for d in proposed if d.is_opioid and d.prn and d.drug.id != rules.methadone.drug]
    own = methadone_rescue_rule(rules, {d.drug.id for d in regular})
    if not rescues or own != "methadone-agreed":
        return []
    rows = ", ".join(f"row {d.index + 1}" for d in rescues)
    set_id = equianalgesic_set(tables, rules, request.table).id
    words = planned_rescue(tables, rules, regular, set_id).words
    judged = methadone_rescue_judged(tables, request, proposed, *now)  # current, its prn
    within = ", ".join(f"row {d.index + 1}" for d, w in judged if w is None)
    top = format_fraction(rules.breakthrough.fraction_high)
    said = f" One dose ({within}) is within {top} of the opioid taken now." if within else ""
    return [
        ClinicalWarning(
            code=RESCUE_NOT_JUDGED,
            severity="caution",
            message=f"The as-needed order ({rows}) beside the regular methadone is not summed: "
            f"{words}.{said}",
            items=tuple(d.index for d in rescues),
        )
    ]


def _several_rescues_warnings(proposed: list[DailyItem]) -> list[ClinicalWarning]:
    """One caution for as-needed lines of two or more different opioids, naming every row."""
    lines = [d for d in proposed if d.is_opioid and d.prn]
    names = list(dict.fromkeys(d.drug.name.lower() for d in lines))
    if len(names) < 2:
        return []
    rows = [str(d.index + 1) for d in lines]
    named = f"{', '.join(rows[:-1])} and {rows[-1]}"
    return [
        ClinicalWarning(
            code=SEVERAL_RESCUES,
            severity="caution",
            message=f"Proposed rows {named} are as-needed orders of different opioids "
            f"({', '.join(names)}): two rescues for one pain leave whoever gives a dose "
            "to choose between them, and the doses of each add up. Keep one as-needed opioid, "
            "or write when each is to be used. This is a pharmacist's check; no source found names "
            "it.",
            items=tuple(d.index for d in lines),
        )
    ]


def _no_rescue_warnings(
    tables: TableIndex, table: str | None, proposed: list[DailyItem]
) -> list[ClinicalWarning]:
    """A caution where the proposal's regular opioid has no as-needed line beside it, saying
    what the switching plan gives for it (``planned_rescue``: re-check 15b, #12, methadone was
    told the plan gives 1/10–1/6 where it gives none)."""
    opioids = [d for d in proposed if d.is_opioid]
    if not opioids or any(d.prn for d in opioids):
        return []
    rules = rotation_rules(tables)
    set_id = equianalgesic_set(tables, rules, table).id
    rescue = planned_rescue(tables, rules, opioids, set_id)
    said = (
        f": a regular opioid is prescribed with one, {rescue.words} (the switching plan gives "
        "it); add it, or say why not."
        if rescue.gives
        else f". {rescue.words[:1].upper()}{rescue.words[1:]}."
    )
    return [
        ClinicalWarning(
            code=NO_BREAKTHROUGH,
            severity="caution",
            message=f"The proposed order has no breakthrough (as-needed) dose{said}",
            source=rescue.source,
        )
    ]
