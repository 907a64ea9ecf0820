"""A ``timing.code`` beside ``timing.repeat`` (fuzz review 20, D2).

FHIR R4 Timing.code: "If a code is provided, the code is understood to be a complete statement of
whatever is specified in the structured timing data". Q4H against 1 per 12 h was read by the
repeat alone, with no word: a 3× under-count. A code that contradicts the repeat is refused at
that element; a code that agrees is read; a code this program cannot read is refused (whether it
agrees is not checked)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.frequency import parse_frequency
from mps_pain.fhir.dosage import Dosing, interval_hours
from mps_pain.fhir.model import Refusal
from tests.fhir.conftest import ORAL, bundle, q, request, run

GTS = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
# the HL7 TimingAbbreviation codes and the doses a day each states (definitions of words)
CODES_PER_DAY = {
    "QD": 1.0,
    "AM": 1.0,
    "PM": 1.0,
    "BED": 1.0,
    "BID": 2.0,
    "TID": 3.0,
    "QID": 4.0,
    "Q1H": 24.0,
    "Q2H": 12.0,
    "Q3H": 8.0,
    "Q4H": 6.0,
    "Q6H": 4.0,
    "Q8H": 3.0,
    "QOD": 0.5,
    "WK": 1 / 7,
}
REPEATS = [(1, 4), (1, 6), (1, 8), (1, 12), (1, 24), (2, 24), (3, 24), (1, 48), (1, 168), (4, 24)]


def _dosage(code: dict[str, Any] | None, frequency: int, period: int) -> dict[str, Any]:
    timing: dict[str, Any] = {
        "repeat": {"frequency": frequency, "period": period, "periodUnit": "h"}
    }
    if code is not None:
        timing["code"] = code
    return {"route": ORAL, "timing": timing, "doseAndRate": [{"doseQuantity": q(10, "mg")}]}


def _gts(code: str) -> dict[str, Any]:
    return {"coding": [{"system": GTS, "code": code}]}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(CODES_PER_DAY)), st.sampled_from(REPEATS))
def test_a_code_is_read_when_it_agrees_and_refused_when_it_contradicts(
    code: str, repeat: tuple[int, int]
) -> None:
    frequency, period = repeat
    result = run(bundle(request("rx-1", _dosage(_gts(code), frequency, period))))
    per_day = 24 * frequency / period
    if abs(CODES_PER_DAY[code] - per_day) < 1e-9:
        assert not result.refused
        [item] = result.document.items
        assert parse_frequency(item.frequency).doses_per_day == per_day
    else:
        assert not result.document.items
        [refused] = result.refused
        assert refused.code == "unsupported-timing"
        assert refused.path == "dosageInstruction[0].timing.code.coding[0].code"
        assert f"“{code}”" in refused.message
        assert "contradicts" in refused.message


def test_the_reviews_examples() -> None:
    """Q4H against q12h, TID against q12h, BID against q4h: each refused, naming both readings."""
    for code, period, says in (("Q4H", 12, "2 a day"), ("TID", 12, "2 a day"), ("BID", 4, "6")):
        result = run(bundle(request("rx-1", _dosage(_gts(code), 1, period))))
        [refused] = result.refused
        assert says in refused.message
        assert "timing.repeat" in refused.message


def test_a_code_text_is_compared_when_it_can_be_read() -> None:
    agrees = run(bundle(request("rx-1", _dosage({"text": "every 4 hours"}, 1, 4))))
    assert not agrees.refused and len(agrees.document.items) == 1
    contradicts = run(bundle(request("rx-1", _dosage({"text": "twice daily"}, 1, 4))))
    [refused] = contradicts.refused
    assert refused.path == "dosageInstruction[0].timing.code.text"


def test_a_code_this_program_cannot_read_is_refused_not_dropped() -> None:
    for code, where in (
        (_gts("MO"), "timing.code.coding[0].code"),
        ({"coding": [{"system": "http://example.org/x", "code": "Q4H"}]}, "timing.code.coding[0]"),
        ({"text": "with meals"}, "timing.code.text"),
    ):
        result = run(bundle(request("rx-1", _dosage(code, 1, 4))))
        [refused] = result.refused
        assert refused.code == "unsupported-timing"
        assert refused.path == f"dosageInstruction[0].{where}"


def test_a_statements_timing_code_is_checked_too() -> None:
    """interval_hours is the one place a timing is read: a statement's timing as well."""
    # loaded here, in the test, not at import: collecting the suite builds no FHIR model
    # (tests/test_collector_settings.py; CI on 05b2af2)
    from fhir.resources.R4B.timing import Timing

    timing = Timing.model_validate(
        {"repeat": {"frequency": 1, "period": 12, "periodUnit": "h"}, **{"code": _gts("Q4H")}}
    )
    try:
        interval_hours(timing, "dosage[0]", Dosing())
    except Refusal as refusal:
        assert refusal.path == "dosage[0].timing.code.coding[0].code"
    else:
        raise AssertionError("a contradicting timing code was read")
