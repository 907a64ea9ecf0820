"""Clinician review 18 #9 (shot-22): a plan read "(… alfentanil, hydromorphone.).", double
punctuation where the patient-factor warnings are said inside brackets. Every plan of a sweep
(every opioid and route as the target, from a mixed patch regimen and from oral morphine,
under patients with renal, hepatic, QTc and age factors and none, under three sets) is printed
with no doubled punctuation: no ".).", "..", ",.", ";.", ". ." and the like. Abbreviations
("p.r.n.;", "e.g.,") are not doubled punctuation."""

from __future__ import annotations

import itertools
import re

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.render_rotation import render_plan

TABLES = get_tables()
DOUBLED = re.compile(r"[.;:!?]\)[.;:,]|(?<!\.)\.\.(?!\.)|[;:,] ?[.;:,]|\.[;:]|\.\s+\.")
ABBREVIATIONS = ("p.r.n.", "e.g.", "i.e.", "q.d.s.", "t.d.s.", "b.d.")
PATIENTS = (
    {"age": 81, "egfr": "28 mL/min", "qtc": "470 ms", "weight": "52 kg"},
    {"age": 70, "egfr": "12 mL/min"},
    {"age": 60, "hepatic_impairment": "severe", "qtc": "520 ms"},
    {},
)
FROM = (
    [
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "10 mg", "prn": True,
         "doses_per_day": 3},
    ],
    [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}],
)  # fmt: skip
TARGETS = [
    {"drug": d.id, "route": r} | ({"continuous": True} if r in ("iv", "sc") else {})
    for d in TABLES.tables.drugs
    if d.is_opioid
    for r in d.routes
]


def doubled(text: str) -> list[str]:
    """Each doubled punctuation of ``text`` with the words before it (abbreviations aside)."""
    found = []
    for match in DOUBLED.finditer(text):
        before = text[max(0, match.start() - 6) : match.end()]
        if not any(a in before for a in ABBREVIATIONS):
            found.append(text[max(0, match.start() - 60) : match.end() + 10])
    return found


@pytest.mark.parametrize("table", ["uk-palliative", "jspm-2010", "fpm-2021"])
def test_no_printed_plan_has_doubled_punctuation(table: str) -> None:
    seen = 0
    for patient, current, target in itertools.product(PATIENTS, FROM, TARGETS):
        request = {"from": {"items": current}, "to": target, "table": table, "patient": patient}
        try:
            plan = plan_rotation(request, tables=TABLES)
        except MpsPainError:
            continue  # a refused request prints no plan
        seen += 1
        assert not doubled(render_plan(plan)), (target, patient, doubled(render_plan(plan)))
    assert seen > 50, seen


def test_the_reviewers_sentence() -> None:
    assert doubled("… alfentanil, hydromorphone.). Keep")
    assert not doubled("… alfentanil, hydromorphone). Keep; q3h p.r.n.; e.g., this")
