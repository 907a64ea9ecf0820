"""Fuzz review 15, D8, in a FHIR file: a number no field can take (20 digits, 1e400, NaN) made the
whole file unreadable at "(document)" (exit 2, every order lost). It is one order's problem: that
order is refused naming the element (``…doseQuantity.value``), the others import, and ``mme
--fhir`` computes no total (a refused order stops the total). In the Bundle's own elements it is
the file's problem, named at that element."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mps_pain.errors import InputError
from mps_pain.fhir.importer import import_fhir
from tests.cli_runner import run_cli
from tests.fhir.conftest import AS_OF, ORAL, bundle, q, request

SLOT = '"@@"'
NUMBERS = ["12345678901234567890", "-1e400", "NaN", "9" * 5000]


def _dose(value: Any) -> dict[str, Any]:
    return {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": q(value, "mg")}],
    }


def _text(number: str) -> str:
    document = bundle(request("good", _dose(10)), request("bad", _dose("@@")))
    return json.dumps(document).replace(SLOT, number)


@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: n[:20])
def test_only_that_order_is_refused_naming_the_element(number: str) -> None:
    found = import_fhir(_text(number), as_of=AS_OF)
    assert [order.source for order in found.orders] == ["MedicationRequest/good"]
    [refused] = found.refused
    assert refused.source == "MedicationRequest/bad"
    assert refused.path == "dosageInstruction[0].doseAndRate[0].doseQuantity.value"
    assert refused.code == "invalid-value"


@pytest.mark.parametrize("number", NUMBERS, ids=lambda n: n[:20])
def test_the_total_stops_and_import_exits_1(number: str, tmp_path: Any) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(_text(number), encoding="utf-8")
    done = run_cli("fhir", "import", str(path))
    assert done.returncode == 1, done.stderr
    assert "MedicationRequest/bad dosageInstruction[0].doseAndRate[0].doseQuantity.value" in (
        done.stderr
    )
    done = run_cli("mme", "--fhir", str(path))
    assert done.returncode == 2 and "Total:" not in done.stdout
    assert "doseQuantity.value" in done.stderr


def test_in_the_bundle_itself_the_file_is_refused_at_that_element() -> None:
    document = bundle(request("good", _dose(10)))
    document["total"] = "@@"
    with pytest.raises(InputError) as raised:
        import_fhir(json.dumps(document).replace(SLOT, "1" * 30), as_of=AS_OF)
    assert raised.value.location == "Bundle.total"
    assert "30 digits" in raised.value.message
