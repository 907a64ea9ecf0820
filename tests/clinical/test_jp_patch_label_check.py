"""Pharmacist review 10, D-B (check half) and N-1.

S09: ``check`` of a jspm-2010 order of a 37.5 mcg/h fentanyl patch at oral morphine 120 mg/day
said WITHIN with no word that the JP patch label's own conversion (25 mcg/h ≈ oral morphine 90
mg/day) reads that patch as ≈ 135 mg/day, above the current dose; the planner's plan for the
same switch says it. The check now calls the planner's function (``patch_label_reading``) on
the proposed patch and carries the same caution and the same words in its reasons and headline.

N-1: that caution cites the conversion table of the 3-day matrix patch (KEGG/JAPIC 00068021)
while the JP strengths and change interval are Durotep MT's, another product
(clinical-sources addendum 2026-12-01: patch content is never a rate without the product's own
table). The caution now names the table's product and says it is not the strengths' product.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.presentation.check import check_view
from mps_pain.presentation.rotation import reduction_summary
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main

TABLES = get_tables()
CODE = "patch-label-conversion"
SAID = (
    "by the patch label (25 mcg/h ≈ oral morphine 90 mg/day) this 37.5 mcg/h patch ≈ 135 "
    "mg/day, 12.5% above the current 120 mg/day"
)
MORPHINE_120 = {"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}


def _check(rate: str, table: str = "jspm-2010", current: Any = None) -> Any:
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": rate}
    return check_proposal(
        {
            "from": {"items": [current or MORPHINE_120]},
            "proposed": {"items": [patch]},
            "table": table,
        },
        tables=TABLES,
    )


def _plan() -> Any:
    return plan_rotation(
        {"from": {"items": [MORPHINE_120]}, "to": {"drug": "fentanyl", "route": "transdermal"},
         "table": "jspm-2010"},
        tables=TABLES,
    )  # fmt: skip


def test_s09_the_check_carries_the_plans_label_caution_and_words() -> None:
    plan, result = _plan(), _check("37.5 mcg/h")
    planned = next(w for w in plan.warnings if w.code == CODE)
    found = [w for w in result.warnings if w.code == CODE]
    assert found, [w.code for w in result.warnings]
    assert found[0].severity == "caution"
    assert found[0].message == planned.message and found[0].source == planned.source
    assert result.patch_label == plan.patch_label
    assert any(SAID in r for r in result.reasons), result.reasons
    view = check_view(result)
    assert view.verdict == "within"  # the dose rule is unchanged
    assert SAID in view.verdict_sentence, view.verdict_sentence
    assert SAID in reduction_summary(plan)


def test_s09_the_cli_check_says_the_label_in_its_headline(capsys: Any, tmp_path: Any) -> None:
    import json

    path = tmp_path / "s09.json"
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "37.5 mcg/h"}
    request = {"from": {"items": [MORPHINE_120]}, "proposed": {"items": [patch]},
               "table": "jspm-2010"}  # fmt: skip
    path.write_text(json.dumps(request), encoding="utf-8")
    main(["check", str(path)])
    out = capsys.readouterr().out
    head = out.split("Reasons:")[0]
    assert SAID in head, head
    assert "CAUTION The patch label converts" in out, out


@pytest.mark.parametrize(
    ("rate", "table", "current"),
    [
        ("37.5 mcg/h", "uk-palliative", None),  # another market: no JP label
        ("25 mcg/h", "jspm-2010", {"drug": "fentanyl", "route": "iv", "rate": "25 mcg/h"}),
    ],
)
def test_no_label_caution_where_the_planner_gives_none(rate: str, table: str, current: Any) -> None:
    result = _check(rate, table, current)
    assert result.patch_label is None
    assert CODE not in {w.code for w in result.warnings}


def test_n1_the_caution_names_its_tables_product_and_the_strengths_product() -> None:
    for warnings in (_plan().warnings, _check("37.5 mcg/h").warnings):
        message = next(w.message for w in warnings if w.code == CODE)
        assert "KEGG/JAPIC 00068021" in message, message
        assert "Durotep MT" in message and "another product" in message, message
