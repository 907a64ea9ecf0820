"""Plain-text rendering of rotation plans and pharmacist checks."""

from __future__ import annotations

from mps_pain.domain.rotation.models import CheckResult, RotationPlan
from mps_pain.units import format_number
from mps_pain_cli.render import render_warnings

__all__ = ["render_check", "render_plan"]


def _amount(value: float, unit: str) -> str:
    return f"{format_number(value)} {unit}"


def render_plan(plan: RotationPlan) -> str:
    table = plan.table
    regimen = plan.regimen
    out = [
        f"Rotation plan under {plan.table_name} ({table.id}; tables v{table.version}, "
        f"sha256 {table.sha256[:12]}…)",
        "",
        *([f"NO DOSE: {regimen.no_dose}", ""] if regimen.no_dose is not None else []),
        "Steps:",
        *(f"  {step}" for step in plan.steps),
        "",
        "New regimen:",
    ]
    name = f"{regimen.drug} {regimen.route}" + (
        f" {regimen.form.replace('_', ' ')}" if regimen.form else ""
    )
    if regimen.no_dose is not None:
        out.append(f"  {name}: no dose can be given in this form — {regimen.no_dose}")
    elif regimen.patches is not None:
        unit = regimen.rate.unit if regimen.rate else ""
        sizes = " + ".join(f"{format_number(p.value)} {unit}" for p in regimen.patches)
        out.append(f"  {name}: {sizes}")
    elif regimen.rate is not None:
        out.append(f"  {name}: {_amount(regimen.rate.value, regimen.rate.unit)} continuous")
    elif regimen.dose is not None:
        units = (
            " (" + " + ".join(_amount(u.value, u.unit) for u in regimen.dose_units) + ")"
            if regimen.dose_units
            else ""
        )
        out.append(
            f"  {name}: {_amount(regimen.dose.value, regimen.dose.unit)}{units} {regimen.frequency}"
        )
    if regimen.daily_dose is not None:
        out.append(f"  = {_amount(regimen.daily_dose.value, regimen.daily_dose.unit)}")
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
    out += ["", "Across equianalgesic sets (same reduction):"]
    for row in plan.spread:
        value = (
            _amount(row.target_daily_dose.value, row.target_daily_dose.unit)
            if row.target_daily_dose
            else f"not covered ({row.missing})"
        )
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
