"""When the new opioid's share for a patch starts after the patch comes off (the skin depot).

The planner's schedule removes the patch at 0 h and starts the new opioid's share for it at the
sourced delay (17 h after a fentanyl patch, JP label), the other regular opioids' share when their
next dose is due. The check read an order that stops a patch and starts a syringe driver as
WITHIN with no word on the depot or the timing (clinician review 18 #1): one rule, read here by
every schedule from a patch (``share_start``) and by the check (``stopped_patch_warnings``).

A check request carries no start times, so the check cannot tell whether the order starts the
patch's share late: it says when it may start, as a caution (the verdict is about the amount).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem, dose_text
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.depot_others import depot_start_words, others_cover
from mps_pain.domain.rotation.patches import (
    borrowed_timing,
    lingering_warnings,
    waits_for_depot,
    worn_patch,
)
from mps_pain.domain.rotation.schedule_current import current_text
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules, TransitionRules
from mps_pain.units import format_number

__all__ = [
    "DEPOT_START",
    "NO_TIMES",
    "RESCUE_FROM",
    "more_after",
    "regular_opioids",
    "share_start",
    "start_hour",
    "stopped_patch_warnings",
]

DEPOT_START = "patch-depot-start"
#: a check request carries no start times: every timing caution of the check ends so
NO_TIMES = "This check cannot see when each line starts or stops: write the times on the order."
#: when every schedule's breakthrough row starts: at once, from the patch's removal (``schedule``)
RESCUE_FROM = "from 0 h"
_PATCH = "transdermal"
_REL = 1e-9


def share_start(tables: TableIndex, rules: TransitionRules) -> tuple[str, str]:
    """The hour after removal at which the new opioid's share for a patch starts, and its
    source: what every schedule from a patch and the check's caution say."""
    start = rules.from_patch_start
    return format_number(start.hours), tables.cite(start.citation)


def start_hour(when: str) -> float:
    """The hour a schedule row starts at: "17 h" 17, "0–12 h" 0, "12 h before 0 h" -12; an
    untimed row ("now", "when the next dose is due", "from 0 h") 0."""
    found = re.search(r"\d+(?:\.\d+)?", when)
    if found is None:
        return 0.0
    hour = float(found.group())
    return -hour if " before " in when else hour


def stopped_patch_warnings(
    tables: TableIndex,
    rules: RotationRules,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
) -> list[ClinicalWarning]:
    """An order that stops (or lowers) a worn opioid patch and starts or raises another regular
    opioid (not a patch: a new patch goes on as the old one comes off, its slow onset covered by
    the depot): the planner's depot caution and when the new opioid's share may start. With no
    such regular opioid but an as-needed one ordered (re-check 18b, L2): the depot caution and
    the planner's rule for as-needed doses (from the patch's removal, only as needed). A new
    patch in its place (re-check 19b, M2): the planner's depot caution alone, as the plan gives
    it for every switch from a patch; never told to start late (its step: ``patch_onset``)."""
    patches = [d for d in regular_opioids(current) if d.item.route == _PATCH]
    stopped = [d for d in patches if more_after(d, proposed, current)]
    raised = [  # the one rule: a new patch goes on as the old one comes off (review 19, M4)
        d
        for d in regular_opioids(proposed)
        if waits_for_depot(_patch_of(d)) and more_after(d, current, proposed)
    ]
    rescues = [d for d in proposed if d.is_opioid and d.item.prn and d.item.route != _PATCH]
    new_patch = _new_patch(current, proposed)
    if not stopped or not (raised or rescues or new_patch is not None):
        return []
    worn = worn_patch(rules.patches, stopped)
    assert worn is not None  # ``stopped`` holds opioid patches only
    if not raised and new_patch is not None:  # the depot caution as the plan words it
        return lingering_warnings(tables, rules.patches, worn, new_patch=new_patch)
    start, source = share_start(tables, rules.transitions)
    borrowed = borrowed_timing(tables, rules.patches, {d.drug.id for d in stopped})
    said = f"This order {_verb(stopped, proposed, 'stops', 'lowers')} {current_text(stopped)}"
    if not raised:
        message = f"{said} and orders {_as_ordered(rescues)}, {_rescues_only(stopped, proposed)}"
        if any(_amount(proposed, d) <= 0 for d in stopped):  # a patch taken off, not lowered
            message += f" A regular opioid that replaces the patch starts {_after_removal(start)}."
        else:  # nothing replaces a patch only lowered: only the depot's slow fall is said
            message += (
                " The level from the higher patch falls slowly (by half only "
                f"{start} h after removal or later, as the switching plan counts it)."
            )
        message += borrowed
        lingers = lingering_warnings(tables, rules.patches, worn, new_patch=None)
        return [*lingers, _caution(message, source)]
    others = [d for d in regular_opioids(current) if d.item.route != _PATCH]
    kind = (
        min(others_cover(d.drug.id, rules.methadone.drug, share_given=True) for d in raised)
        if others
        else None
    )  # "share" < "stop_and_go": methadone's words only when methadone alone is started
    waits, cover = depot_start_words(kind, current_text(others))
    message = (
        f"{said} and {_verb(raised, current, 'starts', 'raises')} "
        f"{current_text(raised)}: do not start {waits} when the patch comes off. Start it "
        f"{_after_removal(start)}; until then, {cover}.{borrowed} "
        f"{NO_TIMES}"
    )
    lingers = lingering_warnings(tables, rules.patches, worn, new_patch=None)
    return [*lingers, _caution(message, source)]


