"""Clinician re-check 18b, #1: a row left out of the TOTAL is never left out of the safety rules.

Under UK palliative care ratios (no methadone factor) a methadone regimen lost its QTc/ECG caution
and its ketamine interaction, on screen and in the printed current regimen; under CDC 2022 both
appeared. The sets differ in totals, not in safety: for any regimen and any two sets, the
patient-safety warnings (by code and row) are the same.

The warnings that legitimately depend on the set are about the set or its total, never about a
drug given to the patient: the set's own thresholds (CDC's 50/90 MME/day, and "the set's guideline
excludes this patient" in their place), a total far above any palliative range, "this set
measures risk, not a switching dose", and "the total leaves out row(s) …" (the set's gap).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.results import ClinicalWarning
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = [set_.id for set_ in TABLES.tables.reference_sets]
ABOUT_THE_SET = frozenset(
    {
        *(t.code for s in TABLES.tables.reference_sets for t in s.thresholds),
        "set-scope-excludes-patient",
        "total-far-above-palliative-range",
        "mme-not-for-switching",
        "rows-excluded",
    }
)

ROWS: list[dict[str, Any]] = [
    {
        "drug": "methadone",
        "route": "oral",
        "form": "oral solution",
        "dose": "1.5 mg",
        "frequency": "q8h",
    },
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "bid"},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    {"drug": "morphine", "route": "oral", "form": "ir", "dose": "10 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "er", "dose": "20 mg", "frequency": "bid"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "hydromorphone", "route": "oral", "form": "ir", "dose": "2 mg", "frequency": "q4h"},
    {"drug": "tramadol", "route": "oral", "dose": "100 mg", "frequency": "qid"},
    {"drug": "tapentadol", "route": "oral", "dose": "50 mg", "frequency": "bid"},
    {"drug": "codeine", "route": "oral", "dose": "60 mg", "frequency": "qid"},
    {"drug": "buprenorphine", "route": "transdermal", "rate": "10 mcg/h"},
    {"drug": "diamorphine", "route": "sc", "daily_dose": "10 mg/day"},
    {"drug": "alfentanil", "route": "sc", "daily_dose": "1 mg/day"},
    {
        "drug": "morphine",
        "route": "oral",
        "form": "ir",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": 3,
    },
    {"drug": "morphine", "route": "transdermal", "dose": "10 mg", "frequency": "q4h"},
    {"drug": "acetaminophen", "route": "oral", "dose": "1 g", "frequency": "qid"},
]
PATIENTS: list[dict[str, Any]] = [
    {},
    {"age": 81, "egfr": "45 mL/min"},
    {"egfr": "20 mL/min", "hepatic_impairment": "severe"},
    {"qtc": "480 ms", "frail": True},
    {"age": 70, "egfr": "8 mL/min", "opioid_tolerant": False, "cancer_or_palliative": True},
]


def safety(document: dict[str, Any], set_id: str) -> set[tuple[str, int | None, tuple[int, ...]]]:
    """The patient-safety warnings of ``document`` under ``set_id``, by code and row, as the app
    computes them (every readable row; a row the set cannot count is left out of the total)."""
    result = calculate_mme(document, tables=TABLES, table_id=set_id, on_item_error="exclude")
    return {_key(w) for w in result.warnings if w.code not in ABOUT_THE_SET}


def _key(warning: ClinicalWarning) -> tuple[str, int | None, tuple[int, ...]]:
    return (warning.code, warning.item, warning.items)


def test_methadone_keeps_its_qtc_caution_and_ketamine_interaction_under_uk_palliative() -> None:
    document = {"items": [ROWS[0], ROWS[2]], "patient": {"age": 81, "egfr": "45 mL/min"}}
    uk = calculate_mme(document, tables=TABLES, table_id="uk-palliative", on_item_error="exclude")
    assert [e.index for e in uk.excluded] == [0]  # methadone left out of the total only
    found = {w.code for w in uk.warnings}
    cdc = {w.code for w in calculate_mme(document, tables=TABLES, table_id="cdc-2022").warnings}
    assert "opioid-ketamine" in cdc
    assert cdc - ABOUT_THE_SET <= found, cdc - ABOUT_THE_SET - found


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(ROWS), min_size=1, max_size=5),
    st.sampled_from(PATIENTS),
    st.sampled_from(SETS),
    st.sampled_from(SETS),
)
def test_safety_warnings_are_the_same_under_every_set(
    rows: list[dict[str, Any]], patient: dict[str, Any], first: str, second: str
) -> None:
    document = {"items": rows, "patient": patient}
    assert safety(document, first) == safety(document, second)
