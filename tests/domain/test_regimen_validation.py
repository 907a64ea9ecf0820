"""Bad regimen input is refused with a message naming the field; nothing is guessed."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import DocumentFormatError, InputError
from mps_pain.services.documents import parse_document_text, parse_regimen

OK_ITEM = {"drug": "alphadone", "route": "oral", "dose": "10 mg", "frequency": "bid"}


def _refusal(item: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_regimen({"items": [OK_ITEM, item]})
    return caught.value


@pytest.mark.parametrize(
    ("item", "location", "fragment"),
    [
        ({**OK_ITEM, "dose": "-5 mg"}, "items[1].dose", "greater than zero"),
        ({**OK_ITEM, "dose": "0 mg"}, "items[1].dose", "greater than zero"),
        ({**OK_ITEM, "dose": "nan mg"}, "items[1].dose", "finite"),
        ({**OK_ITEM, "dose": "inf mg"}, "items[1].dose", "finite"),
        ({**OK_ITEM, "dose": {"value": float("nan"), "unit": "mg"}}, "items[1].dose", "finite"),
        ({**OK_ITEM, "dose": "10 h"}, "items[1].dose", "is a time"),
        ({**OK_ITEM, "dose": "10"}, "items[1].dose", "no unit"),
        ({**OK_ITEM, "dose": "5 mL"}, "items[1]", "volume needs a concentration"),
        ({**OK_ITEM, "frequency": "sometimes"}, "items[1].frequency", "unknown frequency"),
        ({"drug": "alphadone", "route": "oral", "dose": "10 mg"}, "items[1]", "missing frequency"),
        ({**OK_ITEM, "doze": "5 mg"}, "items[1].doze", "did you mean 'dose'"),
        ({**OK_ITEM, "route": "by mouth"}, "items[1].route", "oral"),
        ({**OK_ITEM, "rate": "2 mg/h"}, "items[1]", "exactly one dosing shape"),
        (
            {"drug": "alphadone", "route": "iv", "rate": "2 mg"},
            "items[1].rate",
            "expected a mass per time",
        ),
        (
            {"drug": "alphadone", "route": "oral", "prn": True, "dose": "5 mg"},
            "items[1]",
            "doses_per_day",
        ),
        ({**OK_ITEM, "concentration": "10 mg/mL"}, "items[1]", "only used with a volume"),
        (
            {"route": "oral", "dose": "5 mg", "frequency": "bid"},
            "items[1].drug",
            "required key 'drug'",
        ),
    ],
)
def test_bad_items_are_refused_naming_the_field(
    item: dict[str, Any], location: str, fragment: str
) -> None:
    error = _refusal(item)
    assert error.location == location
    assert fragment in error.message


def test_a_misspelt_top_level_key_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_regimen({"itmes": []})
    assert caught.value.location == "itmes"
    assert "did you mean 'items'" in caught.value.message


@pytest.mark.parametrize("raw", [[], "text", 3, None])
def test_a_document_of_the_wrong_shape_is_refused(raw: Any) -> None:
    with pytest.raises(DocumentFormatError):
        parse_regimen(raw)


def test_items_of_the_wrong_shape_are_refused() -> None:
    with pytest.raises(DocumentFormatError) as caught:
        parse_regimen({"items": {"drug": "x"}})
    assert caught.value.location == "items"


@pytest.mark.parametrize(
    ("text", "where"),
    [('{"items": [', "line 1"), ("items: [unclosed", "line "), ("   ", "(document)")],
)
def test_malformed_json_or_yaml_names_the_line(text: str, where: str) -> None:
    with pytest.raises(DocumentFormatError) as caught:
        parse_document_text(text)
    assert (caught.value.location or "").startswith(where)


def test_patient_context_is_checked_too() -> None:
    with pytest.raises(InputError) as caught:
        parse_regimen({"patient": {"egfr": "45 mg"}, "items": []})
    assert caught.value.location == "patient.egfr"


def test_volume_times_concentration_is_a_mass() -> None:
    document = parse_regimen(
        {"items": [{"drug": "a", "route": "iv", "rate": "2 mL/h", "concentration": "10 mg/mL"}]}
    )
    assert document.items[0].daily_mg_per_day() == pytest.approx(480)


def test_a_daily_mass_is_read_as_per_day_because_the_field_says_so() -> None:
    document = parse_regimen({"items": [{"drug": "a", "route": "oral", "daily_dose": "4 g"}]})
    assert document.items[0].daily_mg_per_day() == pytest.approx(4000)


def test_prn_doses_taken_may_be_zero() -> None:
    document = parse_regimen(
        {"items": [{"drug": "a", "route": "oral", "prn": True, "dose": "5 mg", "doses_per_day": 0}]}
    )
    assert document.items[0].daily_mg_per_day() == 0


def test_a_key_from_another_level_is_named_as_misplaced_not_misspelt() -> None:
    with pytest.raises(InputError) as caught:
        parse_regimen({"identifier": "p1", "items": []})
    assert caught.value.location == "identifier"
    assert "not a key at this level" in caught.value.message
