"""One plan, three renderers (terminal, planner pane, printed plan): the same numbers in each.

The expected texts are built from the plan's own fields (not from the presentation layer), so a
renderer that formats a number itself, drops one or words the regimen differently fails here.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.presentation.wording import plain_source
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number
from mps_pain_cli.render import render_mme
from mps_pain_cli.render_rotation import render_plan
from ui.planner.plan_view import plan_to_html
from ui.printing.plan_pdf import PlanContent, plan_html

SWITCHES = {
    "iv oxycodone to oral ER q12h (fpm-2021)": {
        "from": {"items": [{"drug": "oxycodone", "route": "iv", "rate": "2 mg/h"}]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "fpm-2021",
    },
    "oral morphine to a fentanyl patch (uk-palliative)": {
        "from": {
            "items": [{"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "q4h"}]
        },
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": "uk-palliative",
        "patient": {"opioid_tolerant": True},
    },
}


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _amount(amount: Amount) -> str:
    return f"{format_number(amount.value)} {amount.unit}"


def _expected_numbers(plan: RotationPlan) -> list[str]:
    """Every number a clinician acts on, written from the plan model itself."""
    regimen = plan.regimen
    out = [
        _amount(plan.target_daily_dose),
        f"{format_number(plan.equianalgesic_daily_dose.value)} "
        f"{plan.equianalgesic_daily_dose.unit}",
        f"{format_number(plan.reduction * 100)}%",
    ]
    out += [_amount(a) for a in (regimen.dose, regimen.rate, regimen.daily_dose) if a]
    out += [_amount(p) for p in regimen.patches or []]
    out += [_amount(u) for u in regimen.dose_units or []]
    if plan.breakthrough is not None and plan.breakthrough.dose is not None:
        out.append(_amount(plan.breakthrough.dose))
    return out


def _three_renderings(plan: RotationPlan, request: RotationRequest, tables: TableIndex):
    document = RegimenDocument(items=request.from_.items, patient=request.patient)
    content = PlanContent(
        document=document,
        result=None,
        tables=tables,
        app_version="test",
        plan=plan,
        plan_request=request,
    )
    return {
        "terminal": " ".join(render_plan(plan).split()),
        "planner pane": _plain(plan_to_html(plan)),
        "printed plan": _plain(plan_html(content)),
    }


@pytest.mark.parametrize("document", SWITCHES.values(), ids=list(SWITCHES))
def test_the_three_renderers_show_the_same_numbers_and_regimen_sentence(
    document, tables: TableIndex, qapp
) -> None:
    request = RotationRequest.model_validate(document)
    plan = plan_rotation(request, tables=tables)
    assert plan.regimen.no_dose is None
    renderings = _three_renderings(plan, request, tables)
    for number in _expected_numbers(plan):
        missing = [name for name, text in renderings.items() if number not in text]
        assert not missing, (number, missing)
    # the regimen is named in the one sentence the schedule also uses, in every output
    sentence = regimen_text(plan.regimen)
    assert any(sentence in entry.action for entry in plan.schedule)
    assert all(sentence in text for text in renderings.values()), sentence
    # every warning's citation reaches every output, as a clinician reads it (no "[CODE]" tags
    # or table row paths: the clinician review, D7)
    assert any(warning.source for warning in plan.warnings)
    for warning in plan.warnings:
        if warning.source:
            shown = plain_source(warning.source)
            assert shown
            for name, text in renderings.items():
                assert shown in text, (name, warning.code)
                assert "[CODE]" not in text, name


def test_the_mme_rows_of_the_terminal_and_the_printed_plan_agree(tables: TableIndex, qapp) -> None:
    document = RegimenDocument.model_validate(
        {
            "table": "cdc-2022",
            "items": [
                {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "60 mg/day"},
                {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"},
            ],
        }
    )
    result = calculate_mme(document, tables=tables)
    terminal = render_mme(result)
    printed = _plain(
        plan_html(PlanContent(document=document, result=result, tables=tables, app_version="t"))
    )
    for line in result.items:
        assert line.mme_per_day is not None
        for text in (format_number(line.mme_per_day), _amount(line.daily_dose), line.explanation):
            assert text in terminal and text in printed, text
    total = f"{format_number(result.total_mme_per_day)} MME/day"
    assert total in terminal and total in printed
