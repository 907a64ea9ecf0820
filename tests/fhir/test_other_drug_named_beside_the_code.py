"""Codings or text that name another drug than the one read (fuzz review 20, D3).

RxNorm 1049621 (oxycodone 5 mg tablet) beside a second coding the terminology does not hold,
displayed "Morphine Sulfate 10 MG Oral Tablet", was read as oxycodone without a word; so was the
same code under the text "Morphine sulfate 5 mg tablet". Which drug was ordered is not guessed:
any display or text of the medication that names a catalogue drug other than the one read refuses
the order, naming both. A display or text that names the drug read, or no catalogue drug, is
still read."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fhir.conftest import ORAL, RXNORM, bundle, q, request, run

OXYCODONE_5_MG = {"system": RXNORM, "code": "1049621", "display": "Oxycodone Hydrochloride 5 MG"}
UNKNOWN = "892494"  # an RxNorm code data/fhir_terminology.yaml does not hold
OTHER_DRUGS = ["Morphine Sulfate 10 MG Oral Tablet", "hydromorphone", "MS Contin", "Tramadol"]
SAME_OR_NONE = ["Oxycodone HCl 5 mg tablet", "OxyNorm", "5 mg tablet", "as directed"]


def _order(concept: dict[str, Any]) -> dict[str, Any]:
    dosage = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet", "code": "{tablet}"}}],
    }
    return bundle(request("oxy", dosage, concept))


def _refused_naming_both(concept: dict[str, Any], where: str) -> None:
    result = run(_order(concept))
    assert not result.document.items
    [refused] = result.refused
    assert refused.code == "invalid-value"
    assert refused.path == f"medicationCodeableConcept.{where}"
    assert "oxycodone" in refused.message.casefold()
    assert "1049621" in refused.message


def test_the_reviews_unknown_second_coding_naming_morphine_is_refused() -> None:
    second = {"system": RXNORM, "code": UNKNOWN, "display": "Morphine Sulfate 10 MG Oral Tablet"}
    _refused_naming_both({"coding": [OXYCODONE_5_MG, second]}, "coding[1].display")


def test_the_reviews_text_naming_morphine_is_refused() -> None:
    concept = {"coding": [OXYCODONE_5_MG], "text": "Morphine sulfate 5 mg tablet"}
    _refused_naming_both(concept, "text")


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(OTHER_DRUGS + SAME_OR_NONE),
    st.sampled_from(["text", "unknown RxNorm", "other system", "display of the code"]),
)
def test_a_name_is_refused_exactly_when_it_names_another_drug(name: str, where: str) -> None:
    coding: dict[str, Any] = dict(OXYCODONE_5_MG)
    concept: dict[str, Any] = {"coding": [coding]}
    if where == "text":
        concept["text"] = name
        path = "text"
    elif where == "display of the code":
        coding["display"] = name
        path = "coding[0].display"
    else:
        system = RXNORM if where == "unknown RxNorm" else "http://example.org/drugs"
        concept["coding"].append({"system": system, "code": UNKNOWN, "display": name})
        path = "coding[1].display"
    if name in OTHER_DRUGS:
        _refused_naming_both(concept, path)
        return
    result = run(_order(concept))
    assert not result.refused
    [item] = result.document.items
    assert item.drug == "oxycodone"
    assert item.dose is not None and item.dose.to("mg") == 5


def test_a_referenced_medications_ingredient_naming_another_drug_is_refused() -> None:
    medication = {
        "resourceType": "Medication",
        "id": "med",
        "code": {"coding": [{"system": RXNORM, "code": "7052"}]},
        "ingredient": [{"itemCodeableConcept": {"text": "oxycodone"}, "strength": None}],
    }
    medication["ingredient"][0].pop("strength")
    dosage = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 1, "period": 4, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
    }
    order = request("rx-1", dosage, None, medicationReference={"reference": "Medication/med"})
    order.pop("medicationCodeableConcept")
    result = run(bundle(medication, order))
    [refused] = result.refused
    assert refused.path == "medicationReference.resolve().ingredient[0].itemCodeableConcept.text"
    assert "morphine" in refused.message.casefold()
