"""Session 20 (the lead's finding): an oversized rescue changed the switch's kind in ``check``.

Under jspm-2010, oral MR morphine 60 mg q12h (120 mg/day OME) -> IV morphine 1.25 mg/h with an
as-needed IV fentanyl rescue, 0 a day: at 60 micrograms the switch was "the same drug by another
route" (40-60 mg/day morphine, the regular dose BELOW), at 250 micrograms "a different opioid"
(60-90 mg/day OME, the regular dose "within"). A rescue above the set-aside ceiling is summed by
its count into the proposal, and its drug joined the switch's target. The switch's kind, and so
its expected range, is now classified by the proposal's regular opioid lines: a summed rescue
may raise the amount (ABOVE), never change the regular dose's range.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.errors import ImplausibleAmountError, MpsPainError, NoConversionFactorError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
FIXTURES = Path(__file__).parent / "fixtures" / "session20"
#: a rescue line refused on its own (one dose beyond any clinical dose)
_REFUSED = ImplausibleAmountError


def _range(result: Any) -> tuple[Any, ...]:
    return (result.switch_kind, result.unit, result.expected_low, result.expected_high)


def _amount(verdict: str) -> str:
    """The regular dose's part of the verdict (``rescue_above``: the regular dose within)."""
    return "within" if verdict == "rescue_above" else verdict


@pytest.mark.parametrize("name", ["odd-60.json", "odd-250.json"])
def test_the_reproducers_are_a_route_switch_of_morphine(name: str) -> None:
    result = check_proposal(json.loads((FIXTURES / name).read_text()), tables=TABLES)
    assert _range(result) == ("route_change", "mg/day morphine", 40, 60), result.reasons
    assert result.verdict == "below", (result.verdict, result.reasons)
    assert result.rescues_above, result.reasons


_REGULAR = {
    "morphine SC infusion": {"drug": "morphine", "route": "sc", "form": "injection",
                             "rate": "{} mg/h", "prn": False},
    "morphine IV infusion": {"drug": "morphine", "route": "iv", "form": "injection",
                             "rate": "{} mg/h", "prn": False},
    "oxycodone MR": {"drug": "oxycodone", "route": "oral", "form": "MR",
                     "daily_dose": "{} mg/day"},
    "morphine MR": {"drug": "morphine", "route": "oral", "form": "MR",
                    "daily_dose": "{} mg/day"},
    "hydromorphone MR": {"drug": "hydromorphone", "route": "oral", "form": "MR",
                         "daily_dose": "{} mg/day"},
    "fentanyl patch": {"drug": "fentanyl", "route": "transdermal", "rate": "{} mcg/h"},
}  # fmt: skip
_RESCUE = {
    "morphine oral": ("morphine", "oral", "IR", 1.0),
    "morphine sc": ("morphine", "sc", "injection", 0.5),
    "oxycodone oral": ("oxycodone", "oral", "IR", 1 / 1.5),
    "fentanyl iv": ("fentanyl", "iv", "injection", 0.01),
}
_AMOUNT = {  # the regular amount per 120 mg/day OME, in its own unit
    "morphine SC infusion": 40 / 24,
    "morphine IV infusion": 40 / 24,
    "oxycodone MR": 80,
    "morphine MR": 120,
    "hydromorphone MR": 24,
    "fentanyl patch": 50,
}


Rescue = tuple[str, float, int]  # the line's key in ``_RESCUE``, one dose in mg, doses a day


def _document(
    table: str, morphine: int, regular: str, share: float, rescue: Rescue | None
) -> dict[str, Any]:
    line = dict(_REGULAR[regular])
    text = str(line.get("rate") or line.get("daily_dose"))
    amount = round(_AMOUNT[regular] * morphine / 120 * share, 2)
    line["rate" if "rate" in line else "daily_dose"] = text.format(amount)
    items: list[dict[str, Any]] = [line]
    if rescue is not None:
        drug, route, form, _ = _RESCUE[rescue[0]]
        dose, count = f"{rescue[1]:.3g} mg", str(rescue[2])
        items.append({"drug": drug, "route": route, "form": form, "frequency": "as needed",
                      "dose": dose, "prn": True, "doses_per_day": count})  # fmt: skip
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "form": "MR",
                            "dose": f"{morphine / 2} mg", "frequency": "q12h"}]},
        "proposed": {"items": items},
        "table": table,
        "patient": {"cancer_or_palliative": True},
    }  # fmt: skip


def _covered(table: str, rescue: str) -> bool:
    """Whether the set has a factor for the rescue's line (uk-palliative has none for IV
    fentanyl: a rescue it cannot value is another rule's, ``check_rescues._cannot_judge``)."""
    drug, route, _, _ = _RESCUE[rescue]
    return table in TABLES.covering_sets(drug, route, None)


