"""An order is printed whole: every field that says how much the patient receives appears in
its line, in the check panel, the check's PDF and ``mps-pain check`` (all read ``order_lines``).

Clinician review 6, defect 1: the check's PDF printed an infusion as "morphine iv 2 mL/h", with
no concentration, on the page that gets signed; the plan PDF said "2 mL/h × 1 mg/mL".
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenItem
from mps_pain.numbers import dose_text
from mps_pain.presentation.orders import order_line
from mps_pain.presentation.wording import quantity
from mps_pain_cli.main import main
from tests.robustness.documents import good_items

with_product = st.just(
    {"drug": "fentanyl", "route": "transdermal", "product": "Durotep MT", "rate": "25 mcg/h"}
)


@given(st.one_of(good_items, with_product))
def test_every_amount_of_an_order_is_in_its_line(document: dict[str, object]) -> None:
    item = RegimenItem.model_validate(document)
    line = order_line(item)
    for field in ("dose", "rate", "concentration", "daily_dose"):
        amount = getattr(item, field)
        if amount is not None:  # a dose by its one rule (below 1 mg in micrograms: review 18)
            said = dose_text if field == "dose" else quantity
            assert said(amount.value, amount.unit) in line, (field, line)
    if item.frequency is not None:
        assert item.frequency.label in line
    if item.product is not None:
        assert item.product in line


def test_the_check_prints_an_infusion_with_its_concentration(
    tmp_path: Path, capsys: object
) -> None:
    request = {
        "from": {
            "items": [
                {"drug": "morphine", "route": "iv", "rate": "2 mL/h", "concentration": "1 mg/mL"}
            ]
        },
        "proposed": {
            "items": [{"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "q12h"}]
        },
    }
    path = tmp_path / "check.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "morphine iv 2 mL/h × 1 mg/mL" in out


@given(taken=st.sampled_from([0, 0.5, 1, 2, 6]))
def test_the_doses_taken_are_counted_in_words(taken: float) -> None:
    """Found on 4 December in a practice prompt: "1 mg as needed, 1 doses in 24 h". The count
    reads by the one plural rule (``mps_pain.plural``)."""
    item = RegimenItem.model_validate(
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True}
        | {"doses_per_day": taken}
    )
    noun = "dose" if taken == 1 else "doses"
    assert order_line(item).endswith(f"as needed, {taken:g} {noun} in 24 h")
