"""Clinician review 16 #12 (session 17): a methadone method's target before rounding read with
four or more figures ("reduce 25%: 11.25 × (1 − 0.25) = 8.438 mg/day", "2.812 mg per dose",
the check's "→ 4.5–8.438 mg/day after its reduction") while every other target reads with the
estimate's three (``numbers.ESTIMATE_FIGURES``). Every methadone method, in the plan as the
command line, the app and the PDF print it (the steps, the methods side by side, the reduction
note) and in the check's reasons: a target a method's arithmetic gives (the amount
after the reduction, before rounding to a dose, the equianalgesic amount) has at most three
significant figures. A band's own quotient ("90 ÷ 8 = 11.25 mg/day", the dose held down at it)
keeps its figures: it is the source's table worked exactly, and the next line's arithmetic
("11.25 × (1 − 0.25) = 8.44") can be worked again by hand."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import PlanningError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.render_rotation import render_plan

TABLES = get_tables()
METHODS = tuple(m.id for m in TABLES.tables.rotation.methadone.methods)
SETS = ("uk-palliative", "fpm-2021", "jspm-2010")
# the targets a method's arithmetic gives, not the band's own quotient ("90 ÷ 8 = 11.25", exact
# and pinned by the goldens): the amount after the reduction, the dose before rounding, the
# reduction note's and the check's ranges after the reduction, the as-needed dose
NUMBER = r"(\d[\d.]*)"
TARGETS = tuple(
    re.compile(p)
    for p in (
        rf"\) = {NUMBER} mg/day",  # "11.25 × (1 − 0.25) = 8.44 mg/day"
        rf"{NUMBER} mg per dose rounded down",
        rf"→ {NUMBER}(?:–{NUMBER})? mg/day after its",  # the check's method ranges
        rf"after its \S+ \({NUMBER} mg/day\)",  # the reduction note's held-down amount
        rf"{NUMBER} mg/day after its \S+ reduction",  # the band-edge caution
        rf"the equianalgesic {NUMBER} mg/day",
        rf"= {NUMBER} mg as-needed dose",
        rf"methadone = {NUMBER} mg, rounded down",
    )
)


def _figures(number: str) -> int:
    return len(number.replace(".", "").lstrip("0").rstrip("0" if "." not in number else ""))


def _amounts(text: str) -> list[str]:
    return [n for p in TARGETS for m in p.finditer(text) for n in m.groups() if n]


@settings(max_examples=60, deadline=None)
@given(
    dose_mg=st.integers(min_value=10, max_value=450),
    method=st.sampled_from(METHODS),
    table=st.sampled_from(SETS),
)
def test_a_methadone_target_reads_with_three_figures(dose_mg: int, method: str, table: str) -> None:
    current = {"drug": "morphine", "route": "oral", "dose": f"{dose_mg} mg", "frequency": "q12h"}
    document = {
        "from": {"items": [current]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        "methadone_method": method,
    }
    try:
        plan = plan_rotation(RotationRequest.model_validate(document), tables=TABLES)
    except PlanningError:  # a method that gives no dose here: refused, no amount printed
        text = ""
    else:
        text = render_plan(plan)
    for amount in _amounts(text):
        assert _figures(amount) <= 3, (amount, text)
    proposed = {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "q8h"}
    check = {"from": {"items": [current]}, "proposed": {"items": [proposed]}, "table": table}
    result = check_proposal(check, tables=TABLES)
    reasons = "\n".join(r for r in result.reasons if "after its reduction" in r)
    for amount in _amounts(reasons):
        assert _figures(amount) <= 3, (amount, reasons)
