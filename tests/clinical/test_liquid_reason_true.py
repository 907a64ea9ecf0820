"""Pharmacist review 18, L2: the reason an oral solution is measured is true of the strengths it
names.

A form change at a stated 25% (morphine MR 60 mg q12h → IR q4h, FPM) said "No combination of the
10, 20, 50 mg tablets … lies within the sourced range (15–20 mg per dose)", though 20 mg does: the
real reason was the rule that a plan never rounds above a stated reduction's target (15 mg). Over
generated plans (stated reductions and the default, immediate-release oral targets), every
"No combination of the … tablets or capsules lies within the sourced range (a–b …" sentence is
checked against the strengths it names, at most the rule's units per dose.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.rounding_policy import Grid
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import LINES, STATED
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
MAX_UNITS = rotation_rules(TABLES).rounding.max_units_per_dose
SENTENCE = re.compile(
    r"No combination of the ([\d., ]+) (\w+) tablets or capsules lies within the sourced range "
    r"\(([\d.]+)–([\d.]+) \2 per dose"
)
TARGETS = st.builds(
    lambda drug, frequency: {"drug": drug, "route": "oral", "form": "ir", "frequency": frequency},
    st.sampled_from(["morphine", "oxycodone", "hydromorphone"]),
    st.sampled_from(["q4h", "q6h"]),
)
_MOR_MR = {"drug": "morphine", "route": "oral", "form": "er", "dose": "60 mg", "frequency": "q12h"}
_MOR_IR = {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"}


def _sentences(plan: Any) -> list[str]:
    return [*plan.steps, *(w.message for w in plan.warnings)]


@settings(GENERATED, max_examples=300)
@given(
    lines=st.lists(LINES, min_size=1, max_size=2),
    to=TARGETS,
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    market=st.sampled_from([None, "UK", "JP", "US", "AU"]),
    reduction=st.one_of(st.none(), STATED),
)
# the review's V17: the 20 mg tablet lies within 15–20 mg
@example([_MOR_MR], _MOR_IR, "fpm-2021", None, "25%")
# the full run found it: a range 109.97–109.97 mg printed "110–110" beside a 110 mg combination
@example(
    [
        {"drug": "diamorphine", "route": "sc", "rate": "100.0 mg/day"},
        {"drug": "diamorphine", "route": "sc", "rate": "119.94 mg/day"},
    ],
    {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"},
    "uk-palliative",
    None,
    None,
)
def test_no_combination_sentence_is_true(lines, to, table, market, reduction) -> None:
    request = generated_request(lines, to, table, market=market, reduction=reduction)
    plan = plan_or_discard(request)
    for text in _sentences(plan):
        for found in SENTENCE.finditer(text):
            strengths = tuple(float(v) for v in found.group(1).split(", "))
            low, high = float(found.group(3)), float(found.group(4))
            up = Grid(strengths, MAX_UNITS).ceil(low * (1 - 1e-6))
            inside = up is not None and up.total <= high * (1 + 1e-6)
            assert not inside, (request, found.group(0), up)
