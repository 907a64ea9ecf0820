"""What an order that starts a patch keeps giving while the patch takes effect.

The mirror of ``depot_start`` (an order that stops a patch). A new patch takes 12–24 h to reach
effect; the planner says so (``patch-onset``) and its schedule keeps an infusion 12 h, gives the
last 12-hourly modified-release dose when the patch goes on, and so on (``to_patch_schedule``,
NHS Lanarkshire). The check read an order that stops a syringe driver and starts a patch as
WITHIN with no word on either (pharmacist review 19, M1): stopping the driver when the patch
goes on leaves 12–24 h without enough analgesia. The check now gives the planner's own caution
and the planner's own schedule for the lines the order stops: one rule, no second copy of the
timings. An order that replaces a worn patch with a new one gets the plan's 0 h step for it
(remove the old patch and apply the new one at the same time; re-check 19b, M2).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.depot_start import NO_TIMES, more_after, regular_opioids
from mps_pain.domain.rotation.patches import borrowed_timing, onset_warning, worn_patch
from mps_pain.domain.rotation.schedule_current import current_text
from mps_pain.domain.rotation.schedule_to_patch import to_patch_schedule
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["ONSET_COVER", "started_patch_warnings"]

#: the check's caution that names what to keep giving, and until when, beside a new patch
ONSET_COVER = "patch-onset-cover"
_PATCH = "transdermal"


def started_patch_warnings(
    tables: TableIndex,
    rules: RotationRules,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
) -> list[ClinicalWarning]:
    """An order that starts or raises an opioid patch, or puts the patient on a patch alone
    while it stops a regular opioid (a switch to a patch): the planner's onset caution, and, for
    each regular opioid it stops, the planner's schedule (what to keep and until when)."""
    patches = [d for d in regular_opioids(proposed) if d.item.route == _PATCH]
    started = [d for d in patches if more_after(d, current, proposed)]
    stopped = [
        d for d in regular_opioids(current) if d.item.route != _PATCH and not _kept(d, proposed)
    ]
    if not started and not (patches and stopped):
        return []
    drug = worn_patch(rules.patches, started or patches)
    onset = onset_warning(tables, rules.patches, drug) if drug is not None else None
    if onset is None:
        return []
    if not stopped:
        return [onset, *_replaced(tables, rules, current, proposed, started)]
    return [onset, _cover(tables, rules, current, stopped, started or patches)]


def _replaced(
    tables: TableIndex,
    rules: RotationRules,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
    started: list[DailyItem],
) -> list[ClinicalWarning]:
    """A new patch in place of a worn one the order stops or lowers (pharmacist re-check 19b,
    M2): the planner's 0 h step for it (``to_patch_schedule``), as one caution."""
    worn = [d for d in regular_opioids(current) if d.item.route == _PATCH]
    replaced = [d for d in worn if more_after(d, proposed, current)]
    if not replaced or not started:
        return []
    new_text = current_text(started)
    steps = to_patch_schedule(tables, rules.transitions, worn, new_text)
    said = " ".join(f"{step.when}: {step.action}" for step in steps)
    message = (
        f"This order replaces {current_text(replaced)} with {new_text}. As the switching plan "
        f"does: {said} {NO_TIMES}"
    )
    return [ClinicalWarning(code=ONSET_COVER, severity="caution", message=message)]


def _kept(daily: DailyItem, proposed: Sequence[DailyItem]) -> bool:
    """``daily``'s drug by its route is still given regularly in the order."""
    return any(
        d.drug.id == daily.drug.id and d.item.route == daily.item.route
        for d in regular_opioids(proposed)
    )


def _cover(
    tables: TableIndex,
    rules: RotationRules,
    current: Sequence[DailyItem],
    stopped: list[DailyItem],
    patches: list[DailyItem],
) -> ClinicalWarning:
    """The planner's to-patch schedule for the lines the order stops, as one caution."""
    worn = [d for d in regular_opioids(current) if d.item.route == _PATCH]
    borrowed = borrowed_timing(tables, rules.patches, {d.drug.id for d in patches})
    new_text = current_text(patches)
    steps = to_patch_schedule(tables, rules.transitions, [*worn, *stopped], new_text, borrowed)
    said = " ".join(f"{step.when}: {step.action}" for step in steps)
    message = (
        f"This order starts {new_text} and stops {current_text(stopped)}. The patch takes hours "
        "to reach effect, so what it replaces stops on the switching plan's schedule, not all "
        f"at once: {said} {NO_TIMES}"
    )
    return ClinicalWarning(code=ONSET_COVER, severity="caution", message=message)
