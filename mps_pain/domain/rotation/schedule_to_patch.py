"""Step 7 to a patch: the new patch goes on at 0 h (worn patches come off at the same moment)
and each regular opioid line follows the sourced rule for its shape (``rotation.transitions
.to_patch``: overlap, last dose with the patch, or last dose some hours before)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.kept_line import KeptLine
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.domain.rotation.schedule_current import current_text
from mps_pain.domain.rotation.schedule_doses import (
    first_hours_on_patch,
    keep_giving,
    last_dose_words,
    stop_words,
)
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import PreviousRegimen, ToPatchRule, TransitionRules
from mps_pain.units import format_number

__all__ = ["previous_kind", "to_patch_schedule"]


MODIFIED_RELEASE_FORM = "er"  # the catalogue's id of modified-release oral forms


def previous_kind(daily: DailyItem) -> PreviousRegimen | None:
    """The shape of a regular opioid for the to-patch rules (None: no rule applies)."""
    item = daily.item
    if item.prn or not daily.is_opioid or item.route == "transdermal":
        return None
    if item.shape == "continuous":
        return "infusion"
    if item.shape != "scheduled" or item.frequency is None:
        return None
    if daily.form == MODIFIED_RELEASE_FORM:
        once_daily = item.frequency.doses_per_day <= 1
        return "modified_release_24h" if once_daily else "modified_release_12h"
    return "immediate_release"


def to_patch_schedule(
    tables: TableIndex,
    rules: TransitionRules,
    items: Sequence[DailyItem],
    new_text: str,
    borrowed: str = "",
) -> list[ScheduleEntry]:
    """Apply at 0 h; each regular opioid item follows the rule for its shape (``borrowed``
    after each citation of a rule sourced for another patch drug)."""
    phases: dict[_Phase, list[ScheduleEntry]] = {"before": [], "during": [], "after": []}
    by_kind = {rule.previous: rule for rule in rules.to_patch}
    for daily in items:
        if not daily.is_opioid or daily.item.prn or daily.item.route == "transdermal":
            continue
        kind = previous_kind(daily)
        rule = by_kind.get(kind) if kind is not None else None
        if rule is None:
            entries = _overlap_entries(tables, rules, daily, borrowed)
        else:
            entries = _rule_entries(tables, rule, kind, daily, borrowed)
        for phase, entry in entries:
            phases[phase].append(entry)
    return [*phases["before"], _apply_patch(items, new_text), *phases["during"], *phases["after"]]


_Phase = Literal["before", "during", "after"]


def _overlap_entries(
    tables: TableIndex, rules: TransitionRules, daily: DailyItem, borrowed: str
) -> list[tuple[_Phase, ScheduleEntry]]:
    """No rule for this regimen's shape: keep it for the cited overlap, then stop it."""
    hours = format_number(rules.to_patch_overlap.hours)
    cite = tables.cite(rules.to_patch_overlap.citation)
    keep = keep_giving(daily, rules.to_patch_overlap.hours)
    action = f"{keep} (no interval-specific rule applies to this regimen) [{cite}].{borrowed}"
    stop = stop_words(daily, rules.to_patch_overlap.hours)
    return [
        (
            "during",
            ScheduleEntry(
                when=f"0–{hours} h", action=action, keeps=_kept(daily, rules.to_patch_overlap.hours)
            ),
        ),
        ("after", ScheduleEntry(when=f"{hours} h", action=stop)),
    ]


def _rule_entries(
    tables: TableIndex,
    rule: ToPatchRule,
    kind: PreviousRegimen | None,
    daily: DailyItem,
    borrowed: str,
) -> list[tuple[_Phase, ScheduleEntry]]:
    """The steps of one regular opioid line under its cited to-patch rule."""
    hours = format_number(rule.hours)
    cite = f"[{tables.cite(rule.citation)}]{borrowed}"
    if rule.timing == "continue_for" and kind == "infusion":
        text = current_text([daily])
        return [
            (
                "during",
                ScheduleEntry(
                    when=f"0–{hours} h",
                    action=f"Keep the infusion of {text} going {first_hours_on_patch(hours)}: "
                    f"{rule.message} {cite}.",
                    keeps=_kept(daily, rule.hours),
                ),
            ),
            ("after", ScheduleEntry(when=f"{hours} h", action=f"Stop {text}.")),
        ]
    if rule.timing == "continue_for":  # the doses named, never a daily total (review 4 D7)
        return [
            (
                "during",
                ScheduleEntry(
                    when=f"0–{hours} h",
                    action=f"{keep_giving(daily, rule.hours)}: {rule.message} {cite}.",
                    keeps=_kept(daily, rule.hours),
                ),
            ),
            ("after", ScheduleEntry(when=f"{hours} h", action=stop_words(daily, rule.hours))),
        ]
    if rule.timing == "with_last_dose":
        return [
            (
                "during",
                ScheduleEntry(
                    when="0 h",
                    action=f"Give {last_dose_words(daily)} when the patch goes on, then stop it: "
                    f"{rule.message} {cite}.",
                ),
            )
        ]
    return [
        (
            "before",
            ScheduleEntry(
                when=f"{hours} h before 0 h",
                action=f"Give {last_dose_words(daily)}; no further doses. The patch goes on "
                f"{hours} h later: {rule.message} {cite}.",
            ),
        )
    ]


def _kept(daily: DailyItem, hours: float) -> KeptLine:
    """The line a '0–N h' step keeps going, typed for Apply and the signed page (review 21 N1)."""
    return KeptLine(index=daily.index, hours=hours, order=current_text([daily]))


def _apply_patch(items: Sequence[DailyItem], new_text: str) -> ScheduleEntry:
    """Apply the new patch(es) at 0 h. Patches already worn come off at the same moment, as at a
    routine patch change: the old patch's skin depot covers the new patch's rise, and one set of
    patches with one change day is what is left on the skin (docs/rotation.md, "To a patch")."""
    worn = [d for d in items if d.is_opioid and d.item.route == "transdermal"]
    if not worn:
        return ScheduleEntry(when="0 h", action=f"Apply {new_text}.")
    return ScheduleEntry(
        when="0 h",
        action=f"Remove the current patch(es) ({current_text(worn)}) and apply {new_text} in "
        "their place at the same time, as at a routine patch change (the new total replaces "
        "them; do not leave the old patch(es) on beside it).",
    )
