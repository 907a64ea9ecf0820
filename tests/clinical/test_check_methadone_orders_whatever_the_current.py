"""The check's methadone-order rules hold whatever the patient is on now (fuzz review 9, #1).

Review 8's fixes put the two methadone-order dangers (an open-ended as-needed methadone order,
``methadone-prn-open-ended``; a regular methadone interval shorter than the cited methods',
``methadone-interval``) on the switch path only. A patient already on methadone 10 mg tid whose
order is rewritten as 5 mg as needed (6 doses) or 5 mg q4h is a dose change of the same drug,
and the check called both WITHIN (the same daily 30 mg), with only the "conversion FROM
methadone is not bidirectional … the switch away from methadone is for a specialist" danger,
which does not apply to an order that stays on methadone. The rules are about the proposed
order, so they apply on every path; a methadone dose change carries no switch-away warning.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.methadone_method import PRN_OPEN_ENDED
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from tests.clinical.helpers import codes, morphine_oral, run_json

INTERVAL = "methadone-interval"
AWAY = "from-methadone-not-bidirectional"
ON_METHADONE = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}


def _methadone(dose: float, **shape: Any) -> dict[str, Any]:
    return {"drug": "methadone", "route": "oral", "dose": f"{dose} mg", **shape}


def _document(current: dict[str, Any], proposed: dict[str, Any], table: str) -> dict[str, Any]:
    return {"from": {"items": [current]}, "proposed": {"items": [proposed]}, "table": table}


def test_an_as_needed_only_order_for_a_patient_on_methadone_is_not_within(tmp_path, capsys):
    """mm_prn.json: methadone 10 mg tid → 5 mg as needed, 6 doses in 24 h (jspm-2010)."""
    document = _document(ON_METHADONE, _methadone(5, prn=True, doses_per_day=6), "jspm-2010")
    result = run_json("check", document, tmp_path, capsys)
    assert result["verdict"] != "within"
    assert codes(result)[PRN_OPEN_ENDED] == "danger"
    assert AWAY not in codes(result)


@pytest.mark.parametrize(("dose", "frequency"), [(5, "q4h"), (2.5, "q1h")])
def test_a_short_interval_for_a_patient_on_methadone_is_a_danger(dose, frequency, tmp_path, capsys):
    """mm_q4h.json (the same 30 mg/day, WITHIN) and mm_q1h.json (DOSE CHANGE only)."""
    document = _document(ON_METHADONE, _methadone(dose, frequency=frequency), "jspm-2010")
    result = run_json("check", document, tmp_path, capsys)
    assert codes(result)[INTERVAL] == "danger"
    assert AWAY not in codes(result)


@given(
    current=st.sampled_from([ON_METHADONE, morphine_oral(120), morphine_oral(300)]),
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    dose=st.sampled_from([1.0, 2.5, 5.0, 10.0]),
    shape=st.sampled_from(
        [
            {"prn": True, "doses_per_day": 4},
            {"frequency": "q1h"},
            {"frequency": "q2h"},
            {"frequency": "q4h"},
        ]
    ),
)
def test_the_methadone_order_rules_hold_whatever_the_current_opioid(current, table, dose, shape):
    """Property: an as-needed-only or a more-often-than-cited methadone order carries its
    danger, and is never a clean ``within``, whether the patient is on morphine or methadone."""
    result = check_proposal(_document(current, _methadone(dose, **shape), table))
    dangers = {w.code for w in result.warnings if w.severity == "danger"}
    assert (PRN_OPEN_ENDED if shape.get("prn") else INTERVAL) in dangers
    if shape.get("prn"):
        assert result.verdict != "within"


def test_a_regular_order_at_a_short_interval_keeps_its_expected_amount():
    """Fuzz review 9, #2: morphine 200 mg/day → methadone 5 mg q4h (regular) was NOT SIGNABLE
    with "Expected: none: an open-ended as-needed methadone order …", the wrong reason; the
    interval is the danger, and the amount's expected range stays to be read."""
    document = _document(morphine_oral(200), _methadone(5, frequency="q4h"), "jspm-2010")
    view = check_view(check_proposal(document))
    assert view.verdict == "not_signable"
    assert "as-needed" not in view.expected
    assert "mg/day methadone" in view.expected
