"""The printable plan as HTML: the current regimen with its MME lines, the switching plan when
one exists, the warnings, and signature lines for the prescriber and the checking pharmacist.

``ui.printing.pages`` lays it out on paper (every page with the verify-before-use footer).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mps_pain.errors import MpsPainError
from mps_pain.presentation.applied_plan import (
    APPLIED_PLAN_HEADING,
    SWITCHED_FROM,
    TOTAL_BEFORE,
    AppliedPlanView,
    applied_plan_view,
    signed_facts,
    signed_plan,
)
from mps_pain.presentation.headings import (
    NOT_FOR_SIGNATURE,
    SOURCE_CASE_HEADING,
    PlanHeading,
    plan_heading,
)
from mps_pain.presentation.mme import item_name, mme_view
from mps_pain.presentation.rotation import PlanView, plan_view
from mps_pain.presentation.wording import Fact, WarningView, not_said_in
from ui.planner.plan_view import METHOD_BOX, SPREAD_HEADING, next_method_html, spread_html
from ui.printing.identity import plan_identity
from ui.printing.pages import write_html_pdf
from ui.printing.parts import cell, kept, not_for_signature, provenance, signatures, signatures_part
from ui.printing.regimen_table import NotCounted, question_section, regimen_table

if TYPE_CHECKING:
    from mps_pain.domain.regimen import RegimenDocument, RegimenItem
    from mps_pain.domain.results import MmeResult
    from mps_pain.domain.rotation.models import RotationPlan
    from mps_pain.domain.rotation.requests import RotationRequest
    from mps_pain.tables.index import TableIndex

__all__ = ["PlanContent", "plan_html", "plan_title", "write_plan_pdf"]

#: under the current regimen's warnings, where some were said about the switch above
SAID_ABOVE = "The warnings said above about the switch are not repeated here."
_NUMBERED = re.compile(r"\d+(?:–\d+)?\. ")  # "7. Schedule:", "2–6. Not shown…"; not "0 h: …"


@dataclass(frozen=True)
class PlanContent:
    """What the printed plan shows: typed results, never a dumped mapping."""

    document: RegimenDocument
    result: MmeResult | None
    tables: TableIndex
    app_version: str
    warnings: Sequence[WarningView] = ()
    #: every row the total leaves out, printed in its place (clinician review 14, #1)
    not_counted: Sequence[NotCounted] = ()
    #: the total as the main window heads it ("22.5 OME/day (incomplete)"); None: the view's
    total_text: str | None = None
    #: the Quick converter's question in words when the plan is its conversion (review 14 #1:
    #: the plan printed is the one on screen); None: the regimen and the planner's plan
    question: str | None = None
    plan: RotationPlan | None = None
    plan_request: RotationRequest | None = None
    #: without a plan, the plan last applied while the regimen is the one Apply wrote (clinician
    #: review 17 #6: the page printed after Apply had signature lines and no switching plan)
    applied: RotationPlan | None = None
    edited: bool = False  # changed since it was opened: its title and note describe the source
    #: the editor's row of each current item (review 8: the table, the switch's and the
    #: regimen's warnings all number the rows as the editor does); None: the items' own
    row_of: Callable[[int | None], int | None] | None = None

    def row_number(self, number: int) -> int:
        """The editor's row number (1-based) of the current item numbered ``number``."""
        row = self.row_of(number - 1) if self.row_of is not None else None
        return number if row is None else row + 1

    def item_of(self, number: int) -> RegimenItem | None:
        """The current item numbered ``number`` (1-based)."""
        items = self.document.items
        return items[number - 1] if 0 < number <= len(items) else None

    created: _dt.datetime = field(default_factory=lambda: _dt.datetime.now().astimezone())


def _unnamed_marking(document: RegimenDocument, head: PlanHeading) -> str:
    """Under an example's own title, the marking of a plan that names no patient (a neutral
    title says it itself)."""
    if (document.patient.identifier or "").strip() or NOT_FOR_SIGNATURE in head.title:
        return ""
    return not_for_signature()


