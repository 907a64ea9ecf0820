"""A patch plan whose patch-linked breakthrough opioid the kidney rules avoid, under a set that
holds none of the sourced alternatives, says so and points to the specialist (pharmacist review
18, L4: jspm-2010, eGFR 15, oxycodone -> patch 25 ended with "no breakthrough dose … choose one
with the prescriber", while uk-palliative gives SC alfentanil from the same rule's alternatives).
No alternative is invented: the sources name alfentanil, buprenorphine, fentanyl (SIGN, Scottish
PCG) and hydromorphone (j-cope); a set with no factor for any of them by mouth or SC can convert
none."""

from __future__ import annotations

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CURRENT = {
    "oxycodone": {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg",
                  "frequency": "q12h"},
    "morphine": {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg",
                 "frequency": "q12h"},
}  # fmt: skip


def _plan(table: str, now: str, egfr: int) -> object:
    request = {
        "from": {"items": [CURRENT[now]]},
        "to": {"drug": "fentanyl", "route": "transdermal"},
        "table": table,
        "patient": {"egfr": egfr},
    }
    return plan_rotation(request, tables=TABLES)


def test_r58_jspm_says_no_alternative_is_in_the_set_and_names_the_specialist() -> None:
    plan = _plan("jspm-2010", "oxycodone", 15)
    assert plan.breakthrough is None or plan.breakthrough.dose is None
    danger = next(w for w in plan.warnings if w.code == "breakthrough-avoided")
    said = danger.message
    assert "JSPM 2010 cancer pain guideline conversion table holds none of the sourced" in said
    assert "(fentanyl, buprenorphine, alfentanil, hydromorphone)" in said, said
    assert "palliative care specialist" in said, said
    assert plan.breakthrough is not None and "palliative care specialist" in plan.breakthrough.note


@pytest.mark.parametrize("table", ["uk-palliative", "fpm-2021", "jspm-2010"])
@pytest.mark.parametrize("now", sorted(CURRENT))
@pytest.mark.parametrize("egfr", [8, 15, 25])
def test_a_renal_patch_plan_never_ends_without_a_rescue_or_the_specialist(
    table: str, now: str, egfr: int
) -> None:
    plan = _plan(table, now, egfr)
    if plan.regimen.rate is None:
        return  # no patch proposed: nothing to cover
    bt = plan.breakthrough
    if bt is not None and bt.dose is not None:
        return
    dangers = [w.message for w in plan.warnings if w.severity == "danger"]
    assert any("specialist" in d for d in dangers), dangers
