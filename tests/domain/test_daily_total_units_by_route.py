"""A daily total's unit follows its route (clinician review 3, items 1 and 2): a rate per hour is
a patch or infusion rate, never an oral daily total. One core rule (``daily_total_kind``) that the
regimen model, the CLI, the converter and the editor all use."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mps_pain.domain.regimen import RegimenItem
from mps_pain.unit_kinds import UnitKind, allowed_units, daily_total_kind, listed_units
from tests.cli_runner import run_document


@pytest.mark.parametrize("typed", ["25 mcg/h", "1 mg/h", "0.5 mg/min"])
@pytest.mark.parametrize("route", ["oral", "buccal", "rectal", "sublingual"])
def test_a_rate_per_hour_is_refused_as_a_daily_total_by_mouth(typed: str, route: str) -> None:
    with pytest.raises(ValidationError) as caught:
        RegimenItem.model_validate({"drug": "oxycodone", "route": route, "daily_dose": typed})
    (error,) = caught.value.errors()
    assert error["type"] == "unit_for_route"
    assert error["ctx"]["fields"] == ("daily_dose",)


@pytest.mark.parametrize("typed", ["60 mg/day", "60 mg", "600 mcg/day"])
def test_an_amount_per_day_is_a_daily_total_by_mouth(typed: str) -> None:
    item = RegimenItem.model_validate({"drug": "oxycodone", "route": "oral", "daily_dose": typed})
    assert item.daily_mg_per_day() > 0


@pytest.mark.parametrize("route", ["transdermal", "iv", "sc"])
def test_a_rate_per_hour_stays_a_daily_total_where_the_drug_runs_continuously(route: str) -> None:
    item = RegimenItem.model_validate(
        {"drug": "fentanyl", "route": route, "daily_dose": "25 mcg/h"}
    )
    assert item.daily_mg_per_day() == pytest.approx(0.6)
    assert "mcg/h" in allowed_units(daily_total_kind(route))


def test_the_oral_daily_total_units_are_amounts_per_day() -> None:
    assert all("/h" not in u and "/min" not in u for u in allowed_units(daily_total_kind("oral")))


def test_the_mme_command_refuses_an_oral_daily_total_in_mcg_per_hour() -> None:
    document = {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "25 mcg/h"}]}
    done = run_document("mme", document)
    assert done.returncode != 0
    assert "0.9" not in done.stdout
    assert "mcg/h" in done.stderr and "oral" in done.stderr and "daily total" in done.stderr


@pytest.mark.parametrize("kind", list(UnitKind))
def test_a_fields_list_offers_only_units_of_its_own_dimension(kind: UnitKind) -> None:
    """Clinician review 15, #10: the Daily total's list of a patch row offered mcg/h, a rate in
    a daily-total column. A field's list (``listed_units``) is what it accepts, less what is
    another column's: a daily total offers amounts and amounts per day only, though a rate typed
    on a continuous route is still read (the test above)."""
    listed = listed_units(kind)
    assert listed and set(listed) <= set(allowed_units(kind))
    if kind in (UnitKind.DAILY_TOTAL, UnitKind.DAILY_AMOUNT):
        assert not [u for u in listed if u.endswith(("/h", "/min"))], listed
    for route in ("oral", "transdermal", "iv", "sc"):
        daily = listed_units(daily_total_kind(route))
        assert daily == listed_units(UnitKind.DAILY_AMOUNT), (route, daily)
