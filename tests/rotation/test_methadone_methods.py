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


def test_above_a_band_edge_the_dose_is_held_at_the_top_of_the_band_below(rot) -> None:
    """A band edge never lowers the dose (pharmacist review 7, D4): the fixture's 10:1 band gives
    10.5 at 105, below the 5:1 band's top (100 ÷ 5 = 20), so 20 is used until 10:1 reaches it."""
    rules, ratio = _method(rot, "ratio")
    below = method_value(rules, ratio, 95)
    assert not below.held and below.value_mg == pytest.approx(19)
    held = method_value(rules, ratio, 105)
    assert held.held and held.value_mg == pytest.approx(20)
    assert held.band_value_mg == pytest.approx(10.5)
    caught_up = method_value(rules, ratio, 250)
    assert not caught_up.held and caught_up.value_mg == pytest.approx(25)


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
    rules, ratio = _method(rot, "ratio")
    dose = dose_for(rules, ratio, 20, 0.5, (2, 4))
    assert dose.liquid and dose.per_dose_mg == pytest.approx(0.666, abs=0.001)


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
