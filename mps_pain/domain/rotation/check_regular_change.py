"""A dose change's regular lines, said apart from its total (pharmacist review 17, L2).

The as-needed doses taken count in the current total; a proposal's as-needed line is an order,
not summed. A regular line raised to take in the doses taken can therefore keep the total
("fentanyl IV 50 → 62.5 mcg/h, +0%, keeps the current daily amount") while the line itself
rises by a quarter. ``regular_change`` says each regular line whose own amount changes, so the
check never calls such a proposal unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.line_keys import line_key
from mps_pain.numbers import format_percent
from mps_pain.units import format_number, tidy

__all__ = ["DOSE_CHANGE_NOTE", "RegularChange", "regular_change", "regular_noted"]

_REL = 1e-6
DOSE_CHANGE_NOTE = "dose-change-not-switch"  # the info note that says what kind of change it is


def _regular(lines: Sequence[DailyItem]) -> dict[tuple[str, str, str | None], float]:
    found: dict[tuple[str, str, str | None], float] = {}
    for d in lines:
        if d.is_opioid and not d.item.prn:
            found[line_key(d)] = tidy(found.get(line_key(d), 0.0) + d.daily_mg_per_day)
    return found


def _signed(fraction: float) -> str:
    return ("+" if fraction > 0 else "−") + format_percent(abs(fraction))


@dataclass(frozen=True)
class RegularChange:
    """The regular lines whose own amount changes: ``lines`` in words, "fentanyl iv injection
    <before> → <after> mg/day (+<change>%)"."""

    lines: str

    @property
    def said(self) -> str:
        """The check's reason."""
        return (
            f"The regular line changes: {self.lines}. The as-needed doses taken are part of the "
            "current total, while the proposal's as-needed line is an order, not summed: a "
            "regular dose raised to take in the doses taken is a dose change, judged by the "
            "titration rules."
        )


def regular_change(
    current: Sequence[DailyItem], proposed: Sequence[DailyItem], prn: str
) -> RegularChange | None:
    """The regular lines whose own daily amount changes beside as-needed doses of the same line
    counted in the current total (``prn``), where the proposal keeps the same regular lines
    (None: none such; the totals then say the change themselves)."""
    now, new = _regular(current), _regular(proposed)
    if not now or now.keys() != new.keys():
        return None
    taken = {line_key(d) for d in current if d.item.prn and d.counts(prn)}
    moved = [k for k in sorted(now, key=str) if k in taken and abs(new[k] - now[k]) > now[k] * _REL]
    if not moved:
        return None
    return RegularChange(
        "; ".join(
            f"{product_label(*k)} {format_number(now[k])} → {format_number(new[k])} mg/day "
            f"({_signed(new[k] / now[k] - 1) if now[k] > 0 else 'new'})"
            for k in moved
        )
    )


def regular_noted(
    warnings: Sequence[ClinicalWarning], moved: RegularChange | None
) -> list[ClinicalWarning]:
    """The dose-change note with the regular line's own change beside the totals' (review 17,
    L2: "+0%" alone was said of an infusion raised by 25%)."""
    if moved is None:
        return list(warnings)
    return [
        w.model_copy(update={"message": f"{w.message} The regular line: {moved.lines}."})
        if w.code == DOSE_CHANGE_NOTE
        else w
        for w in warnings
    ]
