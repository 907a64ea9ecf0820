"""Pharmacist review 5b, item 6: a dose typed "10e1 mg" was read as 100 mg. Exponent notation is
not how a clinical amount is written: typed as text (the CLI, a regimen file's "10e1 mg", the
app's quantity editor and its as-needed count cell) it is unclear input, refused naming the
field, never read as a number ten times the one the digits start with. A JSON or YAML *number*
(``{"value": 1.5e+3, "unit": "mg"}``) is the loader's decimal reading and stays accepted, as the
YAML number rule says (tests/robustness/test_yaml_numbers.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.errors import InputError
from mps_pain.services.documents import parse_regimen
from mps_pain.strict_load import loads_yaml
from mps_pain.units import parse_quantity
from tests.cli_runner import run_cli

QUANTITY_FIELDS = {
    "dose": {"frequency": "q4h"},
    "rate": {"route": "sc"},
    "daily_dose": {},
}


def _item(field: str, value: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"drug": "morphine", "route": "oral", field: value}
    item.update(QUANTITY_FIELDS[field])
    return item


@pytest.mark.parametrize("text", ["10e1 mg", "1e2 mg", "10E1 mg", "1.5e1 mg", "1e-3 g", "5e+0 mg"])
def test_a_quantity_typed_with_an_exponent_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="exponent"):
        parse_quantity(text)


@given(
    mantissa=st.integers(min_value=1, max_value=999),
    exponent=st.integers(min_value=-6, max_value=6),
    letter=st.sampled_from(["e", "E"]),
    unit=st.sampled_from(["mg", "mcg", "mg/h", "mcg/h", "mg/day", "mL"]),
    field=st.sampled_from(sorted(QUANTITY_FIELDS)),
)
def test_every_field_refuses_an_exponent_naming_the_field(
    mantissa: int, exponent: int, letter: str, unit: str, field: str
) -> None:
    document = {
        "table": "uk-palliative",
        "items": [_item(field, f"{mantissa}{letter}{exponent} {unit}")],
    }
    with pytest.raises((InputError, ValidationError)) as caught:
        parse_regimen(document)
    assert f"items[0].{field}" in str(caught.value) or f"items.0.{field}" in str(caught.value)


def test_the_cli_refuses_10e1_mg_naming_the_field(tmp_path: Any) -> None:
    path = tmp_path / "regimen.yaml"
    path.write_text(
        "table: uk-palliative\nitems:\n"
        "  - {drug: morphine, route: oral, dose: 10e1 mg, frequency: q4h}\n"
    )
    done = run_cli("mme", str(path))
    assert done.returncode == 2, done.stdout
    assert "items[0].dose" in done.stderr and "exponent" in done.stderr


def test_a_yaml_or_json_number_with_an_exponent_keeps_its_decimal_reading() -> None:
    """The loader's rule: 1.5e+3 written as a YAML/JSON number is the number 1500."""
    loaded = loads_yaml(
        "table: uk-palliative\nitems:\n"
        "  - {drug: morphine, route: oral, frequency: q4h, dose: {value: 1.5e+1, unit: mg}}\n"
    )
    document = RegimenDocument.model_validate(loaded)
    assert document.items[0].dose is not None and document.items[0].dose.value == 15


def test_the_as_needed_count_typed_with_an_exponent_is_refused() -> None:
    item = {
        "drug": "morphine",
        "route": "oral",
        "dose": "5 mg",
        "prn": True,
        "doses_per_day": "1e1",
    }
    with pytest.raises((InputError, ValidationError)) as caught:
        parse_regimen({"table": "uk-palliative", "items": [item]})
    assert "doses_per_day" in str(caught.value)
