"""A dose change's step judged on the opioid TAKEN when as-needed doses were taken (pharmacist
re-check 16b, #7: a 12.5 mcg/h patch with morphine IR 30 mg × 6 taken, 210 mg/day OME in all,
raised to 50 mcg/h read "DANGER +300% … more than twice the current: risk of overdose").

The check's step range (``check_steps``: no source gives a largest titration step, so the
largest cross-tolerance reduction read both ways) compares a line with its own amount. The
sourced titration rule adjusts the regular dose by the breakthrough doses used (Scottish PCG,
the plan's monitoring line), and the as-needed doses taken are opioid taken (``taken``, the
tolerance rule's reading of a count on the regimen before). So where the current regimen has
as-needed doses taken and the proposed regular opioids, in OME a day under the set, lie within
the step range from the opioid taken, the step is not a danger: one caution says both amounts.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.patient_rules.tolerance import taken
from mps_pain.domain.results import ClinicalWarning, sort_warnings
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.check_steps import STEP_ABOVE, step_range
from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.ome import current_ome
from mps_pain.errors import MpsPainError
from mps_pain.numbers import format_span
from mps_pain.tables.index import TableIndex
from mps_pain.tables.label_words import daily_amount
from mps_pain.units import format_number, tidy

__all__ = ["STEP_WITH_RESCUES", "step_from_taken"]

STEP_WITH_RESCUES = "dose-step-within-rescues-taken"
_REL = 1e-6


def _ome(tables: TableIndex, set_id: str, lines: Sequence[DailyItem]) -> float | None:
    try:
        set_ = tables.reference_set(set_id, location="table")
        return current_ome(tables, set_, rotation_rules(tables), lines, "include").total_mg_per_day
    except MpsPainError:
        return None


def step_from_taken(
    tables: TableIndex,
    set_id: str,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
    result: CheckResult,
) -> CheckResult:
    """``result`` with its step-above dangers replaced by one caution when the proposed regular
    opioids lie within the step range from the opioid taken, the as-needed doses included."""
    if not any(w.code == STEP_ABOVE for w in result.warnings):
        return result
    if not any(d.item.prn and taken(d) for d in current):
        return result
    now = _ome(tables, set_id, [d for d in current if taken(d)])
    new = _ome(tables, set_id, [d for d in proposed if d.is_opioid and not d.item.prn])
    if now is None or new is None or now <= 0:
        return result
    top, bottom = step_range(tables, now)
    if new > top * (1 + _REL):
        return result
    steps = "; ".join(
        f"{s.subject} {format_number(s.now)} → {format_number(s.new)} {s.unit}"
        for s in result.dose_steps
    )
    rule = next(m for m in rotation_rules(tables).monitoring if "breakthrough" in m.message)
    label = tables.sets[set_id].output_label  # the set's own words (its _ome was read)
    span = format_span(format_number(tidy(bottom)), daily_amount(tidy(top), label))
    message = (
        f"Dose change ({steps}): more than twice its own current amount, but with the as-needed "
        f"doses taken the current regimen is {daily_amount(tidy(now), label)}, and the "
        f"proposed regular opioids come to {daily_amount(tidy(new), label)}, within the "
        f"check's step range from it ({span}): the regular dose is raised by the breakthrough "
        "doses used, as the titration rule does. Confirm the breakthrough use is current, and "
        "review pain, sedation and breathing daily."
    )
    caution = ClinicalWarning(
        code=STEP_WITH_RESCUES,
        severity="caution",
        message=message,
        source=tables.cite(rule.citation),
    )
    warnings = [w for w in result.warnings if w.code != STEP_ABOVE]
    update = {"warnings": sort_warnings([*warnings, caution]), "dose_steps": ()}
    return result.model_copy(update=update)
