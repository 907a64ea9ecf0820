"""``check --json``'s ``not_signable`` agrees with its ``headline`` by one rule (pharmacist
re-check 18b, L6: K05, an opioid with a benzodiazepine outside palliative care, gave
``headline: "danger"`` beside ``not_signable: false``, and an integrator reading the flag signs).

The rule: ``not_signable`` is true exactly when a danger heads the check (``avoid``,
``above_maximum``, ``not_signable``, ``dose_step``, ``danger``, ``above``); the headlines a
prescriber may sign (``within``, ``below``, ``not_reduced``, ``dose_change``) leave it false.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.presentation.check import check_view
from mps_pain.presentation.json_words import check_record
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.clinical.test_every_order_danger_headlined import K05, SIGNABLE

TABLES = get_tables()


def test_k05_danger_headline_is_not_signable() -> None:
    record = check_record(check_proposal(K05, tables=TABLES))
    assert record["headline"] == "danger"
    assert record["not_signable"] is True


_ER = {"route": "oral", "form": "ER", "frequency": "q12h"}
_NOW = [
    {"drug": "morphine", **_ER, "dose": "60 mg"},
    {"drug": "oxycodone", **_ER, "dose": "40 mg"},
    {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"},
]
_NEW = [
    {"drug": "oxycodone", **_ER, "dose": "30 mg"},
    {"drug": "oxycodone", **_ER, "dose": "120 mg"},
    {"drug": "morphine", **_ER, "dose": "10 mg"},
    {"drug": "hydromorphone", "route": "iv", "rate": "4 mg/h"},
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "tid"},
    {"drug": "methadone", "route": "oral", "dose": "0.5 mg", "frequency": "q1h"},
]
_CO = [
    [],
    [{"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "tid"}],
    [{"drug": "pregabalin", "route": "oral", "dose": "450 mg", "frequency": "bid"}],
    [{"drug": "tramadol", "route": "oral", "dose": "200 mg", "frequency": "tid"}],
]


@settings(max_examples=60, deadline=None)
@given(
    now=st.sampled_from(_NOW),
    new=st.sampled_from(_NEW),
    co=st.sampled_from(_CO),
    patient=st.sampled_from([{}, {"egfr": 20}, {"qtc": 520}, {"cancer_or_palliative": True}]),
)
def test_not_signable_is_true_exactly_under_a_danger_headline(
    now: dict[str, Any], new: dict[str, Any], co: list[dict[str, Any]], patient: dict[str, Any]
) -> None:
    request = {"from": {"items": [now]}, "proposed": {"items": [new, *co]},
               "table": "uk-palliative", "patient": patient}  # fmt: skip
    try:
        result = check_proposal(request, tables=TABLES)
    except MpsPainError:  # refused with its reason: no headline
        return
    record = check_record(result)
    danger = record["headline"] not in SIGNABLE
    assert record["not_signable"] is danger, (record["headline"], record["not_signable"])
    assert (check_view(result).severity.name == "danger") is danger
