"""Plain-text rendering of results for the terminal: the worked arithmetic, then the verdicts."""

from __future__ import annotations

from mps_pain.domain.results import ClinicalWarning, MmeResult
from mps_pain.units import format_number

__all__ = ["render_mme", "render_warnings"]

_MARK = {"danger": "DANGER ", "caution": "CAUTION", "info": "info   "}


def render_warnings(warnings: list[ClinicalWarning]) -> list[str]:
    lines = []
    for warning in warnings:
        source = f" [{warning.source}]" if warning.source else ""
        lines.append(f"  {_MARK[warning.severity]} {warning.message}{source}")
    return lines


def render_mme(result: MmeResult) -> str:
    label = result.output_label
    table = result.table
    out = [
        f"{label}/day under {result.table_name} ({table.id}; tables v{table.version}, "
        f"sha256 {table.sha256[:12]}…)",
        f"As-needed doses: {result.prn}d" + ("" if result.prn_stated else " (default; not stated)"),
        "",
        f"  {'#':>2}  {'drug / route / form':<28} {'mg/day':>9}  {'factor':>7}  "
        f"{label + '/day':>10}",
    ]
    for line in result.items:
        name = f"{line.drug} {line.route}" + (f" {line.form}" if line.form else "")
        name += " (prn)" if line.prn else ""
        factor = f"× {format_number(line.factor)}" if line.factor is not None else "—"
        if line.mme_per_day is None:
            value = "adjuvant"
        else:
            value = format_number(line.mme_per_day) + ("" if line.counted else " (excl.)")
        out.append(
            f"  {line.index + 1:>2}  {name:<28} {format_number(line.daily_dose.value):>9}  "
            f"{factor:>7}  {value:>10}"
        )
    out += [
        "",
        f"Total: {format_number(result.total_mme_per_day)} {label}/day",
        "",
        "Worked arithmetic:",
    ]
    for line in result.items:
        out.append(f"  {line.index + 1}. {line.explanation}")
    for excluded in result.excluded:
        out.append(f"  {excluded.index + 1}. EXCLUDED — {excluded.location}: {excluded.message}")
    out += ["", "Across reference sets (same regimen):"]
    for entry in result.spread:
        value = (
            f"{format_number(entry.total_mme_per_day)} {entry.output_label}/day"
            if entry.total_mme_per_day is not None
            else "not covered"
        )
        marker = "→" if entry.table == table.id else " "
        out.append(f"  {marker} {entry.table:<16} {value:<20} {entry.purpose}")
    if result.warnings:
        out += ["", "Warnings:", *render_warnings(result.warnings)]
    if result.cautions:
        out += ["", "About this set:", *(f"  - {c}" for c in result.cautions)]
    return "\n".join(out) + "\n"
