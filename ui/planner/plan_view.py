"""The plan as HTML for the planner's reading pane (numbers formatted, never computed)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mps_pain.domain.rotation.models import RotationPlan

__all__ = ["amount_text", "plan_to_html", "regimen_text"]

_SEVERITY_COLOURS = {"danger": "#b81e1e", "caution": "#a86400", "info": "#555555"}


def amount_text(amount: Any) -> str:
    from mps_pain.units import format_number

    if amount is None:
        return "—"
    return f"{format_number(amount.value)} {amount.unit}"


def regimen_text(regimen: Any, detail: Any = None) -> str:
    detail = regimen if detail is None else detail
    parts = [regimen.drug, regimen.route]
    if getattr(regimen, "form", None):
        parts.append(regimen.form)
    if getattr(detail, "no_dose", None):
        return " ".join([*parts, "— no dose can be given in this form"])
    units = getattr(detail, "dose_units", None)
    if getattr(detail, "patches", None):
        parts.append(" + ".join(amount_text(p) for p in detail.patches) + " patch(es)")
    elif getattr(regimen, "rate", None) is not None:
        parts.append(f"{amount_text(regimen.rate)} continuous")
    elif getattr(regimen, "dose", None) is not None:
        parts.append(amount_text(regimen.dose))
        if units and len(units) > 1:
            parts.append("(" + " + ".join(amount_text(u) for u in units) + ")")
    if getattr(regimen, "frequency", None):
        parts.append(str(regimen.frequency))
    daily = getattr(detail, "daily_dose", None)
    if daily is not None:
        parts.append(f"(= {amount_text(daily)})")
    return " ".join(parts)


def _row(label: str, value: str) -> str:
    return f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"


def plan_to_html(plan: RotationPlan) -> str:
    from mps_pain.units import format_number

    dose = plan.equianalgesic_daily_dose
    no_dose = plan.regimen_detail.no_dose
    out = [f"<h2>New regimen: {escape(regimen_text(plan.regimen, plan.regimen_detail))}</h2>"]
    out.append(f"<p>{escape(plan.switch)}</p>")
    if no_dose:
        colour = _SEVERITY_COLOURS["danger"]
        out.append(f"<p style='color:{colour}'><b>NO DOSE:</b> {escape(no_dose)}</p>")
    out += [
        "<table cellpadding='3'>",
        _row("Reference set", f"{plan.table_name} ({plan.table.id} v{plan.table.version})"),
        _row("Current total", f"{format_number(plan.ome_per_day)} OME/day"),
        _row(
            "Equianalgesic daily dose",
            f"{format_number(dose.value)} {dose.unit} (range {format_number(dose.low)}–"
            f"{format_number(dose.high)})",
        ),
        _row(
            "Reduction",
            f"{format_number(plan.reduction * 100)}% — {plan.reduction_reason}"
            + (f" [{plan.reduction_source}]" if plan.reduction_source else ""),
        ),
        _row("Target daily dose", amount_text(plan.target_daily_dose)),
    ]
    if plan.rounded_daily_dose is not None:
        loss = (
            f" (rounding loss {format_number(plan.rounding_loss_percent)}%)"
            if plan.rounding_loss_percent is not None
            else ""
        )
        out.append(_row("Rounded to strengths", amount_text(plan.rounded_daily_dose) + loss))
    if plan.breakthrough is not None:
        b = plan.breakthrough
        text = f"{b.drug} {b.route} {b.form or ''} {amount_text(b.dose)} {b.frequency}"
        out.append(_row("Breakthrough", " ".join(text.split())))
        if b.note:
            out.append(_row("", b.note))
    out.append("</table>")
    if plan.warnings:
        out.append("<h3>Warnings</h3><ul>")
        for w in plan.warnings:
            colour = _SEVERITY_COLOURS.get(w.severity, "#555555")
            source = f" <i>[{escape(w.source)}]</i>" if w.source else ""
            out.append(
                f"<li><span style='color:{colour}'><b>{escape(w.severity.upper())}</b></span> "
                f"{escape(w.message)}{source}</li>"
            )
        out.append("</ul>")
    out.append("<h3>Steps, with arithmetic and sources</h3>")
    out.append("<pre style='white-space: pre-wrap'>" + escape("\n".join(plan.steps)) + "</pre>")
    out.append("<h3>Transition schedule</h3><table border='1' cellspacing='0' cellpadding='4'>")
    out.append("<tr><th>When</th><th>Action</th></tr>")
    out += [f"<tr><td>{escape(s.when)}</td><td>{escape(s.action)}</td></tr>" for s in plan.schedule]
    out.append("</table>")
    if plan.methadone_options:
        out.append(
            "<h3>Methadone methods compared</h3>"
            "<table border='1' cellspacing='0' cellpadding='4'>"
            "<tr><th>Method</th><th>Daily</th><th>Per dose</th><th>Frequency</th>"
            "<th>Source</th></tr>"
        )
        for m in plan.methadone_options:
            out.append(
                f"<tr><td>{escape(m.name)}</td><td>{escape(amount_text(m.daily_dose))}</td>"
                f"<td>{escape(amount_text(m.per_dose))}</td><td>{escape(m.frequency)}</td>"
                f"<td>{escape(m.source)}</td></tr>"
            )
        out.append("</table>")
    if plan.monitoring:
        out.append("<h3>Monitoring</h3><ul>")
        out += [f"<li>{escape(m)}</li>" for m in plan.monitoring]
        out.append("</ul>")
    out.append(
        "<h3>The same switch under every equianalgesic set</h3>"
        "<table border='1' cellspacing='0' cellpadding='4'>"
        "<tr><th>Set</th><th>Target daily dose</th><th>Current OME/day used</th></tr>"
    )
    for row in plan.spread:
        current = "—" if row.ome_per_day is None else format_number(row.ome_per_day)
        target = amount_text(row.target_daily_dose) if row.missing is None else row.missing
        bold = row.table == plan.table.id
        name = f"<b>{escape(row.name)}</b>" if bold else escape(row.name)
        out.append(f"<tr><td>{name}</td><td>{escape(target)}</td><td>{current}</td></tr>")
    out.append("</table>")
    return "".join(out)
