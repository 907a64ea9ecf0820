"""Step 7 for methadone: stop and go, the table's three-step switch, or a start after a patch
comes off (its cited depot time); the current as-needed lines are named as stopped when
methadone starts (outside fuzz review D2: nothing current is left implicitly running)."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.domain.rotation.rounding import round_down
from mps_pain.domain.rotation.schedule import current_text
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_methadone import StepSchedule
from mps_pain.tables.schema_types import CitedHours
from mps_pain.units import format_number

__all__ = ["methadone_schedule"]


def methadone_schedule(
    tables: TableIndex,
    schedule: str,
    steps: StepSchedule,
    items: Sequence[DailyItem],
    *,
    per_dose_mg: float,
    doses_per_day: float | None,
    frequency: str,
    strengths: tuple[float, ...] | None,
    start_after_patch: CitedHours | None = None,
    liquid_step_mg: float | None = None,
) -> list[ScheduleEntry]:
    """Stop and go, the three steps (each step's fractions cited), or a start after a patch
    comes off (``start_after_patch``: its cited depot time); the current as-needed lines are
    named as stopped when methadone starts (until then they are the breakthrough cover)."""
    entries = _methadone_steps(
        tables,
        schedule,
        steps,
        items,
        per_dose_mg=per_dose_mg,
        doses_per_day=doses_per_day,
        frequency=frequency,
        strengths=strengths,
        start_after_patch=start_after_patch,
        liquid_step_mg=liquid_step_mg,
    )
    prn = [d for d in items if d.is_opioid and d.item.prn]
    if not prn:
        return entries
    stop = ScheduleEntry(
        when="when methadone starts",
        action=f"Stop the current as-needed {current_text(prn)}; it is the breakthrough cover "
        "until then, and methadone's own breakthrough dose replaces it.",
    )
    return [*entries, stop]


def _methadone_steps(
    tables: TableIndex,
    schedule: str,
    steps: StepSchedule,
    items: Sequence[DailyItem],
    *,
    per_dose_mg: float,
    doses_per_day: float | None,
    frequency: str,
    strengths: tuple[float, ...] | None,
    start_after_patch: CitedHours | None,
    liquid_step_mg: float | None,
) -> list[ScheduleEntry]:
    current = current_text(items)
    dose = f"methadone {format_number(per_dose_mg)} mg {frequency}"
    if start_after_patch is not None:
        return _methadone_after_patch(tables, items, dose, start_after_patch)
    if schedule == "immediate" or doses_per_day is None:
        return [
            ScheduleEntry(when="day 1", action=f"Stop {current} (stop and go). Start {dose}."),
        ]
    entries = []
    cite = tables.cite(steps.citation)
    for step in steps.steps:
        days = f"days {step.from_day}–{step.to_day}" if step.to_day else f"day {step.from_day}+"
        methadone = _step_dose(per_dose_mg * step.methadone_fraction, strengths, liquid_step_mg)
        previous = (
            f"previous opioid(s) at {format_number(step.previous_fraction * 100)}% of the current "
            f"doses ({current})"
            if step.previous_fraction > 0
            else "previous opioid(s) stopped"
        )
        entries.append(
            ScheduleEntry(
                when=days,
                action=f"{previous}; {methadone} {frequency} "
                f"({format_number(step.methadone_fraction * 100)}% of the target, rounded down) "
                f"[{cite}].",
            )
        )
    return entries


def _step_dose(
    exact_mg: float, strengths: tuple[float, ...] | None, liquid_step_mg: float | None
) -> str:
    """One step's methadone dose: tablets rounded down, else the oral solution in its measurable
    steps (the rounding policy's ``oral_solution_step``, as every solution dose); below one step
    the schedule says so rather than printing an amount nobody can measure (md10: "1.66 mg")."""
    tablets = round_down(exact_mg, strengths).total if strengths else 0.0
    if tablets > 0:
        return f"methadone {format_number(tablets)} mg"
    steps = (liquid_step_mg,) if liquid_step_mg else None
    measured = round_down(exact_mg, steps).total
    if measured > 0:
        return f"methadone {format_number(measured)} mg as oral solution"
    return (
        f"no methadone yet ({format_number(exact_mg, 3)} mg is below one measurable step of the "
        f"oral solution, {format_number(liquid_step_mg or 0)} mg)"
    )


def _methadone_after_patch(
    tables: TableIndex, items: Sequence[DailyItem], dose: str, start_after: CitedHours
) -> list[ScheduleEntry]:
    """Methadone after a patch comes off. Regular oral or parenteral opioids beside the patch are
    kept until methadone starts and then stopped (stop and go), never stopped at 0 h with only
    breakthrough cover (outside first-time-clinician review, H1)."""
    start = format_number(start_after.hours)
    opioids = [d for d in items if d.is_opioid]
    regular = [d for d in opioids if d.item.route != "transdermal" and not d.item.prn]
    depot = (
        "the skin depot keeps releasing fentanyl for hours after removal). "
        f"[{tables.cite(start_after.citation)}]"
    )
    if not regular:
        return [
            ScheduleEntry(
                when="0 h",
                action=f"Remove the patch(es) and stop the other opioids "
                f"({current_text(items)}). Until methadone starts, give breakthrough doses only "
                "as needed.",
            ),
            ScheduleEntry(when=f"{start} h", action=f"Start {dose} ({depot}"),
        ]
    others = current_text(regular)
    patches = current_text([d for d in opioids if d.item.route == "transdermal"])
    return [
        ScheduleEntry(
            when="0 h",
            action=f"Remove the patch(es) ({patches}). Keep giving {others} as prescribed until "
            "methadone starts; give breakthrough doses as needed.",
        ),
        ScheduleEntry(
            when=f"{start} h",
            action=f"Stop {others} and start {dose} (stop and go for them; for the patch, {depot}",
        ),
    ]