def _patient_rows(document: RegimenDocument) -> str:
    patient = document.patient
    labels = (
        ("Patient", patient.identifier or "not named"),
        ("Age", f"{patient.age:g} years" if patient.age is not None else None),
        ("Weight", patient.weight),
        ("eGFR", patient.egfr),
        ("CrCl", patient.creatinine_clearance),
        ("Hepatic impairment", patient.hepatic_impairment),
        (
            "Opioid tolerant",
            ("yes" if patient.opioid_tolerant else "no")
            if patient.opioid_tolerant is not None
            else None,
        ),
        ("QTc", patient.qtc),
    )
    cells = [
        f"<td><b>{escape(k)}:</b> {escape(str(v)) if v is not None else '—'}</td>"
        for k, v in labels
    ]
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    return "".join(f"<tr>{''.join(r)}</tr>" for r in rows)


def _warnings_table(warnings: Sequence[WarningView]) -> list[str]:
    out = [
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<thead><tr><th>Severity</th><th>Message</th><th>Source</th></tr></thead>"
    ]
    out += [
        f"<tr>{cell(w.severity.label, bold=w.severity.is_alarm)}{cell(w.message)}"
        f"{cell(w.citation or '')}</tr>"
        for w in warnings
    ]
    out.append("</table>")
    return out


def _regimen_section(content: PlanContent) -> list[str]:
    result = content.result
    if content.question is not None and content.plan is not None:
        return question_section(content.question, content.plan)
    out = ["<h2>Current regimen</h2>"]
    if result is None:
        out.append("<p>No total could be computed.</p>")
        return out
    view = mme_view(result)
    out.append(
        regimen_table(
            result, content.row_number, content.not_counted, content.total_text, content.item_of
        )
    )
    out.append(f"<p>{escape(view.prn)}.</p>")
    out.append("<h3>Worked arithmetic</h3>")
    if not view.rows:  # every row left out: the heading never stands over nothing
        out.append("<p>No row is counted, so there is no arithmetic to show.</p>")
        return out
    out.append("<ol>")
    out += [f"<li>{escape(r.explanation)}</li>" for r in view.rows]
    out.append("</ol>")
    return out


def _printed_steps(view: PlanView) -> list[str]:
    """The steps, step 7's entries once: the transition schedule table below prints them
    (review 8: the PDF printed the schedule twice, as step 7's lines and as the table)."""
    entries = {f"{e.label}: {e.value}" for e in view.schedule}
    steps = [step for step in view.steps if step.strip() not in entries]
    if len(steps) < len(view.steps):
        at = next((i for i, step in enumerate(steps) if step.startswith("7. ")), None)
        if at is not None:
            steps.insert(at + 1, "Each time point is in the transition schedule below.")
    return steps


def _plan_section(content: PlanContent, plan: RotationPlan) -> list[str]:
    request = content.plan_request
    view = plan_view(plan, content.row_of)
    facts = list(view.facts)
    if request is not None:
        target = request.to
        facts.insert(0, Fact("Switch to", item_name(target.drug, target.route, target.form)))
    return _plan_parts(view, facts, "Switching plan")


def _applied_section(plan: RotationPlan) -> list[str]:
    """The plan applied, as a changeover order: what it switched from and to and its transition
    schedule (when the last dose of the old opioid is given, when the new one starts), the
    current lines numbered as the plan numbers them (the editor's rows now hold the new
    regimen). Its arithmetic was shown before Apply; the regimen above is what it wrote; its
    warnings are printed under "About the switch" (``_switch_warnings``)."""
    view = applied_plan_view(plan)
    out = [f"<h2>{escape(APPLIED_PLAN_HEADING)}</h2>"]
    out.append("<table cellspacing='0' cellpadding='3' width='100%'>")
    for fact in view.facts:
        if fact.label == TOTAL_BEFORE:  # the lines it is the total of, first (re-check 19b R10)
            out.append(_fact_row(SWITCHED_FROM, "<br/>".join(map(escape, view.switched_from))))
        out.append(_fact_row(fact.label, escape(fact.value)))
    out.append("</table>")
    return out + _schedule_table(view.schedule)


