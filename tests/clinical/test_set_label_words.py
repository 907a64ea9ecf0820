"""Session 17, "the set's own label": every sentence says a daily amount in its set's own words.

Each reference set names its oral morphine equivalent by its own label (``output_label``: OME,
oMEDD, MME). Sentences the core wrote hard-coded "mg/day OME" whatever the set, so under
fpm-2021 (oMEDD) a plan read "= 150 mg/day oMEDD" in step 1 and "150 mg/day OME ÷ 3" in step
2: one figure in two units. The property: whatever the set, the plan (``rotate``), the check of
a proposal (``check``: the plan's own regimen, a dose change of the current regimen, an added
rescue) and the total (``mme``) say no label but the set's own, where the output speaks of it.

What may carry another label, decided as follows (``_foreign_labels``):
- a citation of the tables (a source's name and the place in it, as ``TableIndex.cite`` says
  it, or the place alone): the source's own words as cited (the MSD/Quill bands "OME <30 mg/d
  2:1"), whatever brackets hold it; our own words beside it in the brackets are read;
- a set's name ("ANZCA FPM oMEDD table 2021", "CDC 2022 Clinical Practice Guideline MME
  table"): the name is the set's, whatever it contains;
- a line that names another set, by its id or its display name (the spread across sets, an
  alternative under another set): that set's label may be said on that line, and only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from mps_pain.errors import MpsPainError
from mps_pain.presentation.set_names import table_names
from mps_pain.presentation.wording import plain_source
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema_types import Citation
from mps_pain_cli.render import render_mme
from mps_pain_cli.render_rotation import render_check, render_plan
from tests.clinical.test_planner_check_property import (
    LINES,
    MIXED,
    PATIENTS,
    PRN_LINE,
    TARGETS,
)
from tests.discarded import discard
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
ROTATION_SETS = [s.id for s in TABLES.tables.reference_sets if s.purpose == "equianalgesic"]
EVERY_SET = [s.id for s in TABLES.tables.reference_sets]
LABEL = re.compile(r"\b(OME|oMEDD|MME)\b")
LABELS = ("OME", "oMEDD", "MME")


def _citations(value: Any) -> Iterator[Citation]:
    """Every citation the tables hold, wherever it is."""
    if isinstance(value, Citation):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _citations(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _citations(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _citations(item)


#: what a citation says (the source and its place, or the place alone), as the tables give it
#: and as a clinician reads it (``plain_source``), the longest first
CITED = sorted(
    {
        said
        for c in _citations(TABLES.tables)
        for text in (TABLES.cite(c), c.locator)
        for said in (text, plain_source(text) or text)
    },
    key=len,
    reverse=True,
)
#: every set's name, as the tables and the outputs give it
NAMES = sorted(
    {s.name for s in TABLES.tables.reference_sets} | set(table_names(TABLES).values()),
    key=len,
    reverse=True,
)


def _labels_named(line: str) -> set[str]:
    """The labels of the sets ``line`` names by id or by display name."""
    names = table_names(TABLES)
    return {
        s.output_label
        for s in TABLES.tables.reference_sets
        if re.search(rf"(?<![\w-]){re.escape(s.id)}(?![\w-])", line)
        or s.name in line
        or names.get(s.id, s.name) in line
    }


def _foreign_labels(text: str, set_id: str) -> list[str]:
    """Each line of ``text`` that says a label other than ``set_id``'s own outside a citation,
    a set's name, or a line naming the set whose label it is."""
    own = TABLES.reference_set(set_id, location="table").output_label
    found = []
    for line in text.splitlines():
        if not any(label in line for label in LABELS):
            continue  # taking out citations and names (each for a space) cannot make a label
        bare = line
        for cited in (*CITED, *NAMES):
            bare = bare.replace(cited, " ")
        allowed = {own} | _labels_named(line)
        if any(word not in allowed for word in LABEL.findall(bare)):
            found.append(line)
    return found


def _assert_own_label(text: str, set_id: str, context: Any) -> None:
    foreign = _foreign_labels(text, set_id)
    assert not foreign, (set_id, context, foreign)


def _scaled(line: dict[str, Any], by: float) -> dict[str, Any]:
    """``line`` with its dose or rate ``by`` times (a dose change of the same line)."""
    key = "dose" if "dose" in line else "rate"
    value, unit = line[key].split(" ", 1)
    return {**line, key: f"{round(float(value) * by, 2)} {unit}"}


