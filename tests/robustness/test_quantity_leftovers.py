"""A quantity's text is read whole or refused (outside fuzz review 3, "Low": trailing junk).

``"10! mg"``, ``"10 mg−"`` and ``"10 mg;"`` were read as 10 mg: pint's tokenizer dropped the
characters it did not know. Every character of a quantity must be part of its number or its
unit (letters, digits, ``/ . * ^ ( ) ²``, spaces); anything else is refused naming the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.units import ParsedQuantity, UnitParseError, parse_quantity, resolved_parts
from tests.robustness.cli import call

_JUNK = [
    "12.5 mcg//h",
    "10 mg/",
    "10 1mg",
    "12.5 mcg/2h",
    "12.5 mcg/1h",
    "10! mg",
    "10 mg−",
    "10 mg;",
    "10 mg,",
    "10 mg.",
    "10 mg#x",
    "10 mg?",
    "10 m!g",
    "10 mg'",
]


@pytest.mark.parametrize("text", _JUNK)
def test_a_quantity_with_text_not_read_is_refused(text: str) -> None:
    with pytest.raises((ValueError, UnitParseError)):
        parse_quantity(text)


@pytest.mark.parametrize("text", _JUNK)
def test_mme_refuses_a_dose_with_trailing_junk_naming_the_field(tmp_path: Path, text: str) -> None:
    path = tmp_path / "junk.json"
    item = {"drug": "morphine", "route": "oral", "dose": text, "frequency": "q4h"}
    path.write_text(json.dumps({"table": "uk-palliative", "items": [item]}), encoding="utf-8")
    run = call(["mme", str(path)])
    assert run.returncode == 2, run.stdout
    assert "items[0].dose" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("10 mg", 10, "mg"), ("12.5 mcg/h", 12.5, "mcg/h"), ("45 mL/min/1.73m2", 45, "mL/min")],
)
def test_a_plain_quantity_is_still_read(text: str, value: float, unit: str) -> None:
    assert parse_quantity(text) == ParsedQuantity(value, unit)


_VALID = ["10 mg", "12.5 mcg/h", "45 mL/min", "440 ms", "2.5 mg/h", "0.5 mg"]
# Characters whose insertion can leave the value unchanged and still say exactly that:
# a sign or a leading zero before the number, a point or a zero after it, and the case of a unit
# letter pint reads the same way.
_SAME_MEANING = set("+0.")


@given(
    st.sampled_from(_VALID),
    st.characters(blacklist_categories=("Zs", "Cc", "Zl", "Zp")),
    st.integers(min_value=0, max_value=20),
)
def test_an_inserted_character_is_read_or_refused_never_dropped(
    base: str, extra: str, where: int
) -> None:
    position = min(where, len(base))
    mutated = base[:position] + extra + base[position:]
    try:
        read = parse_quantity(mutated)
    except (ValueError, UnitParseError):
        return
    if read == parse_quantity(base):
        # read, not dropped: the character is part of another spelling of the same unit
        # ("12.5 mcg/hr" is mcg per hour, as "12.5 mcg/h" is)
        unit_text = mutated[mutated.index(" ") + 1 :] if " " in mutated else ""
        letter = extra.isascii() and extra.isalpha() and extra in unit_text
        spelling = letter and resolved_parts(unit_text) is not None
        assert extra in _SAME_MEANING or spelling, (mutated, read)
