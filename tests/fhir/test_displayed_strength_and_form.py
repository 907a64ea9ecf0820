"""A strength or dose form named in a medication's words that is not the order's (fuzz re-check
20c, N1 and N4).

RxNorm 1049621 (oxycodone 5 mg tablet) beside a second coding the terminology does not hold,
displayed "Oxycodone Hydrochloride 10 MG Oral Tablet", was read as 5 mg with the dose in tablets,
and beside "OxyContin 10 MG 12 HR Extended Release Oral Tablet" as an immediate-release tablet,
both without a word; the same display under a code the terminology holds was refused ("their
strengths differ", "their dose forms differ"). Words are held to the same rule: a ``display`` or
``text`` that gives a strength, or names a dose form of the terminology, other than the order's
refuses it at that element. A name in another language ("Morfina") is not compared (only the
catalogue's names are), but its strength is."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.fhir.drug_names import dose_forms_named_in
from mps_pain.fhir.terminology import get_terminology
from tests.fhir.conftest import IV, ORAL, RXNORM, TRANSDERMAL, bundle, q, request, run

UNKNOWN = "1049999"  # an RxNorm code data/fhir_terminology.yaml does not hold
OXYCODONE_5_MG = {
    "system": RXNORM,
    "code": "1049621",
    "display": "Oxycodone Hydrochloride 5 MG Oral Tablet",
}


def _every_4_h(dose: dict[str, Any], route: dict[str, Any] = ORAL) -> dict[str, Any]:
    return {
        "route": route,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": dose}],
    }


TABLET = {"value": 1, "unit": "tablet", "code": "{tablet}"}
PATCH = {
    "route": TRANSDERMAL,
    "timing": {"repeat": {"frequency": 1, "period": 72, "periodUnit": "h"}},
    "doseAndRate": [{"rateQuantity": q(25, "ug/h")}],
}

# (code, display of the code, the drug's words, its strength written three ways that agree,
#  the same kind of strength written differently, its dose form, the order's dosage)
PRODUCTS = [
    (
        "1049621",
        "Oxycodone Hydrochloride 5 MG Oral Tablet",
        "Oxycodone Hydrochloride",
        ["5 MG", "5mg", "5000 mcg"],
        ["10 MG", "2.5 mg", "5 mcg"],
        "Oral Tablet",
        _every_4_h(TABLET),
    ),
    (
        "1049502",
        "12 HR Oxycodone Hydrochloride 10 MG Extended Release Oral Tablet",
        "12 HR Oxycodone Hydrochloride",
        ["10 MG", "10 mg", "10000 MCG"],
        ["80 MG", "20 mg", "1 MG"],
        "Extended Release Oral Tablet",
        {
            **_every_4_h(TABLET),
            "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        },
    ),
    (
        "1049604",
        "Oxycodone Hydrochloride 1 MG/ML Oral Solution",
        "Oxycodone",
        ["1 MG/ML", "5 mg/5 mL", "1 mg per mL"],
        ["2 MG/ML", "10 mg/mL", "5 mg/1 mL"],
        "Oral Solution",
        _every_4_h(q(5, "mg")),
    ),
    (
        "245134",
        "72 HR Fentanyl 0.025 MG/HR Transdermal System",
        "72 HR Fentanyl",
        ["0.025 MG/HR", "25 mcg/h", "25 micrograms/hour"],
        ["0.05 MG/HR", "50 mcg/h", "75 mcg/hr"],
        "Transdermal System",
        PATCH,
    ),
    (
        "897745",
        "Hydromorphone Hydrochloride 2 MG/ML Injectable Solution",
        "Hydromorphone",
        ["2 MG/ML", "2 mg in 1 mL", "2000 mcg/mL"],
        ["10 MG/ML", "1 mg/mL", "2 mg/2 mL"],
        "Injectable Solution",
        _every_4_h(q(1, "mg"), IV),
    ),
]
DOSE_FORMS = [
    "Oral Tablet",
    "Extended Release Oral Tablet",
    "Oral Solution",
    "Transdermal System",
    "Injectable Solution",
    "Rectal Suppository",
]


def _refused_at(concept: dict[str, Any], dosage: dict[str, Any], where: str) -> str:
    result = run(bundle(request("rx", dosage, concept)))
    assert not result.document.items
    [refused] = result.refused
    assert refused.code == "invalid-value"
    assert refused.path == f"medicationCodeableConcept.{where}"
    return refused.message


def test_the_reviews_unknown_coding_of_another_strength_is_refused() -> None:
    second = {
        "system": RXNORM,
        "code": UNKNOWN,
        "display": "Oxycodone Hydrochloride 10 MG Oral Tablet",
    }
    message = _refused_at(
        {"coding": [OXYCODONE_5_MG, second]}, _every_4_h(TABLET), "coding[1].display"
    )
    assert "“10 MG”" in message and "strength is 5 mg" in message and "1049621" in message


def test_the_reviews_unknown_modified_release_coding_is_refused() -> None:
    second = {
        "system": RXNORM,
        "code": "1049545",
        "display": "OxyContin 5 MG 12 HR Extended Release Oral Tablet",
    }
    message = _refused_at(
        {"coding": [OXYCODONE_5_MG, second]}, _every_4_h(q(5, "mg")), "coding[1].display"
    )
    assert "Extended Release Oral Tablet" in message and "1049621" in message


def test_a_strength_in_another_languages_text_is_compared() -> None:
    """N4: "Morfina" is not a name the catalogue holds, so it is not compared as a drug; its
    strength is written in numbers and units, and 10 mg is not the coded 5 mg."""
    concept = {"coding": [OXYCODONE_5_MG], "text": "Morfina 10 mg"}
    assert "“10 mg”" in _refused_at(concept, _every_4_h(q(5, "mg")), "text")


def test_a_strength_of_the_ingredient_is_compared_with_the_words() -> None:
    medication = {
        "resourceType": "Medication",
        "id": "med",
        "code": {"coding": [{"system": RXNORM, "code": "7804"}], "text": "oxycodone 10 mg/mL"},
        "ingredient": [
            {
                "itemCodeableConcept": {"text": "oxycodone"},
                "strength": {"numerator": q(5, "mg"), "denominator": q(1, "mL")},
            }
        ],
    }
    order = request(
        "rx", _every_4_h(q(5, "mg")), None, medicationReference={"reference": "Medication/med"}
    )
    order.pop("medicationCodeableConcept")
    result = run(bundle(medication, order))
    [refused] = result.refused
    assert refused.path == "medicationReference.resolve().code.text"
    assert "“10 mg/mL”" in refused.message and "strength is 5 mg/mL" in refused.message


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(PRODUCTS),
    st.booleans(),
    st.integers(0, 2),
    st.sampled_from([None, *DOSE_FORMS]),
    st.sampled_from(["unknown RxNorm", "other system", "text", "display of the code"]),
)
def test_words_are_refused_exactly_when_their_strength_or_form_is_not_the_orders(
    product: tuple[Any, ...], same_strength: bool, spelling: int, form: str | None, where: str
) -> None:
    code, display, name, agree, differ, own_form, dosage = product
    strength = (agree if same_strength else differ)[spelling]
    words = " ".join(part for part in (name, strength, form) if part)
    coding: dict[str, Any] = {"system": RXNORM, "code": code, "display": display}
    concept: dict[str, Any] = {"coding": [coding]}
    if where == "text":
        concept["text"] = words
        path = "text"
    elif where == "display of the code":
        coding["display"] = words
        path = "coding[0].display"
    else:
        system = RXNORM if where == "unknown RxNorm" else "http://example.org/drugs"
        concept["coding"].append({"system": system, "code": UNKNOWN, "display": words})
        path = "coding[1].display"
    if not same_strength or form not in (None, own_form):
        message = _refused_at(concept, dosage, path)
        assert code in message
        return
    result = run(bundle(request("rx", dosage, concept)))
    assert not result.refused
    plain = run(bundle(request("rx", dosage, {"coding": [{"system": RXNORM, "code": code}]})))
    assert result.document.items[0].model_dump(exclude={"note"}) == plain.document.items[
        0
    ].model_dump(exclude={"note"})


@pytest.mark.parametrize("written", ["5 mg/0 mL", "1" + "0" * 400 + " mg", "0 mg"])
def test_a_strength_no_arithmetic_can_read_is_not_the_orders(written: str) -> None:
    concept = {"coding": [OXYCODONE_5_MG], "text": f"Oxycodone {written} tablet"}
    assert "strength is 5 mg" in _refused_at(concept, _every_4_h(TABLET), "text")


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=60))
def test_any_words_are_read_or_refused_never_a_crash(words: str) -> None:
    concept = {"coding": [OXYCODONE_5_MG], "text": f"Oxycodone {words}".strip()}
    result = run(bundle(request("rx", _every_4_h(TABLET), concept)))
    assert len(result.document.items) + len(result.refused) == 1


@pytest.mark.parametrize(
    ("words", "forms"),
    [
        ("12 HR Oxycodone 10 MG Extended Release Oral Tablet", ["Extended Release Oral Tablet"]),
        ("oxycodone 5 mg oral  TABLET", ["Oral Tablet"]),
        ("Morphine 10 MG Delayed Release Oral Tablet", []),
        ("oxycodone tablet IR", []),
    ],
)
def test_dose_forms_are_the_terminologys_names_read_whole(words: str, forms: list[str]) -> None:
    assert [f.display for f in dose_forms_named_in(words, get_terminology())] == forms


def test_a_capsule_beside_a_tablet_is_the_same_form_of_the_regimen() -> None:
    concept = {"coding": [OXYCODONE_5_MG], "text": "Oxycodone 5 mg Oral Capsule"}
    result = run(bundle(request("rx", _every_4_h(TABLET), concept)))
    assert not result.refused
    assert result.document.items[0].form == "ir"


def test_an_ingredient_strength_of_another_kind_than_the_codes_is_refused() -> None:
    """Before ``same_strength``, a Medication coded 1049621 (5 mg a tablet) whose ingredient
    strength was 5 mg/mL reached the unit arithmetic ("cannot convert mg to mg/mL") and the
    import stopped with a traceback."""
    medication = {
        "resourceType": "Medication",
        "id": "med",
        "code": {"coding": [{"system": RXNORM, "code": "1049621"}]},
        "ingredient": [
            {
                "itemCodeableConcept": {"text": "oxycodone"},
                "strength": {"numerator": q(5, "mg"), "denominator": q(1, "mL")},
            }
        ],
    }
    order = request(
        "rx", _every_4_h(q(5, "mg")), None, medicationReference={"reference": "Medication/med"}
    )
    order.pop("medicationCodeableConcept")
    [refused] = run(bundle(medication, order)).refused
    assert refused.path == "medicationReference.resolve().ingredient"
    assert "5 mg/mL" in refused.message and "5 mg" in refused.message
