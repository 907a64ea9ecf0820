"""Outside fuzz review 3 (2 December): FHIR ranges that contradict themselves (D4), Quantity
comparators (D6, D7) and an interval that is not a whole number of hours (low).
Reproducers: /work/review3/fuzz/repro/D4-*.json, D6-fhir-egfr-lt30.json, D7-*.json."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.fhir.model import FhirImport
from tests.fhir.conftest import ORAL, bundle, q, request, run

MORPHINE = {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "7052"}]}


def _order(repeat: dict[str, Any], dose: dict[str, Any] | None = None) -> dict[str, Any]:
    return request(
        "rx1",
        {
            "route": ORAL,
            "timing": {"repeat": repeat},
            "doseAndRate": [{"doseQuantity": dose or q(10, "mg")}],
        },
        MORPHINE,
    )


def _egfr(value_quantity: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": "o1",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "33914-3"}]},
        "subject": {"reference": "Patient/pt"},
        "effectiveDateTime": "2026-12-01T00:00:00Z",
        "valueQuantity": value_quantity,
    }


def _only_refusal(result: FhirImport) -> Any:
    [refused] = result.refused
    return refused


# --- D4: frequencyMax below frequency, periodMax below period -----------------------------------


@pytest.mark.parametrize(
    ("repeat", "element"),
    [
        ({"frequency": 6, "frequencyMax": 2, "period": 1, "periodUnit": "d"}, "frequencyMax"),
        ({"frequency": 1, "period": 8, "periodMax": 4, "periodUnit": "h"}, "periodMax"),
    ],
)
def test_a_range_whose_max_is_below_its_low_end_is_refused_naming_it(
    repeat: dict[str, Any], element: str
) -> None:
    """frequencyMax 2 < frequency 6 gave 2 a day labelled 'most aggressive' (3× low); periodMax
    4 h < period 8 h kept 8 h (2× low). A pharmacist queries a contradictory order."""
    refused = _only_refusal(run(bundle(_order(repeat))))
    assert refused.path == f"dosageInstruction[0].timing.repeat.{element}"
    assert "contradict" in refused.message


@settings(max_examples=100, deadline=None)
@given(
    frequency=st.integers(1, 6),
    frequency_max=st.integers(1, 6),
    period=st.integers(2, 12),
    period_max=st.integers(2, 12),
)
def test_an_imported_range_never_gives_fewer_doses_than_its_most_aggressive_end(
    frequency: int, frequency_max: int, period: int, period_max: int
) -> None:
    repeat = {
        "frequency": frequency,
        "frequencyMax": frequency_max,
        "period": period,
        "periodMax": period_max,
        "periodUnit": "h",
    }
    result = run(bundle(_order(repeat)))
    if frequency_max < frequency or period_max < period:
        assert result.refused and not result.document.items
        return
    [item] = result.document.items
    assert item.frequency is not None
    assert item.frequency.doses_per_day == pytest.approx(24 * frequency_max / period, rel=1e-11)


# --- D6, D7: comparators ------------------------------------------------------------------------


@pytest.mark.parametrize("comparator", ["<", "<="])
def test_an_egfr_below_a_bound_is_refused_never_read_as_the_bound(comparator: str) -> None:
    """eGFR '<30' was read as exactly 30: the eGFR<30 'avoid' rule did not fire."""
    document = bundle(
        _order({"frequency": 1, "period": 4, "periodUnit": "h"}),
        _egfr({**q(30, "mL/min/{1.73_m2}"), "comparator": comparator}),
    )
    result = run(document)
    refused = _only_refusal(result)
    assert refused.source == "Observation/o1"
    assert refused.path == "valueQuantity.comparator"
    assert result.document.patient.egfr is None


@pytest.mark.parametrize("comparator", [">", ">="])
def test_an_egfr_above_a_bound_is_read_as_the_bound_and_said_so(comparator: str) -> None:
    """'>90' (how many laboratories report a normal eGFR): every renal rule restricts below a
    threshold, so the bound is the cautious reading; the note says it was a bound."""
    document = bundle(
        _order({"frequency": 1, "period": 4, "periodUnit": "h"}),
        _egfr({**q(90, "mL/min/{1.73_m2}"), "comparator": comparator}),
    )
    result = run(document)
    assert not result.refused
    egfr = result.document.patient.egfr
    assert egfr is not None and egfr.to("mL/min") == 90
    assert any(f"{comparator}90" in note.replace(" ", "") for note in result.patient_notes)


@pytest.mark.parametrize("comparator", ["<", "<=", ">", ">=", "ad"])
def test_a_dose_with_a_comparator_is_refused_naming_it(comparator: str) -> None:
    """A dose '<10 mg' became exactly 10 mg."""
    dose = {**q(10, "mg"), "comparator": comparator}
    refused = _only_refusal(
        run(bundle(_order({"frequency": 1, "period": 4, "periodUnit": "h"}, dose)))
    )
    assert refused.path == "dosageInstruction[0].doseAndRate[0].doseQuantity.comparator"


def test_a_rate_with_a_comparator_is_refused_naming_it() -> None:
    order = request(
        "rx1",
        {"route": ORAL, "doseAndRate": [{"rateQuantity": {**q(2, "mg/h"), "comparator": "<"}}]},
        MORPHINE,
    )
    refused = _only_refusal(run(bundle(order)))
    assert refused.path == "dosageInstruction[0].doseAndRate[0].rateQuantity.comparator"


# --- low: "3 per 4 h" is 18 doses a day exactly ------------------------------------------------


def test_three_doses_per_4_h_is_18_a_day_exactly() -> None:
    """Imported as q1.33333h: 18.000045 doses a day, 180.00045 mg/day instead of 180."""
    result = run(bundle(_order({"frequency": 3, "period": 4, "periodUnit": "h"})))
    [item] = result.document.items
    assert item.frequency is not None
    assert item.frequency.doses_per_day == 18
    assert item.daily_mg_per_day() == 180


def test_the_same_order_twice_gives_the_same_document() -> None:
    order = _order({"frequency": 3, "period": 4, "periodUnit": "h"})
    first = run(bundle(order)).document
    second = run(bundle(copy.deepcopy(order))).document
    assert first == second