def _fact_row(label: str, html: str) -> str:
    return f"<tr><td width='35%'><b>{escape(label)}</b></td><td>{html}</td></tr>"


def _applied_signatures(view: AppliedPlanView, lead: str, patient: str | None) -> str:
    """The signature lines, with what they sign for kept on their page (after ``lead``, if
    any): the regimen switched from, its total and arithmetic, the new regimen (clinician
    re-check 19b R10: the signer could not verify 142.5 → 50 mg/24 h from the page)."""
    heading, body = signatures_part(patient)
    lines = [escape(lead)] if lead else []
    lines += [f"<b>{escape(SWITCHED_FROM)}:</b>", *map(escape, view.switched_from)]
    lines += [f"<b>{escape(f.label)}:</b> {escape(f.value)}" for f in signed_facts(view)]
    return kept(heading, f"<p>{'<br/>'.join(lines)}</p>{body}")


def _plan_parts(view: PlanView, facts: list[Fact], title: str) -> list[str]:
    out = [f"<h2>{escape(title)}</h2>", "<table cellspacing='0' cellpadding='3' width='100%'>"]
    out += [f"<tr><td width='35%'><b>{escape(f.label)}</b></td>{cell(f.value)}</tr>" for f in facts]
    out.append("</table>")
    out.append(next_method_html(view, METHOD_BOX))  # the chosen method gives no dose
    out.append("<h3>Steps (each with its arithmetic and source)</h3>")
    # a numbered step starts at the margin; its lines (step 7's schedule entries, a step's
    # working) are indented under it, each its own paragraph (review 7 #7: never " | " joined)
    out += [
        f"<p style='margin-left: {12 if _NUMBERED.match(step) else 28}px; margin-top: 0; "
        f"margin-bottom: 2px'>{escape(step)}</p>"
        for step in _printed_steps(view)
    ]
    out += _schedule_table(view.schedule)
    if view.monitoring:
        out.append("<h3>Monitoring</h3><ul>")
        out += [f"<li>{escape(m)}</li>" for m in view.monitoring]
        out.append("</ul>")
    if view.spread or view.spread_left_out:  # as the planner shows it (review 7 #7)
        out.append(f"<h3>{escape(SPREAD_HEADING)}</h3>")
        out.append(spread_html(view, "border='1' cellspacing='0' width='100%'"))
    return out


def _schedule_table(schedule: Sequence[Fact]) -> list[str]:
    """One row a time, its steps one line each: a row is never split across pages, so one
    time's steps print together (clinician review 20, N7: the patch went on at "0 h" on page 1,
    the last MR dose at "0 h" on page 2)."""
    times: list[tuple[str, list[str]]] = []
    for step in schedule:
        if times and times[-1][0] == step.label:
            times[-1][1].append(step.value)
        else:
            times.append((step.label, [step.value]))
    return [
        "<h3>Transition schedule</h3>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        "<thead><tr><th>When</th><th>Action</th></tr></thead>",
        *(
            f"<tr>{cell(label)}<td>{'<br/>'.join(escape(s) for s in steps)}</td></tr>"
            for label, steps in times
        ),
        "</table>",
    ]


def _switch_warnings(content: PlanContent) -> Sequence[WarningView]:
    """The switch's warnings: the plan's as the planner shows them, or, after Apply, the plan
    applied's own (re-check 17b #3: the page printed after Apply dropped them all)."""
    if content.plan is not None:
        return plan_view(content.plan, content.row_of).warnings
    if content.applied is not None:
        return applied_plan_view(content.applied).warnings
    return ()


