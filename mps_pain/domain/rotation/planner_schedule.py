"""Step 7 of a plan: the transition schedule (moved out of ``planner_output.py``, which was
over 400 lines): the timed entries of the switch, the co-infusions kept beside it, and the
explanation lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.context import Target
from mps_pain.domain.rotation.mixed import FirstPart
from mps_pain.domain.rotation.models import Breakthrough, ScheduleEntry
from mps_pain.domain.rotation.patches import borrowed_timing
from mps_pain.domain.rotation.planner_output import RoundingStep
from mps_pain.domain.rotation.planner_record import schedule_lines
from mps_pain.domain.rotation.schedule import switch_schedule
from mps_pain.domain.rotation.schedule_current import keep_co_infusions
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.domain.rotation.withheld_words import withheld_advice
from mps_pain.numbers import dose_text
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["ScheduleStep", "schedule_step"]


@dataclass(frozen=True)
class ScheduleStep:
    entries: list[ScheduleEntry]
    explanation: list[str]


def schedule_step(
    tables: TableIndex,
    rules: RotationRules,
    items: Sequence[DailyItem],
    target: Target,
    rounded: RoundingStep,
    breakthrough: Breakthrough | None,
    first: FirstPart | None = None,
) -> ScheduleStep:
    shaped = rounded.shaped
    bt_text = None
    if breakthrough is not None and breakthrough.dose is not None:
        bt_text = (
            f"{breakthrough.drug} {breakthrough.route} "
            f"{dose_text(breakthrough.dose.value, breakthrough.dose.unit)} {breakthrough.frequency}"
        )
    entries = switch_schedule(
        tables,
        rules.transitions,
        items,
        new_text=regimen_text(shaped.regimen, shaped.detail),
        to_patch=target.is_patch,
        to_infusion=target.is_continuous and not target.is_patch,
        breakthrough_text=bt_text,
        breakthrough_none=breakthrough.no_dose if breakthrough is not None else None,
        breakthrough_advice=withheld_advice(breakthrough),
        no_dose=shaped.detail.no_dose,
        first_part=first,
        target=(target.drug.id, target.route),
        borrowed=borrowed_timing(tables, rules.patches, _patch_drugs(items, target)),
    ) + keep_co_infusions(items)
    return ScheduleStep(entries, schedule_lines(entries))


def _patch_drugs(items: Sequence[DailyItem], target: Target) -> list[str]:
    """The patch drugs of a switch: the new patch, and the worn ones."""
    worn = [d.drug.id for d in items if d.item.route == "transdermal" and d.is_opioid]
    return ([target.drug.id] if target.is_patch else []) + worn
