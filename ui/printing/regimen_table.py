"""The printed regimen table: every row of the regimen is a row of it (clinician review 14, #1).

The plan's PDF printed only the rows the total counted: a methadone row the set has no factor
for was left to a paragraph under a bold "22.5 OME/day". Now a row the total leaves out (the
set has no factor, or the editor could not read what was typed) is a row of the table in its
place, written as prescribed (or as typed), marked "not counted" with its reason; the total is
the headline the main window shows ("22.5 OME/day (incomplete) — check row 1: danger").

On the Quick converter tab the plan printed is the conversion on screen, so its table is the
question converted (``question_section``), never the regimen as if it had been converted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from mps_pain.presentation.mme import MmeRowView, mme_rows, mme_view
from mps_pain.presentation.staged_words import printed_amount
from ui.printing.parts import cell

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenItem
    from mps_pain.domain.results import MmeResult
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["NOT_COUNTED", "NotCounted", "question_section", "regimen_table", "typed_row"]

NOT_COUNTED = "not counted"
_TABLE = "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"


@dataclass(frozen=True, slots=True)
class NotCounted:
    """A row of the regimen the total leaves out: its editor row (0-based), the row as
    prescribed or typed, and why it is not counted (the app's sentence, as on screen)."""

    row: int
    written: str
    reason: str


_TYPED = ("drug", "route", "form", "dose", "frequency", "rate", "daily_dose", "concentration")


def typed_row(raw: Mapping[str, Any]) -> str:
    """A row the editor could not read, as it was typed ("oxycodone oral IR 5 mg q4h prn, as
    needed, 3 taken in 24 h"): printed as typed, never read into numbers."""
    words = " ".join(str(raw.get(name) or "").strip() for name in _TYPED)
    text = " ".join(words.split()) or "(nothing typed)"
    if raw.get("prn"):
        taken = str(raw.get("doses_per_day") or "").strip()
        text += ", as needed" + (f", {taken} taken in 24 h" if taken else "")
    return text


def _head(unit_label: str) -> str:
    return (
        f"{_TABLE}<thead><tr><th>#</th><th>Drug / route / form</th>"
        "<th>As prescribed (daily total)</th>"
        f"<th>Factor</th><th>{escape(unit_label)}</th></tr></thead>"
    )


def _counted(number: int, row: MmeRowView, item: RegimenItem | None = None) -> tuple[int, str]:
    """A counted row; ``item``: the regimen's item, whose staged first part (after Apply of a
    plan from a patch) is printed beside the amount, as the Rate cell shows it (re-check 19b,
    R2), and whose dose changed after Apply is said to have no plan timing (re-check 20c, L2)."""
    prescribed = printed_amount(row.prescribed, item)
    cells = f"{cell(number)}{cell(row.name)}{cell(prescribed)}{cell(row.factor)}{cell(row.mme)}"
    return number, f"<tr>{cells}</tr>"


def _left_out(row: NotCounted) -> tuple[int, str]:
    reason = f"<i>Not counted: {escape(row.reason)}</i>"
    return row.row + 1, (
        f"<tr>{cell(row.row + 1)}<td colspan='3'>{escape(row.written)}<br/>{reason}</td>"
        f"{cell(NOT_COUNTED.upper(), bold=True)}</tr>"
    )


def regimen_table(
    result: MmeResult,
    row_number: Callable[[int], int],
    not_counted: Sequence[NotCounted],
    total_text: str | None,
    item_of: Callable[[int], RegimenItem | None] = lambda number: None,
) -> str:
    """The regimen's rows in the editor's order (counted and not), and its total as headed on
    screen; ``total_text`` None: the view's own total; ``item_of``: the item numbered
    ``number``."""
    view = mme_view(result)
    rows = [_counted(row_number(r.number), r, item_of(r.number)) for r in view.rows]
    rows += [_left_out(row) for row in not_counted]
    label = "Total" if not not_counted else "Total of the counted rows, INCOMPLETE"
    return (
        _head(view.unit_label)
        + "".join(html for _, html in sorted(rows, key=lambda pair: pair[0]))
        + f"<tr><td></td><td colspan='3'><b>{label} ({escape(view.set_name)})</b></td>"
        f"{cell(total_text or view.total_text, bold=True)}</tr>{_ranged(view.ranged)}</table>"
    )


def _ranged(words: str) -> str:
    """The total's span over its lines' cited factor ranges, under it (review 21, N2)."""
    return f"<tr><td></td><td colspan='4'><i>{escape(words)}</i></td></tr>" if words else ""


def question_section(question: str, plan: RotationPlan) -> list[str]:
    """The Quick converter's question, as the conversion on screen answered it."""
    rows = mme_rows(plan.current)
    out = [
        "<h2>Quick converter: the question converted</h2>",
        f"<p>{escape(question)}. A conversion asked in the Quick converter, not the "
        "patient's regimen (the regimen on screen is not part of this plan).</p>",
        _head(f"{plan.ome_label}/day"),  # the plan's set's own unit (its "Current total" below)
    ]
    out += [_counted(r.number, r)[1] for r in rows]
    out.append("</table>")
    out += [f"<p>{escape(r.explanation)}</p>" for r in rows]
    return out
