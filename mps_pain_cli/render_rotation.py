"""Plain-text renderers of rotation plans and pharmacist checks (layout only; see render.py)."""

from __future__ import annotations

from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.presentation.check import check_view
from mps_pain.presentation.methadone_rows import next_method_sentence
from mps_pain.presentation.orders import (
    CURRENT_ORDERS,
    PROPOSED_ORDERS,
    order_lines,
    proposed_order_lines,
)
from mps_pain.presentation.rotation import plan_view
from mps_pain.presentation.set_names import table_names
from mps_pain.presentation.valued_counted import AFTER_SWITCH
from mps_pain.tables.loader import get_tables
from mps_pain_cli.render import render_warnings, section

__all__ = ["render_check", "render_plan"]


def render_plan(plan: RotationPlan) -> str:
    view = plan_view(plan)
    out = [view.heading, ""]
    if view.no_dose is not None:
        out += [f"NO DOSE: {view.no_dose}", ""]
    ids = ", ".join(f'"{method}"' for method, _name in view.dose_giving_methods)
    next_step = next_method_sentence(view.dose_giving_methods, f"methadone_method: {ids}")
    if next_step is not None:
        out += [f"NEXT: {next_step}", ""]
    out += ["Steps:", *(f"  {step}" for step in view.steps), "", "New regimen:"]
    out.append(f"  {view.regimen}")
    if view.daily_dose is not None:
        out.append(f"  = {view.daily_dose}")
    if view.breakthrough is not None:
        out.append(f"  Breakthrough: {view.breakthrough}")
    out.append(f"  Reduction: {view.reduction_summary}")
    out += [f"  {f.label}: {f.value}" for f in view.facts if f.label == AFTER_SWITCH]
    if view.alternative is not None:
        out.append(f"  Interval asked for: {view.alternative}")
    out += ["", "Schedule:", *(f"  {e.label}: {e.value}" for e in view.schedule)]
    out += section(
        "Methadone methods side by side:",
        [
            f"  {m.method:<14} {m.daily:<18} {m.flags} — {m.note or ''} ({m.citation})"
            for m in view.methadone
        ],
    )
    out += ["", "Across equianalgesic sets (same reduction):"]
    out += [f"  {'→' if s.current else ' '} {s.table:<16} {s.value_text}" for s in view.spread]
    if view.spread_left_out is not None:
        out.append(f"  {view.spread_left_out}")
    out += section("Warnings:", render_warnings(view.warnings))
    out += ["", "Monitoring:", *(f"  - {line}" for line in view.monitoring)]
    return "\n".join(out) + "\n"


def render_check(result: CheckResult, request: CheckRequest | None = None) -> str:
    """The check; with its ``request``, the orders checked too, worded as the check panel and
    the check's PDF word them (``order_lines``), each set by its name as they say it
    (``table_names`` of the tables the command checked with: session 17, "uk-palliative's
    own 2:1" was printed here only)."""
    view = check_view(result, table_names(get_tables()))
    out = [
        f"Verdict: {view.verdict_label} — {view.heading}",
        f"  {view.verdict_sentence}",
        f"  Proposed: {view.proposed}",
        f"  Expected: {view.expected}",
        "",
        "Reasons:",
        *(f"  - {reason}" for reason in view.reasons),
    ]
    out += section("Warnings:", render_warnings(view.warnings))
    if request is not None:
        current = order_lines(request.from_.items, result.current_left_out, market=result.market)
        for heading, lines in (
            (CURRENT_ORDERS, current),
            (PROPOSED_ORDERS, proposed_order_lines(request.proposed.items, result)),
        ):
            out += section(f"{heading}:", [f"  - {line}" for line in lines])
    return "\n".join(out) + "\n"
