"""Fuzz review 21, D5: an ATC coding of another drug (N02AA01, morphine) beside RxNorm oxycodone,
without a display, was dropped without a word; a ``doseQuantity`` of 1 {capsule} for an oxycodone
Oral Tablet code was read as one tablet.

Decisions (docs/fhir.md): the terminology holds no ATC codes, so a coding it cannot read beside
one it reads cannot be compared: it is said, in a caution of the order (``fhir import`` and
``mme --fhir`` print it), not refused (an export's RxNorm beside its NDC or ATC code is the usual
case); a display is compared as before. A dose counted in one kind of unit (tablets, capsules)
for a medication coded as the other is refused, as two codings with different dose forms are.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fhir.conftest import ORAL, RXNORM, bundle, q, request, run

OXY_TABLET = {"system": RXNORM, "code": "1049621", "display": "Oxycodone 5 MG Oral Tablet"}


def _dosage(dose: dict[str, Any]) -> dict[str, Any]:
    timing = {"repeat": {"frequency": 1, "period": 6, "periodUnit": "h"}}
    return {"route": ORAL, "timing": timing, "doseAndRate": [{"doseQuantity": dose}]}


@pytest.mark.parametrize(
    "other",
    [
        {"system": "http://www.whocc.no/atc", "code": "N02AA01"},
        {"system": "http://hl7.org/fhir/sid/ndc", "code": "0000-0000-00"},
        {"system": RXNORM, "code": "892494"},  # an RxNorm code the terminology does not hold
        {"code": "N02AA01"},
    ],
)
def test_a_coding_that_cannot_be_compared_is_said(other: dict[str, Any]) -> None:
    for codings in ([OXY_TABLET, other], [other, OXY_TABLET]):
        medication = {"coding": codings}
        result = run(bundle(request("oxy", _dosage(q(5, "mg")), medication=medication)))
        assert result.refused == []
        (order,) = result.orders
        (caution,) = order.cautions
        index = codings.index(other)
        assert f"medicationCodeableConcept.coding[{index}]" in caution
        assert other["code"] in caution and "not compared" in caution and "None" not in caution


def test_a_coding_with_a_display_is_compared_not_cautioned() -> None:
    same = {"system": "http://www.whocc.no/atc", "code": "N02AA05", "display": "oxycodone"}
    result = run(
        bundle(request("oxy", _dosage(q(5, "mg")), medication={"coding": [OXY_TABLET, same]}))
    )
    assert result.refused == [] and result.orders[0].cautions == []


def test_mme_from_fhir_says_the_caution(tmp_path: Any) -> None:
    import json

    from tests.cli_runner import run_cli

    atc = {"system": "http://www.whocc.no/atc", "code": "N02AA01"}
    document = bundle(request("oxy", _dosage(q(5, "mg")), medication={"coding": [OXY_TABLET, atc]}))
    path = tmp_path / "b.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = run_cli("mme", "--table", "cdc-2022", "--fhir", str(path))
    assert outcome.returncode == 0
    assert "N02AA01" in outcome.stderr and "not compared" in outcome.stderr


@pytest.mark.parametrize(
    ("code", "refused"),
    [("{capsule}", True), ("{Capsules}", True), ("{tablet}", False), ("{tbl}", False),
     ("{dose}", False)],
)  # fmt: skip
def test_a_dose_unit_of_another_form_is_refused(code: str, refused: bool) -> None:
    result = run(bundle(request("oxy", _dosage(q(1, code)), medication={"coding": [OXY_TABLET]})))
    if not refused:
        assert result.refused == [] and result.document.items[0].daily_mg_per_day() == 20
        return
    (refusal,) = result.refused
    sentence = refusal.sentence()
    assert "doseAndRate[0].doseQuantity.code" in sentence
    assert "capsules" in sentence and "Oral Tablet" in sentence
