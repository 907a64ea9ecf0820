"""Pharmacist review 7, D6: what a set proposes, the same set accepts as a current line.

jspm-2010 proposed SC oxycodone (oral 60 mg/day → 1.87 mg/h, the JP injection label's 0.75 ×
the oral dose by continuous IV or SC infusion) but refused the same line as the current regimen
("no conversion factor for oxycodone by the sc route"): the patient put on it could not be
rotated again under the same reference. The set's parenteral oxycodone row now names SC beside
IV (JP oxycodone injection label: the same daily dose by continuous IV or SC infusion; the
set's IV : SC 1:1, docs/rotation.md).

Property, over every set and every (opioid, route) of the catalogue: when the set proposes a
dose of it from a current regimen, ``mme`` of the proposed line under the same set gives a total,
and a plan from it back to oral morphine is made (no refusal naming the table).

Known gaps, named so the test fails when one is closed or a new one opens (``KNOWN_GAPS``): a
set that had no factor row for the target proposed it by another source's cited route ratio
(rectal morphine under uk-palliative and fpm-2021 by JSPM's 1.5:1; SC/IV diamorphine under
jspm-2010 and fpm-2021 by the Scottish PCG 3:1) and could not take the line back. Decided in
pharmacist review 12, #4: a set without a row for the target does not cover the switch (refused,
naming the sets that do; "not covered" in the spread), so none is left.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
SETS = ("jspm-2010", "fpm-2021", "uk-palliative")
CURRENT = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}
BACK = {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"}
INFUSED = {"sc", "iv", "im"}
KNOWN_GAPS: set[tuple[str, str, str]] = set()  # closed in pharmacist review 12, #4 (below)


def _target(drug: str, route: str) -> dict[str, Any]:
    if route == "transdermal":
        return {"drug": drug, "route": route}
    if route in INFUSED:
        return {"drug": drug, "route": route, "continuous": True}
    return {"drug": drug, "route": route, "frequency": "q4h"}


TARGETS = [
    (drug.id, route)
    for drug in TABLES.tables.drugs
    if drug.is_opioid and drug.id != "methadone"
    for route in drug.routes
]


def test_d6_jspm_sc_oxycodone_converts_both_ways(tmp_path: Path) -> None:
    oral = {
        "drug": "oxycodone",
        "route": "oral",
        "form": "ER",
        "dose": "30 mg",
        "frequency": "q12h",
    }
    out = {"from": {"items": [oral]}, "to": _target("oxycodone", "sc"), "table": "jspm-2010"}
    path = tmp_path / "out.json"
    path.write_text(json.dumps(out), encoding="utf-8")
    done = run_cli("rotate", str(path), "--json")
    assert done.returncode == 0, done.stderr
    rate = json.loads(done.stdout)["regimen"]["rate"]
    # 45 mg over 24 h (the injected step; clinician review 11 #5) = 1.875 mg/h
    assert rate == {"value": 1.875, "unit": "mg/h"}
    line = {"drug": "oxycodone", "route": "sc", "form": "injection", "rate": "1.875 mg/h"}
    back = {"from": {"items": [line]}, "to": BACK, "table": "jspm-2010"}
    path.write_text(json.dumps(back), encoding="utf-8")
    done = run_cli("rotate", str(path), "--json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    # JSPM: SC oxycodone = IV oxycodone (factor 2): 45 mg/day × 2 = 90 mg/day OME
    assert plan["ome_per_day"] == pytest.approx(90)
    assert "injection" in plan["current"][0]["source"] or "SC" in plan["current"][0]["source"]
    mme = {"items": [line], "table": "jspm-2010"}
    path.write_text(json.dumps(mme), encoding="utf-8")
    done = run_cli("mme", str(path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_mme_per_day"] == pytest.approx(90)


@pytest.mark.parametrize("table", SETS)
def test_every_proposed_target_is_accepted_as_a_current_line(table: str) -> None:
    refused: list[tuple[str, str, str, str]] = []
    for drug, route in TARGETS:
        try:
            plan = plan_rotation(
                {"from": {"items": [CURRENT]}, "to": _target(drug, route), "table": table},
                tables=TABLES,
            )
        except MpsPainError:
            continue  # the set does not propose it (refused, naming the field)
        if plan.regimen.dose is None and plan.regimen.rate is None:
            continue  # no dose, with its reason
        line = plan.regimen.model_dump(mode="json", exclude_none=True)
        back = BACK if (drug, route) != ("morphine", "oral") else _target("oxycodone", "oral")
        try:
            calculate_mme({"items": [line], "table": table}, tables=TABLES)
            plan_rotation({"from": {"items": [line]}, "to": back, "table": table}, tables=TABLES)
        except MpsPainError as error:
            refused.append((table, drug, route, str(error)))
    gaps = {(t, d, r) for t, d, r, _ in refused}
    assert gaps == {g for g in KNOWN_GAPS if g[0] == table}, refused
