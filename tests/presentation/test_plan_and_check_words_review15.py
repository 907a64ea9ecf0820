"""Clinician review 15, #14 (wording and precision), each as the reviewed example and then as a
class over the sets and targets:

- internal table wording in a plan's steps: "Strengths: 12.5, 25, 50, 75, 100 mcg/h (UK; UK, the
  country of the set UK palliative care ratios …)" and "[fentanyl transdermal patch, UK
  palliative care ratios … row 9, BNF palliative, …]" (a row of the program's own table);
- a check's reason "Row 2: as-needed Oxycodone …" beside a proposed order of one row: the row
  is the current regimen's, and the words say which table;
- a plan with no dose headed "morphine oral solution" when Immediate-release oral was chosen (the
  solution was only the rounding's way to measure a dose nobody is to give).

The pump rate and the unnamed patient's signature lines have their own tests
(test_csci_as_24h_amount.py, tests/ui/test_unnamed_plan_not_for_signature.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mps_pain.domain.rotation.shape import regimen_text
from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = ("uk-palliative", "fpm-2021", "jspm-2010")
OXYCODONE = {
    "drug": "oxycodone", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"
}  # fmt: skip
TARGETS = {
    "patch": {"drug": "fentanyl", "route": "transdermal", "form": "patch"},
    "morphine-er": {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    "morphine-ir": {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"},
    "hydromorphone": {"drug": "hydromorphone", "route": "oral", "form": "ir", "frequency": "q4h"},
    "csci": {"drug": "morphine", "route": "sc", "continuous": True},
}
TOLERANT = {"cancer_or_palliative": True, "opioid_tolerant": True}
#: a row of the program's own table ("… row 9,"), the set said again as a country's reason, a
#: market said twice ("UK; UK")
INTERNAL = re.compile(r"\brow \d+\b|the country of the set|\b(?P<m>[A-Z]{2}); (?P=m)\b")


def _plan(table: str, to: dict[str, Any], patient: dict[str, Any] | None = None) -> Any:
    request = {"from": {"items": [OXYCODONE]}, "to": to, "table": table}
    return plan_rotation(request | {"patient": patient or TOLERANT}, tables=TABLES)


def test_the_reviewed_patch_steps_name_the_strengths_market_once_and_no_table_row() -> None:
    view = plan_view(_plan("uk-palliative", TARGETS["patch"]))
    strengths = next(s for s in view.steps if s.strip().startswith("Strengths:"))
    assert "(UK strengths, the country of this set)" in strengths, strengths
    target = next(s for s in view.steps if s.startswith("2."))
    factor = "[fentanyl transdermal patch, UK palliative care ratios (BNF / Scottish Palliative "
    factor += "Care Guidelines / regional charts): BNF palliative, Fentanyl patch table"
    assert factor in target, target


@pytest.mark.parametrize("table", SETS)
@pytest.mark.parametrize("target", list(TARGETS))
def test_no_plan_step_shows_the_programs_table_rows_or_its_market_reasoning(
    table: str, target: str
) -> None:
    try:
        plan = _plan(table, TARGETS[target])
    except MpsPainError:  # a set without the target: not this wording's question
        pytest.skip("no plan under this set")
    view = plan_view(plan)
    for text in (*view.steps, view.regimen, *(f.value for f in view.schedule)):
        assert not INTERNAL.search(text), text


def test_a_check_names_the_current_regimen_for_its_rows() -> None:
    """shot-53: "info: Row 2: as-needed Oxycodone — none taken in 24 h" under a proposed order
    of one row."""
    request = {
        "from": {
            "items": [
                OXYCODONE,
                {"drug": "oxycodone", "route": "oral", "form": "ir", "prn": True, "dose": "5 mg",
                 "doses_per_day": 0},
                {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "250 mcg/h"},
            ]
        },
        "proposed": {"items": [{"drug": "morphine", "route": "oral", "form": "er",
                                "dose": "30 mg", "frequency": "q12h"}]},
        "table": "uk-palliative",
    }  # fmt: skip
    view = check_view(check_proposal(request, tables=TABLES))
    messages = [w.message for w in view.warnings]
    assert any(m.startswith("Current regimen, row 2: as-needed") for m in messages), messages
    assert any(m.startswith("Current regimen, row 3: the rate") for m in messages), messages
    assert not any(re.match(r"Rows? \d", m) for m in messages), messages


def test_a_plan_without_a_dose_is_headed_by_the_form_asked_for() -> None:
    """shot-96: fentanyl 50 mcg/h → morphine Immediate-release oral q4h at eGFR 20: "New regimen:
    morphine oral solution: no dose — not proposed for this patient"."""
    request = {
        "from": {"items": [{"drug": "fentanyl", "route": "transdermal", "form": "patch",
                            "rate": "50 mcg/h"}]},
        "to": {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"},
        "table": "uk-palliative",
        "patient": {"egfr": 20},
    }  # fmt: skip
    plan = plan_rotation(request, tables=TABLES)
    assert plan.regimen.no_dose is not None
    assert plan.regimen.form == "ir"
    assert regimen_text(plan.regimen) == "morphine oral IR: no dose — not proposed for this patient"
    assert "solution" not in plan_view(plan).regimen
