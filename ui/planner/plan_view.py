"""The plan as HTML for the planner's reading pane: a thin renderer of ``PlanView``.

Every string comes from ``mps_pain.presentation``; this module only chooses the markup.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QWidget

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.presentation.methadone_rows import method_to_choose, next_method_sentence
from mps_pain.presentation.rotation import PlanView, plan_view
from mps_pain.presentation.severity import severity_style
from mps_pain.presentation.wording import WarningView

__all__ = [
    "CHOOSE_HEADLINE",
    "METHOD_BOX",
    "PLAN_LEAST_LETTERS",
    "SPREAD_COLUMNS",
    "SPREAD_HEADING",
    "next_method_html",
    "plan_least_width",
    "plan_to_html",
    "spread_html",
    "spread_table_html",
    "warnings_html",
]

#: the plan pane is never narrower than this many letters of its font beside the choices (the
#: choices put their labels above the boxes instead): clinician review 15, #12, at scale 2 the
#: pane was 30 letters wide and the set's name wrapped a word a line
PLAN_LEAST_LETTERS = 46


def plan_least_width(pane: QWidget) -> int:
    """The plan pane's least width beside the planner's choices, from its font."""
    return pane.fontMetrics().horizontalAdvance("x" * PLAN_LEAST_LETTERS)


#: where the app chooses a methadone method (the planner's box and its Alt key)
METHOD_BOX = "the planner's Methadone method box, Alt+D"


def _row(label: str, value: str) -> str:
    return f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"


def warnings_html(warnings: tuple[WarningView, ...]) -> str:
    if not warnings:
        return ""
    out = ["<h3>Warnings</h3><ul>"]
    for w in warnings:
        source = f" <i>[{escape(w.citation)}]</i>" if w.citation else ""
        out.append(
            f"<li><span style='color:{w.severity.colour}'><b>{escape(w.severity.label)}</b>"
            f"</span> {escape(w.message)}{source}</li>"
        )
    out.append("</ul>")
    return "".join(out)


def _tables(view: PlanView) -> list[str]:
    out = ["<h3>Steps, with arithmetic and sources</h3>"]
    out.append("<pre style='white-space: pre-wrap'>" + escape("\n".join(view.steps)) + "</pre>")
    out.append("<h3>Transition schedule</h3><table border='1' cellspacing='0' cellpadding='4'>")
    out.append("<tr><th>When</th><th>Action</th></tr>")
    out += [f"<tr><td>{escape(s.label)}</td><td>{escape(s.value)}</td></tr>" for s in view.schedule]
    out.append("</table>")
    if view.methadone:
        out.append(
            "<h3>Methadone methods compared</h3>"
            "<table border='1' cellspacing='0' cellpadding='4'>"
            "<tr><th>Method</th><th>Daily</th><th>Per dose</th><th>Frequency</th>"
            "<th>Source</th></tr>"
        )
        out += [
            f"<tr><td>{escape(m.name)}</td><td>{escape(m.daily)}</td>"
            f"<td>{escape(m.per_dose)}</td><td>{escape(m.frequency)}</td>"
            f"<td>{escape(m.citation)}</td></tr>"
            for m in view.methadone
        ]
        out.append("</table>")
    if view.monitoring:
        out.append("<h3>Monitoring</h3><ul>")
        out += [f"<li>{escape(m)}</li>" for m in view.monitoring]
        out.append("</ul>")
    out.append(f"<h3>{SPREAD_HEADING}</h3>")
    out.append(spread_html(view))
    return out


SPREAD_HEADING = "The same switch under every equianalgesic set"
SPREAD_COLUMNS = (
    "Set",
    "Equianalgesic",
    "After the set's reduction",
    "The set's plan gives",
    "Each set's current total, mg/day",  # each in its set's own label (OME, oMEDD)
)


def spread_html(view: PlanView, attributes: str = "border='1' cellspacing='0'") -> str:
    """The spread table, or the sentence why the plan has none (a switch to methadone)."""
    if view.spread_left_out is not None:
        return f"<p>{escape(view.spread_left_out)}</p>"
    return spread_table_html(view, attributes)


def next_method_html(view: PlanView, how: str) -> str:
    """The methods that give a dose where the chosen one gives none (clinician review 10 #4)."""
    sentence = next_method_sentence(view.dose_giving_methods, how)
    return "" if sentence is None else f"<p><b>Next step:</b> {escape(sentence)}</p>"


def spread_table_html(view: PlanView, attributes: str = "border='1' cellspacing='0'") -> str:
    """The spread as one table, one kind of number per column (review 7 #4), shown alike by the
    planner, the quick converter and the plan's PDF (review 7 #7); the plan's set marked →."""
    head = "".join(f"<th>{escape(c)}</th>" for c in SPREAD_COLUMNS)
    rows = []
    for row in view.spread:
        name = f"→ {escape(row.name)}" if row.current else escape(row.name)
        cells = (row.equianalgesic, row.reduced, row.given, row.basis)
        rows.append(
            f"<tr><td>{name}</td>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
        )
    return (
        f"<table {attributes} cellpadding='4'><thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


#: the headline of a methadone plan that opens on choosing a method (clinician review 18 #8)
CHOOSE_HEADLINE = "methadone: choose a method"


def plan_to_html(
    plan: RotationPlan,
    row_of: Callable[[int | None], int | None] | None = None,
    asked_method: bool = True,
) -> str:
    """The plan as the planner shows it; ``row_of``: the editor's row of each current item;
    ``asked_method``: False while the methadone method box is on the set's own default (an
    as-needed-only default then opens on choosing a method, ``method_to_choose``)."""
    view = plan_view(plan, row_of)
    choose = method_to_choose(plan, asked=asked_method)
    out = [f"<h2>New regimen: {escape(CHOOSE_HEADLINE if choose else view.regimen)}</h2>"]
    if choose:  # plain colour: nothing is refused for this patient yet
        out.append(f"<p><b>Choose a methadone method:</b> {escape(choose)}</p>")
        out.append(next_method_html(view, METHOD_BOX))
    elif view.no_dose:
        colour = severity_style("danger").colour
        out.append(f"<p style='color:{colour}'><b>NO DOSE:</b> {escape(view.no_dose)}</p>")
        out.append(next_method_html(view, METHOD_BOX))
    out.append("<table cellpadding='3'>")
    out += [_row(fact.label, fact.value) for fact in view.facts if fact.label != "New regimen"]
    if view.breakthrough_note:
        out.append(_row("", view.breakthrough_note))
    out.append("</table>")
    out.append(warnings_html(view.warnings))
    out += _tables(view)
    return "".join(out)