def _warnings_section(content: PlanContent) -> list[str]:
    """One warning list: the switch's (as the planner shows them) and the current regimen's (as
    the main window shows them). "None" only when both are empty."""
    switch = _switch_warnings(content)
    out = ["<h2>Warnings</h2>"]
    if not switch and not content.warnings:
        out.append("<p>No warnings about the regimen or the switch.</p>")
        return out
    if switch:
        out.append("<h3>About the switch</h3>")
        out += _warnings_table(switch)
    if content.question is not None:
        return out  # a conversion asked by hand: the regimen on screen is not printed
    out.append("<h3>About the current regimen</h3>")
    current = not_said_in(content.warnings, switch)  # each distinct warning once (R13)
    if current:
        out += _warnings_table(current)
    if content.warnings and len(current) < len(content.warnings):
        out.append(f"<p>{escape(SAID_ABOVE)}</p>")
    elif not current:
        out.append("<p>No warnings about the current regimen itself.</p>")
    return out


def _set_name(content: PlanContent) -> str:
    if content.question is not None and content.plan is not None:
        return content.plan.table_name  # the converter's own set
    if content.result is not None:
        return mme_view(content.result).set_name
    chosen = content.document.table
    if chosen is None:
        return "—"
    try:
        return content.tables.reference_set(chosen, location=None).name
    except MpsPainError:
        return chosen  # an unknown set is named as written


def _modified_tables(content: PlanContent) -> str:
    """A loud line when the tables are not the shipped ones (docs/reliability.md)."""
    modified = content.result.table.modified_path if content.result is not None else None
    modified = modified or content.tables.modified_path
    if not modified:
        return ""
    return (
        "<p style='color: #b00000'><b>MODIFIED TABLES: "
        f"{escape(modified)}</b> (not the shipped, reviewed tables)</p>"
    )


def heading(content: PlanContent) -> PlanHeading:
    document = content.document
    return plan_heading(
        document.title,
        document.note,
        patient=document.patient.identifier,
        printed_on=content.created.date(),
        edited=content.edited,
    )


def plan_title(content: PlanContent) -> str:
    return heading(content).title


def _source_case(head: PlanHeading) -> list[str]:
    if head.source_title is None and head.source_note is None:
        return []
    out = [f"<h2>{escape(SOURCE_CASE_HEADING)}</h2>"]
    if head.source_title:
        out.append(f"<p><b>Title:</b> {escape(head.source_title)}</p>")
    if head.source_note:
        out.append(f"<p><b>Note:</b> {escape(head.source_note)}</p>")
    return out


def plan_html(content: PlanContent) -> str:
    document, tables = content.document, content.tables
    set_name = _set_name(content)
    head = heading(content)
    title = escape(head.title)
    out = [
        "<html><body>",
        f"<h1>{title}</h1>",
        _unnamed_marking(document, head),
        "<table cellspacing='0' cellpadding='3' width='100%'>",
        _patient_rows(document),
        "</table>",
        "<p>"
        + provenance(content.created, content.app_version, set_name, tables.version, tables.sha256)
        + "</p>",
        _modified_tables(content),
    ]
    out += _regimen_section(content)
    if content.plan is not None:
        out += _plan_section(content, content.plan)
    elif content.applied is not None:
        out += _applied_section(content.applied)
    out += _warnings_section(content)
    if head.note:
        out.append(f"<p><b>Note:</b> {escape(head.note)}</p>")
    out += _source_case(head)
    patient = document.patient.identifier
    signed = signed_plan(content.plan, content.applied)  # a plan not applied says so (N6)
    out.append(signatures(patient) if signed is None else _applied_signatures(*signed, patient))
    out.append("</body></html>")
    return "".join(out)


def write_plan_pdf(path: Path, content: PlanContent, *, page_size: str = "A4") -> int:
    """Write the plan to ``path`` (A4 or Letter); returns the number of pages."""
    return write_html_pdf(
        path,
        plan_html(content),
        title=plan_title(content),
        app_version=content.app_version,
        page_size=page_size,
        identity=plan_identity(content),
    )
