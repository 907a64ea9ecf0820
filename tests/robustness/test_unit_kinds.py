"""Units are values: each field kind lists its units; "which mass" and "per what time"."""

from __future__ import annotations

import pytest

from mps_pain.unit_kinds import (
    UnitKind,
    allowed_units,
    check_unit,
    mass_per_day_unit,
    mass_per_hour_unit,
    mass_unit_of,
    strengths_in,
    time_unit_of,
)
from mps_pain.units import UnitParseError


def test_each_kind_publishes_its_units() -> None:
    assert allowed_units(UnitKind.DOSE) == ("mcg", "mg", "g", "mL")
    assert "mg/min" in allowed_units(UnitKind.RATE) and "mL/h" in allowed_units(UnitKind.RATE)
    assert allowed_units(UnitKind.TABLE_RATE) == (
        "mcg/h",
        "mcg/day",
        "mg/h",
        "mg/day",
        "g/h",
        "g/day",
    )
    assert allowed_units(UnitKind.CONCENTRATION) == ("mcg/mL", "mg/mL", "g/mL")


@pytest.mark.parametrize(
    ("text", "kind", "shown"),
    [
        ("ug/hr", UnitKind.RATE, "mcg/h"),
        ("µg", UnitKind.DOSE, "mcg"),
        ("milligram", UnitKind.DOSE, "mg"),
        ("mg/d", UnitKind.DAILY_TOTAL, "mg/day"),
        ("ml/min", UnitKind.KIDNEY_FUNCTION, "mL/min"),
    ],
)
def test_spellings_resolve_by_what_they_are(text: str, kind: UnitKind, shown: str) -> None:
    assert check_unit(text, kind) == shown


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("u", UnitKind.DOSE),  # atomic mass unit
        ("dalton", UnitKind.DOSE),
        ("gr", UnitKind.DOSE),  # grain
        ("kg", UnitKind.DOSE),
        ("L", UnitKind.DOSE),
        ("mg/min", UnitKind.TABLE_RATE),
        ("mg/h/h", UnitKind.RATE),
        ("mg/week", UnitKind.RATE),
        ("zorg", UnitKind.DOSE),
    ],
)
def test_units_outside_a_kind_are_refused_listing_the_allowed(text: str, kind: UnitKind) -> None:
    with pytest.raises(UnitParseError, match=", ".join(allowed_units(kind))):
        check_unit(text, kind)


@pytest.mark.parametrize(
    ("text", "mass", "per"),
    [
        ("mcg/h", "mcg", "h"),
        ("mg/day", "mg", "day"),
        ("ug/hr", "mcg", "h"),
        ("mg/min", "mg", "min"),
        ("mg", "mg", None),
        ("g/d", "g", "day"),
    ],
)
def test_which_mass_and_per_what_time(text: str, mass: str, per: str | None) -> None:
    assert (mass_unit_of(text), time_unit_of(text)) == (mass, per)


def test_a_volume_has_no_mass_unit() -> None:
    with pytest.raises(UnitParseError):
        mass_unit_of("mL/h")
    with pytest.raises(UnitParseError):
        mass_per_hour_unit("mL")
    with pytest.raises(UnitParseError):
        mass_per_day_unit("mL/h")


@pytest.mark.parametrize(
    ("text", "hourly", "daily"),
    [("mcg", "mcg/h", "mcg/day"), ("ug/hr", "mcg/h", "mcg/day"), ("mg/d", "mg/h", "mg/day")],
)
def test_the_same_mass_per_hour_and_per_day(text: str, hourly: str, daily: str) -> None:
    """Rate units are made from the mass pint resolves, never by editing the text."""
    assert (mass_per_hour_unit(text), mass_per_day_unit(text)) == (hourly, daily)
    assert (check_unit(hourly, UnitKind.TABLE_RATE), check_unit(daily, UnitKind.TABLE_RATE)) == (
        hourly,
        daily,
    )


def test_strengths_are_matched_by_dimension_not_by_text() -> None:
    from mps_pain.domain.rotation.rounding import StrengthChoice

    def choice(unit: str) -> StrengthChoice:
        return StrengthChoice(values=(100.0, 200.0), unit=unit, market="UK", source="test")

    assert strengths_in(choice("mcg"), "mg") == (0.1, 0.2)
    assert strengths_in(choice("ug"), "mcg") == (100.0, 200.0)
    assert strengths_in(choice("mcg/h"), "mg") is None  # a patch strength is not a dose
    assert strengths_in(None, "mg") is None
