"""Plain-text renderers for the terminal: they lay out the presentation layer's records.

No number is formatted and no sentence worded here (``mps_pain.presentation`` does both); this
module only decides columns, indents and headings.
"""

from __future__ import annotations

from collections.abc import Iterable

from mps_pain.domain.results import MmeResult
from mps_pain.presentation.mme import headline, mme_view, purpose_words
from mps_pain.presentation.wording import WarningView, cited

__all__ = ["render_mme", "render_warnings", "section"]


def render_warnings(warnings: Iterable[WarningView]) -> list[str]:
    return [f"  {w.severity.label:<7} {cited(w.message, w.citation)}" for w in warnings]


def section(title: str, lines: list[str]) -> list[str]:
    return ["", title, *lines] if lines else []


def render_mme(result: MmeResult) -> str:
    view = mme_view(result)
    wide = max([7, *(len(r.factor) for r in view.rows)])  # "× 2 (2–3)": a cited range
    out = [
        view.heading,
        view.prn,
        "",
        f"  {'#':>2}  {'drug / route / form':<28} {'daily':>11}  {'factor':>{wide}}  "
        f"{view.unit_label:>10}",
    ]
    out += [
        f"  {r.number:>2}  {r.name:<28} {r.daily_amount:>11}  {r.factor:>{wide}}  {r.mme:>10}"
        for r in view.rows
    ]
    total = headline(
        view.total_text, result.warnings, incomplete=bool(view.excluded), has_total=view.has_total
    )
    out += ["", f"Total: {total.text}"]
    out += [f"  {view.ranged}"] if view.ranged else []
    out += ["", "Worked arithmetic:"]
    out += [f"  {r.number}. {r.explanation}" for r in view.rows]
    out += [f"  EXCLUDED — {text}" for text in view.excluded]
    out += ["", "Across reference sets (same regimen):"]
    out += [
        f"  {'→' if s.current else ' '} {s.table:<16} {s.value_text:<20} {purpose_words(s.purpose)}"
        for s in view.spread
    ]
    out += section("Warnings:", render_warnings(view.warnings))
    out += section("About this set:", [f"  - {c}" for c in view.cautions])
    return "\n".join(out) + "\n"
