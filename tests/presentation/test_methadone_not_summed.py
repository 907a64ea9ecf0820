"""Clinician review 14 #5: one methadone regimen (methadone 10 mg q8h + oxycodone IR 5 mg × 3 as
needed, UK set) read "22.5 OME/day (incomplete; methadone not covered)" on the Regimen tab, but
"Current total 270 OME/day" in the switching planner and "Current OME/day used 247.5" in the quick
converter: Lawlor 1998's cohort median 8.25 summed into a current total, for sets that have no
methadone factor. Both rightly gave no dose. Property over methadone regimens (with or without
other lines), every target and equianalgesic set: no total that sums methadone is shown, in the
plan's view (CLI, planner, converter and PDF lay it out) or its JSON record; the view says
"not summed" and gives the other lines' OME by itself.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from pytest import approx

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.presentation.plan_record import plan_record
from mps_pain.presentation.rotation import plan_view
from mps_pain.units import format_number, tidy
from tests.clinical.test_planner_check_property import LINES, SETS, TARGETS
from tests.rotation.generated import generated_request, plan_or_discard

METHADONE = st.builds(
    lambda mg, frequency: {
        "drug": "methadone",
        "route": "oral",
        "dose": f"{mg} mg",
        "frequency": frequency,
    },
    st.sampled_from([2.5, 5, 10, 20, 40]),
    st.sampled_from(["q8h", "q12h", "q24h"]),
)
OXYCODONE_PRN = {
    "drug": "oxycodone",
    "route": "oral",
    "form": "IR",
    "dose": "5 mg",
    "prn": True,
    "doses_per_day": 3,
}
CLINICIAN_CASE: dict[str, Any] = {
    "from": {
        "items": [
            {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q8h"},
            OXYCODONE_PRN,
        ]
    },
    "to": {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
    "table": "uk-palliative",
}


def _others(plan: RotationPlan) -> float:
    return tidy(
        sum(
            line.mme_per_day or 0.0
            for line in plan.current
            if line.drug != "methadone" and line.counted
        )
    )


def _shown(plan: RotationPlan) -> str:
    view = plan_view(plan)
    return "\n".join(
        [
            *(f"{fact.label}: {fact.value}" for fact in view.facts),
            *view.steps,
            *(f"{row.table} {row.basis} {row.value_text}" for row in view.spread),
        ]
    )


# a patch chart's band, said where a patch line is read by it ("chooses 100 mcg/h for 315 to below
# 405 mg/day OME"): its edges are the chart's own numbers, whatever the regimen's total (a total
# summing methadone was 405 with a 100 mcg/h patch beside methadone 10 mg q12h)
_BAND_EDGES = re.compile(r"[\d.,]+ to below [\d.,]+ mg/day OME")


def _says_no_summed_total(plan: RotationPlan) -> None:
    view = plan_view(plan)
    total = format_number(plan.ome_per_day)
    current = next(fact.value for fact in view.facts if fact.label == "Current total")
    assert "not summed" in current and "methadone" in current
    shown = _BAND_EDGES.sub("", _shown(plan))  # a chart band's edges are table numbers
    # a total is said as an amount of OME (a year such as "Lawlor 1998" is no total: 40 mg q8h
    # methadone + 336 mg/day SC morphine summed to 1998 under fpm-2021, ci-long; nor is one line's
    # daily amount of its own drug: tramadol 50 mg qid "= 200 mg/day × 0.1" beside methadone
    # 10 mg q12h and morphine 2.5 mg q4h summed to 200, ci-long). One other line's OME is below
    # the summed total, which has methadone's share too.
    amount = rf"(?<![\d.]){re.escape(total)}(?![\d.])\s*(mg/day OME|mg OME|OME|MME|oMEDD)"
    assert not re.search(amount, shown)
    others = _others(plan)
    if others:
        assert format_number(others) in current
    assert all("not summed" in row.basis for row in view.spread)
    record = plan_record(plan)
    assert (record["ome_per_day"], record["ome_low"], record["ome_high"]) == (None, None, None)
    assert record["ome_not_summed"]["other_lines_ome_per_day"] == (
        approx(others) if others else None
    )
    assert all(row["ome_per_day"] is None for row in record["spread"])
    methadone = [line for line in record["current"] if line["drug"] == "methadone"]
    assert methadone and all(line["mme_per_day"] is None for line in methadone)


def test_clinician_case_shows_no_summed_total() -> None:
    plan = plan_or_discard(CLINICIAN_CASE)
    assert plan.ome_per_day == 270  # the cohort-median sum the record keeps apart
    _says_no_summed_total(plan)
    current = next(f.value for f in plan_view(plan).facts if f.label == "Current total")
    assert "22.5" in current


@example(
    methadone={"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q12h"},
    others=[
        {"drug": "morphine", "route": "oral", "form": "ir", "dose": "2.5 mg", "frequency": "q4h"},
        {"drug": "tramadol", "route": "oral", "form": "ir", "dose": "50.0 mg", "frequency": "qid"},
    ],
    target={"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"},
    table="uk-palliative",
)
@example(
    methadone={"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "q12h"},
    others=[{"drug": "fentanyl", "route": "transdermal", "rate": "100 mcg/h"}],
    target={"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
    table="uk-palliative",
)
@given(
    methadone=METHADONE,
    others=st.lists(LINES, max_size=2),
    target=TARGETS,
    table=st.sampled_from(SETS),
)
def test_no_total_sums_methadone(
    methadone: dict[str, Any], others: list[dict[str, Any]], target: dict[str, Any], table: str
) -> None:
    # a methadone target's method is the request's own key (generated_request lifts it)
    plan = plan_or_discard(generated_request([methadone, *others], target, table))
    _says_no_summed_total(plan)
