"""Clinician review 12, #1: the quick converter proposed "morphine sc injection 16 mg q12h" with no
caution. An injected bolus is not given 12-hourly: the 12- and 24-hourly intervals are those of the
modified-release oral forms (data/form_inference.yaml, ``intervals``: the ``er`` family, cited), and
no drug of the catalogue has a modified-release form by an injected route. No source of the sets
gives the interval of a regular SC/IV bolus, so the rule is the form inference's: an interval only a
modified-release form is given at, by a route with no modified-release form, is refused, naming the
frequency and offering the syringe driver (frequency left empty) or a 4-hourly dose. One function
(``check_interval``) for the planner, the converter (which asks the planner) and the check.
"""

from __future__ import annotations

import pytest

from mps_pain.errors import InputError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CURRENT = {"items": [{"drug": "oxycodone", "route": "oral", "daily_dose": "60 mg/day"}]}
INJECTED = [
    (drug, route)
    for drug in ("morphine", "oxycodone", "hydromorphone", "diamorphine")
    for route in ("sc", "iv")
]


@pytest.mark.parametrize(("drug", "route"), INJECTED)
@pytest.mark.parametrize("frequency", ["q12h", "q24h"])
def test_an_injected_bolus_at_a_modified_release_interval_is_refused(
    drug: str, route: str, frequency: str
) -> None:
    request = {
        "from": CURRENT,
        "to": {"drug": drug, "route": route, "frequency": frequency},
        "table": "uk-palliative",
    }
    with pytest.raises(InputError) as raised:
        plan_rotation(request, tables=TABLES)
    assert raised.value.location == "to.frequency"
    message = raised.value.message
    assert frequency in message and "syringe driver" in message and "q4h" in message


def test_the_converters_request_is_refused_the_same_way() -> None:
    """The converter's request as the clinician typed it: oxycodone oral 60 (q12h) -> morphine s."""
    request = {
        "from": {
            "items": [{"drug": "oxycodone", "route": "oral", "dose": "60 mg", "frequency": "q12h"}]
        },
        "to": {"drug": "morphine", "route": "sc", "frequency": "q12h"},
    }
    with pytest.raises(InputError) as raised:
        plan_rotation(request, tables=TABLES)
    assert raised.value.location == "to.frequency"


@pytest.mark.parametrize("frequency", ["q4h", None])
def test_a_4_hourly_dose_and_the_syringe_driver_are_still_planned(frequency: str | None) -> None:
    to: dict[str, object] = {"drug": "morphine", "route": "sc"}
    to |= {"frequency": frequency} if frequency else {"continuous": True}
    plan = plan_rotation({"from": CURRENT, "to": to, "table": "uk-palliative"}, tables=TABLES)
    assert plan.regimen is not None


def test_the_check_refuses_a_proposed_sc_q12h_line() -> None:
    proposal = {"drug": "morphine", "route": "sc", "dose": "16 mg", "frequency": "q12h"}
    with pytest.raises(InputError) as raised:
        check_proposal(
            {"from": CURRENT, "proposed": {"items": [proposal]}, "table": "uk-palliative"},
            tables=TABLES,
        )
    assert raised.value.location == "proposed.items[0].frequency"


def test_oral_modified_release_q12h_is_still_planned() -> None:
    to = {"drug": "morphine", "route": "oral", "frequency": "q12h"}
    plan = plan_rotation({"from": CURRENT, "to": to, "table": "uk-palliative"}, tables=TABLES)
    assert plan.regimen is not None
