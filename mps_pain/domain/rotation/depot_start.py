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

from mps_pain.domain.normalise import DailyItem
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

__all__ = ["DEPOT_START", "RESCUE_FROM", "share_start", "start_hour", "stopped_patch_warnings"]

DEPOT_START = "patch-depot-start"
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
    the planner's rule for as-needed doses (from the patch's removal, only as needed)."""
    patches = [d for d in _regular(current) if d.item.route == _PATCH]
    stopped = [d for d in patches if _more(d, proposed, current)]
    raised = [  # the one rule: a new patch goes on as the old one comes off (review 19, M4)
        d
        for d in _regular(proposed)
        if waits_for_depot(_patch_of(d)) and _more(d, current, proposed)
    ]
    rescues = [d for d in proposed if d.is_opioid and d.item.prn and d.item.route != _PATCH]
    if not stopped or not (raised or (rescues and not _new_patch(current, proposed))):
        return []
    worn = worn_patch(rules.patches, stopped)
    assert worn is not None  # ``stopped`` holds opioid patches only
    start, source = share_start(tables, rules.transitions)
    borrowed = borrowed_timing(tables, rules.patches, {d.drug.id for d in stopped})
    said = f"This order {_verb(stopped, proposed, 'stops', 'lowers')} {current_text(stopped)}"
    if not raised:
        message = (
            f"{said} and orders {current_text(rescues)}, with no regular opioid that replaces "
            f"the patch: the as-needed doses may be given {RESCUE_FROM} (the patch's removal), "
            "only as needed, as the switching plan gives its breakthrough dose; the skin depot "
            "keeps releasing the patch's opioid for hours, so watch for sedation after each "
            f"dose. A regular opioid that replaces the patch starts {_after_removal(start)}."
            f"{borrowed}"
        )
        return [*lingering_warnings(tables, rules.patches, worn), _caution(message, source)]
    others = [d for d in _regular(current) if d.item.route != _PATCH]
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
        "This check cannot see when each line starts: write the start times on the order."
    )
    return [*lingering_warnings(tables, rules.patches, worn), _caution(message, source)]


def _patch_of(item: DailyItem) -> str | None:
    return item.drug.id if item.item.route == _PATCH else None


def _after_removal(start: str) -> str:
    return f"{start} h after removal, as the switching plan does"


def _caution(message: str, source: str) -> ClinicalWarning:
    return ClinicalWarning(code=DEPOT_START, severity="caution", message=message, source=source)


def _new_patch(current: Sequence[DailyItem], proposed: Sequence[DailyItem]) -> bool:
    """A patch started or raised: it goes on as the old one comes off (the to-patch schedule)."""
    return any(d.item.route == _PATCH and _more(d, current, proposed) for d in _regular(proposed))


def _regular(items: Sequence[DailyItem]) -> list[DailyItem]:
    return [d for d in items if d.is_opioid and not d.item.prn]


def _amount(items: Sequence[DailyItem], like: DailyItem) -> float:
    """The regular daily amount of ``like``'s drug by its route in ``items``."""
    return sum(
        d.daily_mg_per_day
        for d in _regular(items)
        if d.drug.id == like.drug.id and d.item.route == like.item.route
    )


def _more(daily: DailyItem, before: Sequence[DailyItem], after: Sequence[DailyItem]) -> bool:
    """More of ``daily``'s drug by its route after than before (started or raised; read the
    other way round, stopped or lowered)."""
    return _amount(before, daily) < _amount(after, daily) * (1 - _REL)


def _verb(lines: Sequence[DailyItem], other: Sequence[DailyItem], none: str, some: str) -> str:
    """``none`` when no line's drug by its route is in ``other`` (stopped, started), ``some``
    when each is (lowered, raised), both words when they differ."""
    kept = {_amount(other, d) > 0 for d in lines}
    return " or ".join(word for word, held in ((none, False), (some, True)) if held in kept)
