"""A saved plan or check shown in words, as the planner and the check showed it when it was made.

The record keeps the plan's or check's own data (``SavedPlan.outputs``); it is read back into the
domain's model and shown by the same renderers as the planner and the check. Data that is no
longer a plan or a check (an older or imported record) is listed as "name: value" lines in words:
never as JSON with its keys.
"""

from __future__ import annotations

from html import escape
from typing import Any

from pydantic import ValidationError

from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest
from mps_pain.persistence.records import SavedPlan
from mps_pain.presentation.check import CheckView, check_view
from mps_pain.presentation.orders import asked_view, question_line
from mps_pain.presentation.rotation import plan_view
from mps_pain.tables.form_spelling import form_label
from ui.plain_language import set_name
from ui.planner.plan_view import plan_to_html
from ui.records.local_time import local_text

__all__ = ["saved_heading", "saved_html", "saved_line"]


def _plan_html(outputs: Any) -> str | None:
    try:
        return plan_to_html(RotationPlan.model_validate(outputs))
    except (ValidationError, TypeError, ValueError):
        return None


def _set_names() -> dict[str, str]:
    """Every set of the shipped tables by its name, as the check panel says a check's sets."""
    # start-up seam: the tables (pydantic) load after the first paint (ui/app.py)
    from mps_pain.presentation.set_names import table_names
    from mps_pain.tables.loader import get_tables

    return table_names(get_tables())


def _check_view(outputs: Any) -> CheckView | None:
    try:
        result = CheckResult.saved(outputs)
        return check_view(result, _set_names())
    except (ValidationError, TypeError, ValueError):
        return None


def saved_heading(plan: SavedPlan) -> str:
    """The line a list, the timeline and a saved window's title show for a saved plan or check.
    A check leads with its verdict in words, severity included ("DANGER: ABOVE … overdose"), read
    from its stored result (review M2: "check: Pharmacist check: above" hid the danger)."""
    view = _check_view(plan.outputs) if plan.kind == "check" else None
    return plan.title if view is None else f"{plan.title} — {view.verdict_sentence}"


def _question(plan: SavedPlan) -> str | None:
    """What a saved plan or check asked, in one line (None: not a question any more); a plan
    names the regimen it gave, with its strength (review 7, #9)."""
    model = CheckRequest if plan.kind == "check" else RotationRequest
    try:
        request = model.model_validate(plan.inputs)
    except (ValidationError, TypeError, ValueError):
        return None
    return question_line(request, _planned(plan.outputs) if plan.kind == "plan" else None)


def _planned(outputs: Any) -> str | None:
    try:
        return plan_view(RotationPlan.model_validate(outputs)).regimen
    except (ValidationError, TypeError, ValueError):
        return None


def saved_line(plan: SavedPlan) -> str:
    """The records' list line of a saved plan or check: when, what it asked ("oxycodone oral ER
    80 mg/day → morphine oral ER 150 mg q12h") and, for a check, its verdict; the set last."""
    view = _check_view(plan.outputs) if plan.kind == "check" else None
    asked = _question(plan)
    what = plan.title if asked is None else asked
    verdict = "" if view is None else f" — {view.verdict_sentence}"
    kind = "Pharmacist check" if plan.kind == "check" else plan.kind.capitalize()
    return (
        f"{local_text(plan.created_at)}  {kind}: {what}{verdict}  "
        f"({set_name(plan.table_id)}, tables v{plan.table_version})"
    )


def _check_html(outputs: Any) -> str | None:
    view = _check_view(outputs)
    if view is None:
        return None
    reasons = "".join(f"<li>{escape(r)}</li>" for r in view.reasons)
    warnings = "".join(
        f"<li><b>{escape(w.severity.label)}</b> {escape(w.message)}</li>" for w in view.warnings
    )
    return (
        f"<h3>{escape(view.verdict_sentence)}</h3><p>{escape(view.numbers)}</p>"
        + (f"<h3>Reasons</h3><ul>{reasons}</ul>" if reasons else "")
        + (f"<h3>Warnings</h3><ul>{warnings}</ul>" if warnings else "")
    )


def _words(name: object) -> str:
    text = str(name).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


def _lines(value: Any, depth: int = 0) -> list[str]:
    pad = "&nbsp;" * 4 * depth
    if isinstance(value, dict):
        out = []
        for key, inner in value.items():
            if isinstance(inner, dict | list) and inner:
                out.append(f"{pad}<b>{escape(_words(key))}</b>")
                out += _lines(inner, depth + 1)
            else:
                shown = _value(inner)
                if key == "table" and isinstance(inner, str):
                    shown = set_name(inner)  # a set by its name, never its id
                elif key == "form" and isinstance(inner, str):
                    shown = form_label(inner)
                out.append(f"{pad}<b>{escape(_words(key))}</b>: {escape(shown)}")
        return out
    if isinstance(value, list):
        out = []
        for number, inner in enumerate(value, start=1):
            out.append(f"{pad}<b>{number}.</b>")
            out += _lines(inner, depth + 1)
        return out
    return [f"{pad}{escape(_value(value))}"]


def _value(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def saved_html(plan: SavedPlan) -> str:
    """The saved plan or check in words; what it was asked beneath it."""
    shown = _check_html(plan.outputs) if plan.kind == "check" else _plan_html(plan.outputs)
    if shown is None:
        shown = "<h3>As saved</h3><p>" + "<br>".join(_lines(plan.outputs)) + "</p>"
    return f"{shown}<h3>What was asked</h3>{_asked_html(plan)}"


def _asked_html(plan: SavedPlan) -> str:
    """The question as orders ("fentanyl transdermal patch 25 mcg/h"), the same words as the
    check's PDF (``presentation.orders``); an input that is no longer a question is listed."""
    model = CheckRequest if plan.kind == "check" else RotationRequest
    try:
        view = asked_view(model.model_validate(plan.inputs), set_name)
    except (ValidationError, TypeError, ValueError):
        return "<p>" + ("<br>".join(_lines(plan.inputs)) if plan.inputs else "—") + "</p>"
    out = ["<p><b>From</b></p>", _list(view.current)]
    if view.target is not None:
        out.append(f"<p><b>To</b>: {escape(view.target)}</p>")
    if view.proposed:
        out += ["<p><b>Proposed</b></p>", _list(view.proposed)]
    facts = "<br>".join(f"<b>{escape(f.label)}</b>: {escape(f.value)}" for f in view.facts)
    return "".join(out) + (f"<p>{facts}</p>" if facts else "")


def _list(lines: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
