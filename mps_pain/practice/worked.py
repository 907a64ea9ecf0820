"""The worked answer: the planner's (or the MME engine's) own steps with their arithmetic and
citations, the set named by its name."""

from __future__ import annotations

import re

from mps_pain.practice.key import MmeKey, SwitchKey
from mps_pain.practice.models import WorkedAnswer
from mps_pain.units import format_number

__all__ = ["worked_answer"]


def worked_answer(key: MmeKey | SwitchKey) -> WorkedAnswer:
    if isinstance(key, SwitchKey):
        plan = key.plan
        # the set by its name, not its id and table row (docs/gui.md; clinician review 5, #10)
        row = re.compile(rf"\b{re.escape(plan.table.id)} row factors\[\d+\]")
        steps = [row.sub(key.tables.sets[plan.table.id].name, step) for step in plan.steps]
        if plan.warnings:
            steps.append(
                "Warnings: " + "; ".join(f"{w.severity}: {w.message}" for w in plan.warnings)
            )
        return WorkedAnswer(steps=steps, table=plan.table)
    result = key.result
    steps = [f"{line.index + 1}. {line.explanation}" for line in result.items]
    steps.append(
        f"Total: {format_number(result.total_mme_per_day)} mg/day {result.output_label} "
        f"under {result.table_name} (as-needed doses {result.prn}d"
        f"{'' if result.prn_stated else ' by default'})"
    )
    return WorkedAnswer(steps=steps, table=result.table)
