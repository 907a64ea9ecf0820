"""Pharmacist re-check 16b, #3 (medium): the same drug by the same route is a dose change of that
drug, whatever its form or whether it was as needed.

``check C20``: fentanyl patch 25 + morphine IR 10 mg as needed ×3 (30 mg/day taken) → the same
patch + morphine MR 15 mg q12h (30 mg/day) + the rescue read NOT REDUCED: the morphine share was
costed "between different opioids" at 25–50%. ``check C04`` (morphine MR 30 mg q12h) read "DANGER:
ABOVE … risk of overdose" for a +33% step of a drug the patient already takes.

Two rules, each in one place: a current line whose drug by its route is in the proposal keeps
the same drug's case (0%) on its share (``reduction.shares``, the classifier's ``same_route``);
and a proposal with exactly the current drugs by their routes is a dose change of each of them,
judged line by line (``dose_change_rule.is_dose_change``), as one kept in the same forms is.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]

PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}


def _prn(drug: str, dose: str, taken: int | str) -> dict[str, Any]:
    line = {"drug": drug, "route": "oral", "dose": dose, "prn": True, "form": "IR"}
    return line | {"doses_per_day": taken}


def _mr(drug: str, dose: str) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "dose": dose, "frequency": "q12h", "form": "MR"}


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    request = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    return check_proposal(request, tables=TABLES)


def _text(result: Any) -> str:
    return " ".join([*result.reasons, *(w.message for w in result.warnings)])


def test_c20_the_same_morphine_made_regular_is_within() -> None:
    current = [PATCH, _prn("morphine", "10 mg", 3)]
    proposed = [PATCH, _mr("morphine", "15 mg"), _prn("morphine", "10 mg", "not reported")]
    result = _check(current, proposed, "uk-palliative")
    assert result.switch_kind == "dose_change"
    assert result.verdict == "within", result.reasons
    assert "different opioids" not in _text(result)
    assert not any(w.severity == "danger" for w in result.warnings)


def test_c04_a_third_more_morphine_beside_the_patch_is_a_dose_change_not_a_danger() -> None:
    current = [PATCH, _prn("morphine", "10 mg", 3)]
    proposed = [PATCH, _mr("morphine", "30 mg"), _prn("morphine", "10 mg", "not reported")]
    result = _check(current, proposed, "uk-palliative")
    assert result.switch_kind == "dose_change"
    assert result.verdict == "dose_change", result.reasons
    assert result.dose_change_from == 90 and result.proposed_ome_per_day == 120
    assert not any(w.severity == "danger" for w in result.warnings), _text(result)
    assert "different opioids" not in _text(result)


def test_a_same_route_share_beside_a_real_switch_keeps_0_percent() -> None:
    """Oxycodone stopped, morphine as needed made regular beside the same patch: only the
    oxycodone share (30 of 120 OME) takes the cut between different opioids, 25–50% × 1/4."""
    current = [PATCH, _prn("morphine", "10 mg", 3), _mr("oxycodone", "10 mg")]
    proposed = [PATCH, _mr("morphine", "30 mg")]
    result = _check(current, proposed, "uk-palliative")
    assert result.switch_kind != "dose_change"
    assert (result.reduction_low, result.reduction_high) == (0.0625, 0.125), result.reasons
    assert "morphine oral (the same drug by the same route)" in _text(result)


DRUGS = {"morphine": ["10 mg", "20 mg"], "oxycodone": ["5 mg", "10 mg"]}


@settings(max_examples=60, deadline=None)
@given(
    drug=st.sampled_from(sorted(DRUGS)),
    data=st.data(),
    taken=st.integers(1, 6),
    factor=st.sampled_from([1.0, 1.0, 1.5, 0.5]),
    table=st.sampled_from(SETS),
)
def test_an_as_needed_drug_made_regular_by_its_route_is_never_judged_as_a_switch(
    drug: str, data: st.DataObject, taken: int, factor: float, table: str
) -> None:
    """Patch + a drug as needed (its doses taken counted) → the same patch + that drug regular
    by the same route in another form, at the amount taken, or half or one and a half times it:
    never a switching range, never a danger for the step (the step rules: a danger only above
    twice the current), within when the amount is the same."""
    dose = data.draw(st.sampled_from(DRUGS[drug]))
    daily = float(dose.split()[0]) * taken * factor
    current = [PATCH, _prn(drug, dose, taken)]
    proposed = [PATCH, _mr(drug, f"{daily / 2:g} mg")]  # the rescue's size is another rule
    result = _check(current, proposed, table)
    assert result.switch_kind == "dose_change", result.reasons
    assert result.verdict == ("within" if factor == 1.0 else "dose_change"), result.reasons
    assert "different opioids" not in _text(result)
    steps = [w for w in result.warnings if w.severity == "danger"]
    assert not [w for w in steps if "overdose" in w.message], _text(result)