def _as_ordered(rescues: Sequence[DailyItem]) -> str:
    """The as-needed lines as the order writes them, with no count of doses taken or daily
    total (pharmacist review 19, L2: "doses_per_day: not reported" was said as "× 1 taken in
    24 h (5 mg/day)", an intake nobody wrote)."""
    words = []
    for daily in rescues:
        name = product_label(daily.drug.id, daily.item.route, daily.form)
        dose = dose_text(daily)
        words.append(f"{name} {dose} as needed" if dose is not None else f"{name} as needed")
    return "; ".join(words)


def _rescues_only(stopped: Sequence[DailyItem], proposed: Sequence[DailyItem]) -> str:
    """What the as-needed doses beside a patch taken off or lowered may do: from the removal, or
    from the change to the lower patch (nothing replaces a patch only lowered: review 19, L2)."""
    off = any(_amount(proposed, d) <= 0 for d in stopped)
    what, when = (
        ("the patch", "the patch's removal")
        if off
        else ("the dose taken off", "the change to the lower patch")
    )
    return (
        f"with no regular opioid that replaces {what}: the as-needed doses may be given "
        f"{RESCUE_FROM} ({when}), only as needed, as the switching plan gives its breakthrough "
        "dose; the skin depot keeps releasing the patch's opioid for hours, so watch for "
        "sedation after each dose."
    )


def _patch_of(item: DailyItem) -> str | None:
    return item.drug.id if item.item.route == _PATCH else None


def _after_removal(start: str) -> str:
    return f"{start} h after removal, as the switching plan does"


def _caution(message: str, source: str) -> ClinicalWarning:
    return ClinicalWarning(code=DEPOT_START, severity="caution", message=message, source=source)


def _new_patch(current: Sequence[DailyItem], proposed: Sequence[DailyItem]) -> str | None:
    """The drug of a patch started or raised, else None: it goes on as the old one comes off
    (the to-patch schedule)."""
    started = (
        d.drug.id
        for d in regular_opioids(proposed)
        if d.item.route == _PATCH and more_after(d, current, proposed)
    )
    return next(started, None)


def regular_opioids(items: Sequence[DailyItem]) -> list[DailyItem]:
    return [d for d in items if d.is_opioid and not d.item.prn]


def _amount(items: Sequence[DailyItem], like: DailyItem) -> float:
    """The regular daily amount of ``like``'s drug by its route in ``items``."""
    return sum(
        d.daily_mg_per_day
        for d in regular_opioids(items)
        if d.drug.id == like.drug.id and d.item.route == like.item.route
    )


def more_after(daily: DailyItem, before: Sequence[DailyItem], after: Sequence[DailyItem]) -> bool:
    """More of ``daily``'s drug by its route after than before (started or raised; read the
    other way round, stopped or lowered)."""
    return _amount(before, daily) < _amount(after, daily) * (1 - _REL)


def _verb(lines: Sequence[DailyItem], other: Sequence[DailyItem], none: str, some: str) -> str:
    """``none`` when no line's drug by its route is in ``other`` (stopped, started), ``some``
    when each is (lowered, raised), both words when they differ."""
    kept = {_amount(other, d) > 0 for d in lines}
    return " or ".join(word for word, held in ((none, False), (some, True)) if held in kept)
