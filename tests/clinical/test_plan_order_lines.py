"""Pharmacist re-check 18b, after M1: the planner's own order must pass its own check at high
doses.

Oral morphine ER 400 mg q12h → fentanyl patch (uk-palliative) planned 100 + 100 + 50 mcg/h, but
its regimen item held one 250 mcg/h rate, which ``check`` flagged DANGER (above the largest
single patch); oral morphine 2,400 mg/day → IV hydromorphone planned 5 mg/h, above the "far
above usual" flag, and the check said so while the plan did not. The plan's order is its lines
(``order_lines``: a patch plan one line per patch, each a real strength), and the plan judges
those lines by the check's own sanity flags (``own_row_flags``), in the same words."""

from __future__ import annotations

import json
from typing import Any

from mps_pain.domain.rotation.check_dangers import proposal_dangers
from mps_pain.domain.rotation.check_flags import PROPOSED_FLAGS
from mps_pain.domain.rotation.context import equianalgesic_set, rotation_rules
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.domain.rotation.rounding import market_for, strengths_for
from mps_pain.fhir.export import export_plan
from mps_pain.fhir.importer import import_fhir
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
_MORPHINE = {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"}


def _request(dose: str, to: dict[str, Any]) -> dict[str, Any]:
    return {"from": {"items": [{**_MORPHINE, "dose": dose}]}, "to": to, "table": "uk-palliative"}


def _checked(request: dict[str, Any], rows: list[dict[str, Any]]) -> Any:
    check = {"from": request["from"], "proposed": {"items": rows}, "table": request["table"]}
    return check_proposal(check, tables=TABLES)


def _flags(warnings: Any) -> set[tuple[str, str, str]]:
    return {(w.code, w.severity, w.message) for w in warnings if w.code in PROPOSED_FLAGS}


def test_a_patch_plan_above_the_largest_patch_is_ordered_as_its_patches() -> None:
    request = _request("400 mg", {"drug": "fentanyl", "route": "transdermal"})
    plan = plan_rotation(request, tables=TABLES)
    lines = order_lines(plan)
    assert [(i.rate.value, i.rate.unit) for i in lines if i.rate] == [
        (100.0, "mcg/h"),
        (100.0, "mcg/h"),
        (50.0, "mcg/h"),
    ]
    set_ = equianalgesic_set(TABLES, rotation_rules(TABLES), "uk-palliative")
    fentanyl = TABLES.resolve_drug("fentanyl", location=None)
    strengths = strengths_for(TABLES, fentanyl, "patch", market_for(None, set_))
    assert strengths is not None
    assert all(i.rate is not None and i.rate.value in strengths.values for i in lines)
    result = _checked(request, [i.model_dump(mode="json", exclude_none=True) for i in lines])
    assert result.verdict == "within", result.reasons
    assert not proposal_dangers(result.warnings), result.warnings
    assert _flags(plan.warnings) == set()


def test_the_fhir_export_orders_each_patch() -> None:
    plan = plan_rotation(
        _request("400 mg", {"drug": "fentanyl", "route": "transdermal"}), tables=TABLES
    )
    bundle = export_plan(plan, tables=TABLES)
    rates = [
        e["resource"]["dosageInstruction"][0]["doseAndRate"][0]["rateQuantity"]["value"]
        for e in bundle["entry"]
        if e["resource"]["id"].startswith("plan-regimen")
    ]
    assert rates == [100.0, 100.0, 50.0]
    back = import_fhir(json.dumps(bundle), tables=TABLES, include_proposals=True)
    read = [i.model_dump(mode="json", exclude_none=True) for i in back.document.items if not i.prn]
    ordered = [i.model_dump(mode="json", exclude_none=True) for i in order_lines(plan)]
    assert [r["rate"] for r in read] == [o["rate"] for o in ordered]


def test_a_plan_far_above_usual_says_so_itself_as_its_check_does() -> None:
    request = _request("1200 mg", {"drug": "hydromorphone", "route": "iv", "continuous": True})
    plan = plan_rotation(request, tables=TABLES)
    said = _flags(plan.warnings)
    assert {code for code, _, _ in said} == {"proposed-amount-far-above-usual"}
    assert all(severity == "danger" for _, severity, _ in said)
    rows = [i.model_dump(mode="json", exclude_none=True) for i in order_lines(plan)]
    assert _flags(_checked(request, rows).warnings) == said
