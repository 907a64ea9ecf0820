"""Pharmacist review 8, N3: jspm-2010 refused SC fentanyl (exit 2, no-factor) although
docs/rotation.md listed "fentanyl IV : SC : IM 1:1" for jspm-2010, fpm-2021 and uk-palliative.

The JP set has no cited SC fentanyl ratio: the JSPM 2010 row names IV fentanyl only
(clinical-sources §A9: "IV fentanyl 0.2–0.3 mg"), and no JP label in clinical-sources gives SC
fentanyl. So the refusal stays, in both directions, and names the sets that can (fpm-2021: one
parenteral factor for IV, SC and IM; uk-palliative: NHS 090714 SC fentanyl 150:1); the docs'
route-ratio table claims a parenteral route for a set only where the set has a row for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mps_pain.errors import NoConversionFactorError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_document

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rotation.md"
TABLES = get_tables()
OXY_40 = {"drug": "oxycodone", "route": "oral", "daily_dose": "40 mg/day"}
SC_FENTANYL = {"drug": "fentanyl", "route": "sc", "continuous": True}
SC_FENTANYL_NOW = {"drug": "fentanyl", "route": "sc", "rate": "12.5 mcg/h"}
ORAL_OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}


def _routes(set_id: str, drug: str) -> set[str]:
    set_ = TABLES.sets[set_id]
    return {route for row in set_.factors if row.drug == drug for route in row.routes}


def _parenteral_rows() -> list[tuple[str, str, str]]:
    """(set, drug, route) every row of the docs' route-ratio table claims for IV : SC : IM."""
    claims = []
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not re.search(r"\bIV : SC\b", cells[1]):
            continue
        sets = re.findall(r"[a-z]+-(?:\d{4}|palliative)", cells[0])
        drugs, routes = cells[1].split(" IV")[0], re.findall(r"IV|SC|IM", cells[1])
        for drug in re.findall(r"morphine|oxycodone|hydromorphone|fentanyl", drugs):
            claims += [(s, drug, r.lower()) for s in sets for r in routes]
    return claims


def test_the_docs_claim_a_parenteral_route_only_where_the_set_has_a_row() -> None:
    claims = _parenteral_rows()
    assert ("fpm-2021", "fentanyl", "sc") in claims  # the table row is still read
    missing = [c for c in claims if c[2] not in _routes(c[0], c[1])]
    assert missing == []


@pytest.mark.parametrize(
    ("current", "to"), [(OXY_40, SC_FENTANYL), (SC_FENTANYL_NOW, ORAL_OXY)], ids=["to", "from"]
)
def test_jspm_refuses_sc_fentanyl_both_ways_naming_the_sets_that_can(current, to) -> None:
    document = {"from": {"items": [current]}, "to": to, "table": "jspm-2010"}
    with pytest.raises(NoConversionFactorError):
        plan_rotation(document)
    done = run_document("rotate", document)
    assert done.returncode == 2
    # each set by its name, not its id (clinician re-check 18b #5)
    assert (
        "JSPM 2010 cancer pain guideline conversion table has no conversion factor for "
        "fentanyl by the sc route" in done.stderr
    )
    assert "ANZCA FPM oMEDD table 2021, UK palliative care ratios" in done.stderr


@pytest.mark.parametrize("table", ["fpm-2021", "uk-palliative"])
def test_the_sets_named_plan_sc_fentanyl_both_ways(table: str) -> None:
    there = plan_rotation({"from": {"items": [OXY_40]}, "to": SC_FENTANYL, "table": table})
    assert there.regimen is not None and there.regimen.rate is not None
    back = plan_rotation({"from": {"items": [SC_FENTANYL_NOW]}, "to": ORAL_OXY, "table": table})
    assert back.regimen is not None and back.regimen.dose is not None