def _check(document: dict[str, Any]) -> Any:
    try:
        return check_proposal(document, tables=TABLES)
    except MpsPainError as error:
        return error


_CASES = {
    "table": st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    "morphine": st.sampled_from([60, 120, 240]),
    "regular": st.sampled_from(sorted(_REGULAR)),
    "share": st.sampled_from([0.5, 0.8, 1.0, 1.3]),
    "rescue": st.sampled_from(sorted(_RESCUE)),
    "times": st.floats(0.5, 20),
}


@settings(max_examples=60, deadline=None)
@given(**_CASES)
def test_the_regular_doses_verdict_and_range_are_whatever_the_rescues_size(
    table: str, morphine: int, regular: str, share: float, rescue: str, times: float
) -> None:
    """An as-needed line of 0 a day, from within the rule to 20 times above it (1/6 of the
    current OME, as its drug), beside any regular opioid: the kind, the range and the regular
    dose's verdict are those of the regular order written alone."""
    assume(_covered(table, rescue))
    alone = _check(_document(table, morphine, regular, share, None))
    if isinstance(alone, MpsPainError):
        return
    mg = morphine / 6 * _RESCUE[rescue][3] * times
    result = _check(_document(table, morphine, regular, share, (rescue, mg, 0)))
    if isinstance(result, _REFUSED):  # the rescue line alone refused, whatever the switch
        return
    assert not isinstance(result, MpsPainError), result
    assert _range(result) == _range(alone), (result.reasons, alone.reasons)
    assert _amount(result.verdict) == _amount(alone.verdict), (result.reasons, alone.reasons)
    assert result.proposed_ome_per_day == alone.proposed_ome_per_day, result.reasons


@settings(max_examples=60, deadline=None)
@given(**_CASES, count=st.sampled_from([1, 4, 12]))
def test_a_counted_rescue_may_raise_the_amount_never_the_range(
    table: str, morphine: int, regular: str, share: float, rescue: str, times: float, count: int
) -> None:
    """With a count, a rescue too large to be an order is summed (it may raise the amount to
    ABOVE), but the kind and the expected range stay the regular dose's: the same range, said in
    OME a day at the regular dose's own factor where it is one drug's amount (``with_summed``)."""
    assume(_covered(table, rescue))
    alone = _check(_document(table, morphine, regular, share, None))
    if isinstance(alone, MpsPainError):
        return
    mg = morphine / 6 * _RESCUE[rescue][3] * times
    result = _check(_document(table, morphine, regular, share, (rescue, mg, count)))
    if isinstance(result, _REFUSED):  # the rescue line alone refused, whatever the switch
        return
    assert not isinstance(result, MpsPainError), result
    context = (result.reasons, alone.reasons)
    assert result.switch_kind == alone.switch_kind, context
    if alone.switch_kind == "dose_change":  # a dose change has no switching range to keep
        return
    per = result.expected_high / alone.expected_high  # OME a day per unit of the regular dose
    ome = f"mg/day {TABLES.reference_set(table).output_label}"
    same = result.unit == alone.unit and per == pytest.approx(1)
    assert same or result.unit == ome, context
    assert result.expected_low == pytest.approx(alone.expected_low * per), context
    assert result.proposed_ome_per_day >= alone.proposed_ome_per_day * per * (1 - 1e-6), context


def test_a_dose_change_sums_another_drugs_rescue_by_its_factor() -> None:
    """The regular morphine unchanged beside an oral oxycodone rescue too large to be an order,
    20 mg x4 (uk-palliative: 1.5 mg OME per mg): a dose change whose amount is OME, the rescue by
    its own factor (60 + 120 mg/day OME), never 80 mg of oxycodone added to morphine's mg."""
    document = _document("uk-palliative", 60, "morphine MR", 1.0, ("oxycodone oral", 20, 4))
    result = check_proposal(document, tables=TABLES)
    assert result.switch_kind == "dose_change", result.reasons
    assert (result.measure, result.proposed_ome_per_day) == ("ome_a_day", 180), result.reasons


def test_a_dose_change_beside_a_rescue_the_set_cannot_value_is_refused() -> None:
    """uk-palliative has no factor for IV fentanyl: summed at its count beside unchanged morphine
    it is refused naming the sets that cover it, never added to morphine's mg."""
    document = _document("uk-palliative", 60, "morphine MR", 1.0, ("fentanyl iv", 0.05, 1))
    with pytest.raises(NoConversionFactorError):
        check_proposal(document, tables=TABLES)
