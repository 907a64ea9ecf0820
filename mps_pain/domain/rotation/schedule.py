"""Step 7: the transition schedule with times, from the sourced practice for each case.

To a patch (overlap with the previous opioid or infusion), from a patch (remove, then start the
new opioid after the depot has fallen), infusion changes, oral ↔ infusion, and the methadone
schedules (immediate stop-and-go, or the table's three-step switch).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem, describe_dosing
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.domain.rotation.rounding import round_down
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import StepSchedule, TransitionRules
from mps_pain.units import format_number

__all__ = ["keep_co_infusions", "methadone_schedule", "switch_schedule"]


def _current_text(items: Sequence[DailyItem]) -> str:
    opioids = [d for d in items if d.is_opioid]
    return "; ".join(
        f"{d.drug.id} {d.item.route}{' (prn)' if d.item.prn else ''} {describe_dosing(d)}"
        for d in opioids
    )


def _cite(index: TableIndex, source: str, locator: str) -> str:
    return f"{index.tables.sources[source].label}, {locator}"


def switch_schedule(
    index: TableIndex,
    rules: TransitionRules,
    items: Sequence[DailyItem],
    *,
    new_text: str,
    to_patch: bool,
    to_infusion: bool,
    breakthrough_text: str | None,
    no_dose: str | None = None,
) -> list[ScheduleEntry]:
    opioids = [d for d in items if d.is_opioid]
    from_patch = any(d.item.route == "transdermal" for d in opioids)
    from_infusion = any(
        d.item.shape == "continuous" and d.item.route != "transdermal" for d in opioids
    )
    current = _current_text(items)
    if no_dose is not None:
        return [
            ScheduleEntry(
                when="now",
                action=f"Do not start {new_text.split(':')[0]}: {no_dose} Keep the current "
                f"regimen ({current}) until another form or route is chosen.",
            )
        ]
    entries: list[ScheduleEntry] = []
    overlap = format_number(rules.to_patch_overlap_hours)
    start = format_number(rules.from_patch_start_hours)
    if to_patch:
        entries.append(ScheduleEntry(when="0 h", action=f"Apply {new_text}."))
        if from_infusion:
            entries.append(
                ScheduleEntry(
                    when=f"0–{overlap} h",
                    action=f"Keep the current infusion running ({current}) for {overlap} h after "
                    "the "
                    "patch goes on.",
                )
            )
            entries.append(ScheduleEntry(when=f"{overlap} h", action="Stop the infusion."))
        else:
            entries.append(
                ScheduleEntry(
                    when=f"0–{overlap} h",
                    action=f"Keep giving the current regular opioid ({current}) for the first "
                    f"{overlap} h (a 12-hourly modified-release dose is given with the patch).",
                )
            )
            entries.append(ScheduleEntry(when=f"{overlap} h", action="Stop the previous opioid."))
    elif from_patch:
        entries.append(
            ScheduleEntry(
                when="0 h",
                action=f"Remove the patch(es) ({current}). Until the new opioid starts, give "
                "breakthrough doses only as needed.",
            )
        )
        entries.append(ScheduleEntry(when=f"{start} h", action=f"Start {new_text}."))
    elif to_infusion:
        if from_infusion:
            entries.append(
                ScheduleEntry(
                    when="0 h",
                    action=f"Stop the current infusion ({current}) and start {new_text} at the "
                    "same time.",
                )
            )
        else:
            entries.append(
                ScheduleEntry(
                    when="when the next dose is due",
                    action=f"Start {new_text} instead of the next dose of {current}. "
                    f"{rules.next_dose_due.message}",
                )
            )
    elif from_infusion:
        entries.append(
            ScheduleEntry(
                when="0 h",
                action=f"Give the first dose of {new_text}. {rules.infusion_to_oral.message}",
            )
        )
    else:
        entries.append(
            ScheduleEntry(
                when="when the next dose is due",
                action=f"Stop {current}; give the first dose of {new_text} instead. "
                f"{rules.next_dose_due.message}",
            )
        )
    if breakthrough_text:
        entries.append(ScheduleEntry(when="from 0 h", action=f"Breakthrough: {breakthrough_text}."))
    return entries


def methadone_schedule(
    schedule: str,
    steps: StepSchedule,
    items: Sequence[DailyItem],
    *,
    per_dose_mg: float,
    doses_per_day: float | None,
    frequency: str,
    strengths: tuple[float, ...] | None,
) -> list[ScheduleEntry]:
    current = _current_text(items)
    if schedule == "immediate" or doses_per_day is None:
        when = "day 1"
        dose = f"methadone {format_number(per_dose_mg)} mg {frequency}"
        return [
            ScheduleEntry(when=when, action=f"Stop {current} (stop and go). Start {dose}."),
        ]
    entries = []
    for step in steps.steps:
        days = f"days {step.from_day}–{step.to_day}" if step.to_day else f"day {step.from_day}+"
        part = round_down(per_dose_mg * step.methadone_fraction, strengths).total
        liquid = ""
        if part <= 0:
            part = round_down(per_dose_mg * step.methadone_fraction, None).total
            liquid = " as oral solution"
        previous = (
            f"previous opioid(s) at {format_number(step.previous_fraction * 100)}% of the current "
            f"doses ({current})"
            if step.previous_fraction > 0
            else "previous opioid(s) stopped"
        )
        entries.append(
            ScheduleEntry(
                when=days,
                action=f"{previous}; methadone {format_number(part)} mg{liquid} {frequency} "
                f"({format_number(step.methadone_fraction * 100)}% of the target, rounded down).",
            )
        )
    return entries


def keep_co_infusions(items: Sequence[DailyItem]) -> list[ScheduleEntry]:
    return [
        ScheduleEntry(
            when="throughout",
            action=f"Continue {d.drug.id} {d.item.route} {describe_dosing(d)} unchanged "
            "(co-medication).",
        )
        for d in items
        if not d.is_opioid
    ]
