"""Methadone methods: tiers, the band-edge plateau, minimums, caps after rounding, liquid."""

from __future__ import annotations

import pytest

from mps_pain.domain.patient_rules.qtc import qtc_warnings
from mps_pain.domain.patient_rules.uses import DrugUse
from mps_pain.domain.regimen import Patient
from mps_pain.domain.rotation.methadone import dose_for, method_value


def _method(rot, method_id):
    rules = rot.tables.rotation.methadone
    return rules, next(m for m in rules.methods if m.id == method_id)


def test_a_fixed_tier_gives_its_dose_and_refuses_below_the_minimum(rot) -> None:
    rules, fixed = _method(rot, "fixed")
    assert method_value(rules, fixed, 100).value_mg == 12
    assert method_value(rules, fixed, 250).value_mg == 24
    refused = method_value(rules, fixed, 49)
    assert refused.value_mg is None and refused.refused == "not below 50"


def test_below_a_band_edge_the_dose_is_held_down_at_the_band_above(rot) -> None:
    """A band edge is removed downward (pharmacist review 7, D4; review 8, N2): the fixture's 5:1
    band gives 19 at 95, more than the 10:1 band gives at its lower edge (100 ÷ 10 = 10), so 10
    is used there; above the edge each band gives its own value (never above it, never less
    than below it)."""
    rules, ratio = _method(rot, "ratio")
    own = method_value(rules, ratio, 40)
    assert not own.held and own.value_mg == pytest.approx(8)
    held = method_value(rules, ratio, 95)
    assert held.held and held.value_mg == pytest.approx(10)
    assert held.band_value_mg == pytest.approx(19)
    above = method_value(rules, ratio, 105)
    assert not above.held and above.value_mg == pytest.approx(10.5)
    own_above = method_value(rules, ratio, 150)
    assert not own_above.held and own_above.value_mg == pytest.approx(15)
    next_edge = method_value(rules, ratio, 250)  # 25 by 10:1, the 15:1 band's 300 ÷ 15 = 20
    assert next_edge.held and next_edge.value_mg == pytest.approx(20)


def test_the_cap_is_applied_after_rounding(rot) -> None:
    rules, ratio = _method(rot, "ratio")
    dose = dose_for(rules, ratio, 1000, 0.0, (2, 4))
    assert dose.capped
    assert dose.daily_mg is not None and ratio.cap is not None and dose.daily_mg <= ratio.cap.mg


def test_a_per_dose_cap_holds_for_an_as_needed_method(rot) -> None:
    rules, fraction = _method(rot, "fraction")
    dose = dose_for(rules, fraction, 400, 0.0, (2, 4))
    assert dose.per_dose_mg == 20 and dose.capped and dose.daily_mg is None


def test_a_dose_below_the_smallest_tablet_is_measured_as_liquid(rot) -> None:
    """0.667 mg per dose is below the 2 mg tablet: measured in the solution's 0.5 mg steps. It
    used to be "liquid 0.666 mg" when no solution step was given (no oral solution sold):
    pharmacist review 7, D2, an unmeasured amount of an unsold product; now that is no dose."""
    rules, ratio = _method(rot, "ratio")
    dose = dose_for(rules, ratio, 20, 0.5, (2, 4), 0.5)
    assert dose.liquid and dose.per_dose_mg == pytest.approx(0.5)
    unsold = dose_for(rules, ratio, 20, 0.5, (2, 4))
    assert not unsold.liquid and unsold.per_dose_mg is None


@pytest.mark.parametrize(
    ("qtc", "code"),
    [(None, "qtc-unknown"), ("500 ms", "qtc-prolonged"), ("445 ms", "qtc-borderline")],
)
def test_qtc_limits(rot, qtc, code) -> None:
    patient = Patient(qtc=qtc) if qtc else Patient()
    warnings = qtc_warnings(rot, rot.tables.rotation.methadone, patient, _methadone(rot))
    assert [w.code for w in warnings] == [code]


def test_a_normal_qtc_gives_no_warning(rot) -> None:
    rules = rot.tables.rotation.methadone
    assert qtc_warnings(rot, rules, Patient(qtc="400 ms"), _methadone(rot)) == []


def _methadone(rot) -> list[DrugUse]:
    drug = rot.drugs[rot.tables.rotation.methadone.drug]
    return [DrugUse(drug, "oral")]
