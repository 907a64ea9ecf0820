"""Cross-tolerance reduction (parsing, bounds, defaults) and rounding down to strengths."""

from __future__ import annotations

import pytest

from mps_pain.domain.regimen import Patient
from mps_pain.domain.rotation.reduction import choose_reduction, find_case
from mps_pain.domain.rotation.requests import parse_reduction
from mps_pain.domain.rotation.rounding import (
    combination,
    floor_significant,
    loss_percent,
    round_down,
    strengths_for,
)
from mps_pain.errors import InputError


@pytest.mark.parametrize(
    ("raw", "expected"), [("25%", 0.25), (0.25, 0.25), ("0.3", 0.3), (0, 0.0), ("0%", 0.0)]
)
def test_a_reduction_is_read_as_a_percentage_or_a_fraction(raw, expected) -> None:
    assert parse_reduction(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", [25, "25", "a lot", True, [0.2]])
def test_an_ambiguous_or_unreadable_reduction_is_refused(raw) -> None:
    with pytest.raises(ValueError):
        parse_reduction(raw)


def test_the_default_is_the_case_default_with_its_reason_and_source(rot) -> None:
    rules = rot.tables.rotation
    red = choose_reduction(
        rot,
        rules,
        find_case(rules, "different_opioid"),
        user_value=None,
        patient=Patient(),
        pain_controlled=None,
    )
    assert red.fraction == pytest.approx(0.2)
    assert "different drugs" in red.reason and red.source == "Source A, case diff"


def test_frail_or_elderly_patients_get_the_larger_default(rot) -> None:
    rules = rot.tables.rotation
    case = find_case(rules, "different_opioid")
    old = choose_reduction(
        rot, rules, case, user_value=None, patient=Patient(age=75), pain_controlled=None
    )
    frail = choose_reduction(
        rot, rules, case, user_value=None, patient=Patient(frail=True), pain_controlled=None
    )
    assert old.fraction == frail.fraction == pytest.approx(0.45)
    same = choose_reduction(
        rot,
        rules,
        find_case(rules, "same_drug"),
        user_value=None,
        patient=Patient(age=75),
        pain_controlled=None,
    )
    assert same.fraction == 0


def test_uncontrolled_pain_uses_no_reduction_and_says_why(rot) -> None:
    # pharmacist review 7, D3: the cited formulary says no reduction (was the case's low end)
    rules = rot.tables.rotation
    red = choose_reduction(
        rot,
        rules,
        find_case(rules, "from_patch"),
        user_value=None,
        patient=Patient(),
        pain_controlled=False,
    )
    assert red.fraction == 0
    assert "uncontrolled" in red.reason


def test_a_user_reduction_outside_the_bounds_names_the_field(rot) -> None:
    rules = rot.tables.rotation
    with pytest.raises(InputError) as caught:
        choose_reduction(
            rot,
            rules,
            find_case(rules, "same_drug"),
            user_value=0.9,
            patient=Patient(),
            pain_controlled=None,
        )
    assert caught.value.location == "reduction"


@pytest.mark.parametrize(
    ("target", "strengths", "total", "units"),
    [
        (137.5, (12.5, 25, 50, 75, 100), 137.5, (100, 25, 12.5)),
        (400, (12.5, 25, 50, 75, 100), 400, (100, 100, 100, 100)),
        (7.4, (2, 4, 8), 6, (4, 2)),
        (1.9, (2, 4, 8), 0, ()),
        (9.99, (5, 10, 20), 5, (5,)),
        (3.9, (1.3, 2.6), 3.9, (2.6, 1.3)),
    ],
)
def test_combinations_reach_the_largest_total_not_above_the_target(
    target, strengths, total, units
) -> None:
    rounded = combination(target, strengths)
    assert rounded.total == pytest.approx(total)
    assert rounded.units == pytest.approx(units)
    assert rounded.total <= target + 1e-9


def test_without_strengths_a_dose_is_floored_to_three_figures() -> None:
    assert floor_significant(18.75) == pytest.approx(18.7)
    assert floor_significant(3.125) == pytest.approx(3.12)
    assert round_down(0.0, None).total == 0
    assert loss_percent(10, 8) == pytest.approx(20)


def test_strengths_come_from_the_market_else_from_one_listed_market_with_a_fallback_flag(
    rot,
) -> None:
    """Without the market's own strengths, one listed market's (the one listing the most), never
    a union of markets (pharmacist review 5, D10)."""
    drug = rot.drugs["gammatane"]
    uk = strengths_for(rot, drug, "patch", "UK")
    assert uk is not None and uk.values == (10, 20, 40) and not uk.fallback
    other = strengths_for(rot, drug, "patch", None)
    assert other is not None and other.values == (10, 20, 40, 80) and other.fallback
    assert other.market == "JP"
    assert other.note and "the strengths of one market, JP" in other.note
    alpha = strengths_for(rot, rot.drugs["alphadone"], "ir", "AU")  # no AU strengths listed
    assert alpha is not None and alpha.values == (5, 10, 20) and alpha.fallback
    assert alpha.note and "no AU strengths" in alpha.note
    assert strengths_for(rot, rot.drugs["alphadone"], "injection", "UK") is None
