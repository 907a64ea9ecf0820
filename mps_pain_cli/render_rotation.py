"""Plain-text rendering of rotation plans and pharmacist checks."""

from __future__ import annotations

from mps_pain.domain.rotation.models import CheckResult, RotationPlan
from mps_pain.units import format_number
from mps_pain_cli.render import render_warnings

__all__ = ["render_check", "render_plan"]


def _amount(value: float, unit: str) -> str:
    return f"{format_number(value)} {unit}"


def _regimen_lines(plan: RotationPlan) -> list[str]:
    regimen, detail = plan.regimen, plan.regimen_detail
    name = f"{regimen.drug} {regimen.route}" + (
        f" {regimen.form.replace('_', ' ')}" if regimen.form else ""
    )
    out = []
    if detail.no_dose is not None:
        out.append(f"  {name}: no dose can be given in this form — {detail.no_dose}")
    elif detail.patches is not None:
        unit = regimen.rate.unit if regimen.rate else ""
        sizes = " + ".join(f"{format_number(p.value)} {unit}" for p in detail.patches)
        out.append(f"  {name}: {sizes}")
    elif regimen.rate is not None:
        out.append(f"  {name}: {_amount(regimen.rate.value, regimen.rate.unit)} continuous")
    elif regimen.dose is not None:
        units = (
            " (" + " + ".join(_amount(u.value, u.unit) for u in detail.dose_units) + ")"
            if detail.dose_units
            else ""
        )
        when = regimen.frequency or "as needed"
        out.append(f"  {name}: {_amount(regimen.dose.value, regimen.dose.unit)}{units} {when}")
    if detail.daily_dose is not None:
        out.append(f"  = {_amount(detail.daily_dose.value, detail.daily_dose.unit)}")
    return out


def render_plan(plan: RotationPlan) -> str:
    table = plan.table
    no_dose = plan.regimen_detail.no_dose
    out = [
        f"Rotation plan under {plan.table_name} ({table.id}; tables v{table.version}, "
        f"sha256 {table.sha256[:12]}…)",
        "",
        *([f"NO DOSE: {no_dose}", ""] if no_dose is not None else []),
        f"{plan.switch}",
        "",
        "Steps:",
        *(f"  {step}" for step in plan.steps),
        "",
        "New regimen:",
        *_regimen_lines(plan),
    ]
    if plan.breakthrough is not None:
        bt = plan.breakthrough
        dose = _amount(bt.dose.value, bt.dose.unit) if bt.dose else "see note"
        out.append(f"  Breakthrough: {bt.drug} {bt.route} {dose} {bt.frequency}")
    out += ["", "Schedule:"]
    out += [f"  {entry.when}: {entry.action}" for entry in plan.schedule]
    if plan.methadone_options:
        out += ["", "Methadone methods side by side:"]
        for option in plan.methadone_options:
            dose = (
                _amount(option.daily_dose.value, "mg/day")
                if option.daily_dose
                else (
                    _amount(option.per_dose.value, "mg as needed")
                    if option.per_dose
                    else "no dose (see note)"
                )
            )
            flags = (" [near band edge]" if option.near_edge else "") + (
                " [capped]" if option.capped else ""
            )
            out.append(f"  {option.method:<14} {dose:<18}{flags} — {option.note} ({option.source})")
    out += ["", "Across equianalgesic sets (same reduction; target → what can be given):"]
    for row in plan.spread:
        value = (
            _amount(row.target_daily_dose.value, row.target_daily_dose.unit)
            if row.target_daily_dose
            else f"not covered ({row.missing})"
        )
        if row.rounded is not None:
            value += f" → {_amount(row.rounded.value, row.rounded.unit)}"
        elif row.target_daily_dose is not None and row.note:
            value += f" → {row.note}"
        marker = "→" if row.table == table.id else " "
        out.append(f"  {marker} {row.table:<16} {value}")
    if plan.warnings:
        out += ["", "Warnings:", *render_warnings(plan.warnings)]
    out += ["", "Monitoring:", *(f"  - {line}" for line in plan.monitoring)]
    return "\n".join(out) + "\n"


def render_check(result: CheckResult) -> str:
    out = [
        f"Verdict: {result.verdict.upper()} (table {result.table.id}, v{result.table.version})",
        f"  Proposed: {format_number(result.proposed_ome_per_day)} {result.unit}",
        f"  Expected: {format_number(result.expected_low)}–{format_number(result.expected_high)} "
        f"{result.unit}",
        "",
        "Reasons:",
        *(f"  - {reason}" for reason in result.reasons),
    ]
    if result.warnings:
        out += ["", "Warnings:", *render_warnings(result.warnings)]
    return "\n".join(out) + "\n"