def _checked(request: dict[str, Any]) -> str:
    try:
        return render_check(check_proposal(request, tables=TABLES))
    except MpsPainError as refusal:
        discard(refusal)


_LINES = st.one_of(st.lists(LINES, min_size=1, max_size=2), MIXED)
_MORPHINE_ER = {
    "drug": "morphine",
    "route": "oral",
    "form": "er",
    "dose": "60 mg",
    "frequency": "q12h",
}
_RESCUES_TAKEN = {
    "drug": "morphine",
    "route": "oral",
    "form": "ir",
    "dose": "10 mg",
    "prn": True,
    "doses_per_day": 6,
}


@settings(GENERATED, max_examples=150)
@given(
    lines=_LINES,
    to=TARGETS,
    table=st.sampled_from(ROTATION_SETS),
    market=st.sampled_from([None, "UK", "JP", "US", "AU"]),
    patient=PATIENTS,
)
# fpm-2021 (oMEDD): step 2 said "150 mg/day OME ÷ 3" under step 1's "= 150 mg/day oMEDD"
@example([_MORPHINE_ER], {"drug": "fentanyl", "route": "transdermal"}, "fpm-2021", None, {}).via(
    "the review's plan"
)
def test_a_plan_says_its_own_label(lines, to, table, market, patient) -> None:
    request = generated_request(lines, to, table, patient=patient, market=market)
    plan = plan_or_discard(request)
    _assert_own_label(render_plan(plan), table, request)


@settings(GENERATED, max_examples=150)
@given(
    lines=_LINES,
    table=st.sampled_from(ROTATION_SETS),
    by=st.sampled_from([0.5, 0.8, 1.25, 1.5, 2.5, 4]),
    rescue=st.one_of(st.none(), PRN_LINE),
    taken=st.booleans(),
    to=st.one_of(st.none(), TARGETS),
)
# fpm-2021: the dose-step caution said "mg/day OME" (a patch raised with rescues taken)
@example(
    [{"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"}],
    "fpm-2021",
    4,
    None,
    True,
    None,
).via("the dose-step caution")
def test_a_check_says_its_own_label(lines, table, by, rescue, taken, to) -> None:
    current = [*lines, _RESCUES_TAKEN] if taken else lines
    if to is None:  # a dose change of the current regimen, with or without a new rescue
        regular = [line for line in lines if not line.get("prn")]
        proposed = [_scaled(line, by) for line in regular] + ([rescue] if rescue else [])
    else:  # the plan's own regimen, checked
        plan = plan_or_discard(generated_request(current, to, table))
        proposed = [plan.regimen.model_dump(mode="json", exclude_none=True)]
    request = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    _assert_own_label(_checked(request), table, request)


@settings(GENERATED, max_examples=100)
@given(
    lines=st.one_of(_LINES, st.lists(PRN_LINE, min_size=1, max_size=2)),
    table=st.sampled_from(EVERY_SET),
    on_item_error=st.sampled_from(["raise", "exclude"]),
)
def test_a_total_says_its_own_label(lines, table, on_item_error) -> None:
    """Under every set, the risk-MME sets too; a line the set has no factor for is left out
    of the total as the app leaves it out (``exclude``), and said so, or the total refused."""
    try:
        result = calculate_mme(
            {"items": lines}, tables=TABLES, table_id=table, on_item_error=on_item_error
        )
    except MpsPainError as refusal:
        discard(refusal)
    _assert_own_label(render_mme(result), table, lines)


def test_a_citation_a_set_name_or_a_named_set_may_carry_its_label() -> None:
    """The rule's own edges: what it lets through, and what it does not."""
    assert _foreign_labels("= 150 mg/day oMEDD", "fpm-2021") == []
    assert _foreign_labels("150 mg/day OME ÷ 3", "fpm-2021") == ["150 mg/day OME ÷ 3"]
    msd = next(c for c in _citations(TABLES.tables) if "OME <30 mg/d" in c.locator)
    assert _foreign_labels(f"bands ({TABLES.cite(msd)})", "fpm-2021") == []
    assert _foreign_labels(f"bands [{msd.locator}]: 30 mg/day OME", "fpm-2021") != []
    assert _foreign_labels("under ANZCA FPM oMEDD table 2021: 3", "uk-palliative") == []
    assert _foreign_labels("  jspm-2010   46.9 mcg/h (120 OME/day)", "fpm-2021") == []
    assert _foreign_labels("  jspm-2010   120 MME/day", "fpm-2021") != []
