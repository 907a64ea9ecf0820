"""Pharmacist review 20, M4: pethidine by continuous SC infusion was planned with no caution
(``vin/P1-mor60-pethSC-fpm.json``: "pethidine sc injection 110 mg over 24 h by syringe driver")
and taught in practice (``pr/ex3.json``: tramadol → pethidine CSCI for a 70-year-old, full marks).
The reference converter's caution list names meperidine (GlobalRPh, clinical-sources §1 A5), and
Australian Prescriber (2002) gives why: norpethidine accumulates with repeated doses (more so in
renal impairment) and can cause tremor, twitching, agitation and seizures; pethidine is for
acute pain for a short time, with no role in chronic pain. One rule
(``patient_rules/regular_use.py``, ``rotation.not_for_regular_use``): a caution wherever such a
drug is given regularly or continuously (``rotate``'s target, ``check``'s proposal, ``mme``'s
regimen); an as-needed order is not a regular one. Practice never draws it as a regular or
infusion target. No number is added: no dose limit for pethidine is in the reviewed sources.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.practice.generate import usable_sets
from mps_pain.practice.service import new_exercises
from mps_pain.practice.templates import TEMPLATES, candidates
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables

CODE = "not-for-regular-use"
MORPHINE = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
PETH_CSCI = {"drug": "pethidine", "route": "sc", "rate": "110 mg/day"}
PETH_PRN = {"drug": "pethidine", "route": "sc", "dose": "25 mg", "prn": True, "doses_per_day": 2}
PETH_TABS = {"drug": "pethidine", "route": "oral", "dose": "50 mg", "frequency": "q6h"}
PETH_IV = {"drug": "pethidine", "route": "iv", "rate": "4 mg/h"}


def _said(warnings: Any) -> list[Any]:
    return [w for w in warnings if w.code == CODE]


def _is_the_caution(line: Any) -> None:
    assert line.severity == "caution"
    assert "pethidine" in line.message and "norpethidine" in line.message
    assert line.source is not None and "Australian Prescriber" in line.source


def test_the_reviewed_plan_pethidine_by_syringe_driver_is_cautioned() -> None:
    request = {
        "from": {"items": [MORPHINE]},
        "to": {"drug": "pethidine", "route": "sc", "continuous": True},
        "table": "fpm-2021",
        "market": "AU",
        "patient": {"cancer_or_palliative": True, "age": 50},
    }
    plan = plan_rotation(request)
    (line,) = _said(plan.warnings)
    _is_the_caution(line)
    assert plan.regimen.rate is not None  # a caution, not an avoid: the dose is still worked


@pytest.mark.parametrize("proposed", [PETH_CSCI, PETH_IV])
def test_check_of_regular_pethidine_is_cautioned(proposed: dict[str, Any]) -> None:
    document = {"from": {"items": [MORPHINE]}, "proposed": {"items": [proposed]}}
    (line,) = _said(check_proposal({**document, "table": "fpm-2021"}).warnings)
    _is_the_caution(line)


@pytest.mark.parametrize(
    ("items", "table"),
    [
        ([PETH_CSCI], "fpm-2021"),
        ([PETH_TABS], "cdc-2018-research"),  # the one set with oral pethidine
        ([MORPHINE, PETH_CSCI], "fpm-2021"),
    ],
)
def test_mme_of_regular_pethidine_is_cautioned(items: list[Any], table: str) -> None:
    (line,) = _said(calculate_mme({"items": items}, table_id=table).warnings)
    _is_the_caution(line)
    assert "(current regimen)" in line.message


def test_as_needed_pethidine_is_not_a_regular_use() -> None:
    assert not _said(calculate_mme({"items": [PETH_PRN]}, table_id="fpm-2021").warnings)
    document = {"from": {"items": [MORPHINE]}, "proposed": {"items": [MORPHINE, PETH_PRN]}}
    assert not _said(check_proposal({**document, "table": "fpm-2021"}).warnings)


def test_other_opioids_get_no_such_caution() -> None:
    assert not _said(calculate_mme({"items": [MORPHINE]}, table_id="fpm-2021").warnings)


def _listed() -> set[str]:
    rules = get_tables().tables.rotation
    assert rules is not None
    return {d for rule in rules.not_for_regular_use for d in rule.drugs}


def test_the_tables_list_pethidine() -> None:
    assert _listed() == {"pethidine"}


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t.level >= 3], ids=lambda t: t.topic)
def test_practice_never_draws_it_as_a_regular_or_infusion_target(
    tables: TableIndex, template: Any
) -> None:
    drawn: set[str | None] = set()
    for set_ in usable_sets(tables, template):
        rows = candidates(template, tables, set_)
        exercises = new_exercises(
            topic=template.topic, seed=1, set_id=set_.id, count=len(rows), tables=tables
        )
        targets = {e.given().get("to", {}).get("drug") for e in exercises}
        assert not targets & _listed(), (set_.id, targets)
        drawn |= targets
    assert drawn or template.topic == "methadone" or not usable_sets(tables, template)


def test_practice_draws_the_reviewed_exercise_anew_without_it(tables: TableIndex) -> None:
    """pr/ex3.json, ``L4.infusion.fpm-2021.2021.0``: regenerated, its target is another drug."""
    from mps_pain.practice.catalogue import find_exercise

    given = find_exercise(tables, "L4.infusion.fpm-2021.2021.0").given()
    assert given["to"]["drug"] != "pethidine" and given["to"].get("continuous") is True


@pytest.fixture
def tables() -> TableIndex:
    return get_tables()
