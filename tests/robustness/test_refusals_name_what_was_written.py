"""Fuzz review 21, D7: refusals that named something the user never wrote.

- ``{"value": 1e-400, "unit": "mg"}`` → "'0 mg' must be greater than zero" (1e400 says "out of
  range"): a number written too small to be read other than as 0 is refused as written;
- ``"0x1E mg"`` → "'x1E mg' is not a unit": the whole value is named, hexadecimal (octal,
  binary) is not a number here;
- codeine with ``"form": "IR"`` → "known forms: none listed": a drug held without forms says it
  takes none (leave 'form' out);
- a FHIR coding without ``system`` → 'system “None”': the coding has no system.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.strict_load import loads_json
from mps_pain.tables.loader import get_tables


def _refusal(document: Any) -> MpsPainError:
    with pytest.raises(MpsPainError) as caught:
        calculate_mme(document, table_id="uk-palliative")
    return caught.value


def _morphine(dose: Any, **more: Any) -> dict[str, Any]:
    return {"items": [{"drug": "morphine", "route": "oral", "form": "ER", "dose": dose,
                       "frequency": "q12h", **more}]}  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    mantissa=st.integers(1, 99_999).map(str) | st.sampled_from(["1.5", "0.01", "9.99"]),
    exponent=st.integers(-1000, -330),
    case=st.sampled_from(["e", "E"]),
)
def test_a_number_too_small_to_read_is_refused_as_written(
    mantissa: str, exponent: int, case: str
) -> None:
    written = f"{mantissa}{case}{exponent}"
    if float(written) != 0:
        return  # read as a number (subnormal, not zero): the field's own rule judges it
    text = '{"items": [{"drug": "morphine", "route": "oral", "form": "ER", "dose": {"value": '
    text += f'{written}, "unit": "mg"}}, "frequency": "q12h"}}]}}'
    with pytest.raises(MpsPainError) as caught:
        loads_json(text)
    assert caught.value.location == "items[0].dose.value"
    assert written in caught.value.message and "0 mg" not in caught.value.message
    assert "too small" in caught.value.message


def test_a_zero_written_as_zero_is_still_said_as_zero() -> None:
    document = loads_json(
        json.dumps(_morphine({"value": 0.0, "unit": "mg"})).replace("0.0", "0e-5")
    )
    assert "greater than zero" in _refusal(document).message


@pytest.mark.parametrize("written", ["0x1E mg", "0X1e mg", "0b101 mg", "0o17 mg", "-0x1E mg"])
def test_a_programmers_number_is_named_whole(written: str) -> None:
    refused = _refusal(_morphine(written))
    assert refused.location == "items[0].dose"
    assert f"'{written}'" in refused.message and "is not a number here" in refused.message
    assert "is not a unit" not in refused.message


def test_every_drug_without_forms_says_it_takes_none() -> None:
    tables = get_tables()
    formless = [d for d in tables.tables.drugs if not d.forms and "oral" in d.routes]
    assert formless  # codeine among them
    for drug in formless:
        document = {"items": [{"drug": drug.id, "route": "oral", "form": "IR",
                               "daily_dose": "30 mg"}]}  # fmt: skip
        refused = _refusal(document)
        assert refused.location == "items[0].form"
        assert "takes no form" in refused.message and "leave 'form' out" in refused.message
        assert "none listed" not in refused.message


@pytest.mark.parametrize("where", ["medication", "route"])
def test_a_fhir_coding_without_a_system_says_so(where: str) -> None:
    from tests.fhir.conftest import ORAL, bundle, q, request, run

    coding = {"code": "1049621", "display": "Oxycodone Hydrochloride 5 MG Oral Tablet"}
    dosage = {"route": ORAL, "timing": {"repeat": {"frequency": 1, "period": 6, "periodUnit": "h"}},
              "doseAndRate": [{"doseQuantity": q(5, "mg")}]}  # fmt: skip
    medication = None
    if where == "medication":
        medication = {"coding": [coding]}
    else:
        dosage["route"] = {"coding": [{"code": "26643006"}]}
    result = run(bundle(request("oxy", dosage, medication=medication)))
    (refused,) = result.refused
    sentence = refused.sentence()
    assert "no system" in sentence and "None" not in sentence, sentence


def test_mcg_under_ucum_is_read_as_ug_a_documented_leniency() -> None:
    """Decision (docs/fhir.md, Units): UCUM writes micrograms ``ug``; ``mcg`` is not UCUM but
    names only micrograms, so it is read as ``ug`` (as ``mcg/h`` always was), never refused."""
    from tests.fhir.conftest import ORAL, bundle, q, request, run

    totals = []
    for code in ("ug", "mcg"):
        timing = {"repeat": {"frequency": 4, "period": 1, "periodUnit": "d"}}
        dosage = {"route": ORAL, "timing": timing, "doseAndRate": [{"doseQuantity": q(5000, code)}]}
        (item,) = run(bundle(request("oxy", dosage))).document.items
        totals.append(item.daily_mg_per_day())
    assert totals == [20, 20]
