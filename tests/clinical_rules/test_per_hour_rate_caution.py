"""Clinician re-check 19b, R1: SC morphine "20 mg/h" is 480 mg over 24 h (960 OME a day) and was
kept with an EMPTY warnings list, while the plausibility row flags from 500 mg/day and refuses
from 1 g/day. A prescriber who writes a syringe driver's 24-h amount and picks mg/h gives 24
times the dose. An IV or SC rate written per hour whose 24-h amount is above half the drug's
flagged amount, and whose number read as a 24-h amount would be an ordinary dose, gets a
caution ("check the unit: 20 mg/h … is 480 mg over 24 h"): kept and counted, never refused.

The rule is the data's ``per_hour_rate_check`` (a software rule, cited as such); one function
(``domain/per_hour_rate.py``) run on every row as it is read, so ``mme``, ``rotate``'s current
regimen, ``check`` (current and proposed rows) and the app say it alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.normalise import normalise_item
from mps_pain.domain.per_hour_rate import PER_HOUR_SLIP
from mps_pain.domain.regimen import RegimenItem
from mps_pain.errors import ImplausibleAmountError
from mps_pain.presentation.warning_titles import warning_title
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.loader import get_tables
from mps_pain.unit_kinds import INFUSION_ROUTES
from tests.clinical.helpers import codes, oxycodone_oral, run_json

TABLES = get_tables()
SC_MORPHINE = {"drug": "morphine", "route": "sc", "form": "injection"}


def _cautions(result: Any) -> list[Any]:
    return [w for w in result.warnings if w.code == PER_HOUR_SLIP]


def test_the_reviewers_20_mg_h_gets_the_caution_and_is_still_counted() -> None:
    result = calculate_mme({"items": [SC_MORPHINE | {"rate": "20 mg/h"}]}, table_id="uk-palliative")
    assert result.total_mme_per_day == 960  # kept and counted: a caution, not a refusal
    (said,) = _cautions(result)
    assert said.severity == "caution" and said.item == 0
    assert said.message.startswith(
        "Row 1: check the unit: 20 mg/h of morphine (sc) is 480 mg over 24 h."
    ), said.message
    assert "write 20 mg/24 h" in said.message
    assert "Software rule" not in said.message and said.source
    assert warning_title(PER_HOUR_SLIP) != PER_HOUR_SLIP


@pytest.mark.parametrize("rate", ["20 mg/24 h", "480 mg/24 h", "480 mg/day", "10 mg/h"])
def test_a_rate_per_24_hours_or_an_ordinary_hourly_rate_gets_none(rate: str) -> None:
    """The same 480 mg written per 24 h was written as meant; 10 mg/h (240 mg/24 h) is below
    half the flag (250 mg/24 h)."""
    result = calculate_mme({"items": [SC_MORPHINE | {"rate": rate}]}, table_id="uk-palliative")
    assert not _cautions(result), [w.message for w in result.warnings]


def test_a_pump_rate_by_volume_names_its_volume_and_concentration() -> None:
    item = SC_MORPHINE | {"rate": "2 mL/h", "concentration": "10 mg/mL"}
    (said,) = _cautions(calculate_mme({"items": [item]}, table_id="uk-palliative"))
    assert "check the unit: 2 mL/h (10 mg/mL) of morphine (sc) is 480 mg over 24 h" in said.message
    assert "write 2 mL/24 h" in said.message


def test_every_command_says_it(tmp_path: Path, capsys: Any) -> None:
    """The reviewer's row in ``mme``, as ``rotate``'s current regimen, and in ``check`` both as
    the current row and as the proposed row ("Proposed row 1: …")."""
    row = SC_MORPHINE | {"rate": "20 mg/h"}
    target = {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"}
    mme = run_json("mme", {"items": [row], "table": "uk-palliative"}, tmp_path, capsys)
    rotate = run_json(
        "rotate", {"from": {"items": [row]}, "to": target, "table": "uk-palliative"}, tmp_path,
        capsys,
    )  # fmt: skip
    check_now = run_json(
        "check",
        {"from": {"items": [row]}, "proposed": {"items": [oxycodone_oral(640)]},
         "table": "uk-palliative"},
        tmp_path, capsys,
    )  # fmt: skip
    check_new = run_json(
        "check",
        {"from": {"items": [SC_MORPHINE | {"rate": "8 mg/h"}]}, "proposed": {"items": [row]},
         "table": "uk-palliative"},
        tmp_path, capsys,
    )  # fmt: skip
    for payload in (mme, rotate, check_now):
        assert codes(payload).get(PER_HOUR_SLIP) == "caution", payload["warnings"]
    said = [w for w in check_new["warnings"] if w["code"] == f"proposed-{PER_HOUR_SLIP}"]
    assert said and said[0]["message"].startswith("Proposed row 1: check the unit: 20 mg/h")
    assert PER_HOUR_SLIP not in codes(check_new)  # the current 8 mg/h (192 mg/24 h) is not


# --- the property: drugs × infusion routes × rates ------------------------------------------

_ROWS = [
    (drug, route, bound)
    for drug in TABLES.tables.drugs
    for bound in drug.plausibility
    for route in (bound.routes or drug.routes)
    if route in drug.routes and route in INFUSION_ROUTES and bound.flag_above is not None
]
_FRACTION = TABLES.tables.per_hour_rate_check.fraction_of_flag  # type: ignore[union-attr]


def test_the_rule_covers_every_opioid_given_by_infusion() -> None:
    opioids = {d.id for d in TABLES.tables.drugs if d.is_opioid and set(d.routes) & {"iv", "sc"}}
    assert opioids <= {drug.id for drug, _route, _bound in _ROWS}
    assert 0 < _FRACTION < 1
    for drug, route, bound in _ROWS:  # any number the caution meets is ordinary per 24 h
        flag = bound.flag_above.to("mg/day")
        floor = bound.refuse_below.to("mg/day") if bound.refuse_below else 0.0
        assert bound.refuse_above.to("mg/day") / 24 <= flag, (drug.id, route)
        assert _FRACTION * flag / 24 >= floor, (drug.id, route)


@settings(max_examples=200, deadline=None)
@given(
    row=st.sampled_from(_ROWS),
    share=st.floats(0.001, 1.2),
    unit=st.sampled_from(["mg/h", "mcg/h", "mL/h", "mg/24 h", "mcg/24 h"]),
)
def test_a_caution_exactly_when_an_hourly_rate_is_above_half_the_flag(
    row: Any, share: float, unit: str
) -> None:
    """For every drug and infusion route with a flag, a rate at ``share`` of the refusal
    ceiling, written in ``unit``: refused only above the ceiling; otherwise counted as written
    and cautioned exactly when written per hour with its 24-h amount above half the flag. Per
    24 hours, never."""
    drug, route, bound = row
    daily = share * bound.refuse_above.to("mg/day")  # mg over 24 h
    mass = "mcg" if unit.startswith("mcg") else "mg"
    per_hour = unit.endswith("/h")
    number = daily / 24 if per_hour else daily
    number *= 1000 if mass == "mcg" else 1
    fields: dict[str, Any] = {"rate": {"value": number, "unit": unit.replace(" ", "")}}
    if unit == "mL/h":  # 5 mg/mL: the volume is a fifth of the mass
        fields = {"rate": {"value": daily / 24 / 5, "unit": "mL/h"}, "concentration": "5 mg/mL"}
    item = RegimenItem.model_validate({"drug": drug.id, "route": route, **fields})
    try:
        read = normalise_item(TABLES, 0, item)
    except ImplausibleAmountError:
        assert share > 0.999 or daily < 1.001 * bound.refuse_below.to("mg/day"), (drug.id, daily)
        return
    assert read.daily_mg_per_day == pytest.approx(daily, rel=1e-9)
    cautioned = [n for n in read.notes if n.code == PER_HOUR_SLIP]
    above = daily > _FRACTION * bound.flag_above.to("mg/day") * (1 + 1e-9)
    below = daily < _FRACTION * bound.flag_above.to("mg/day") * (1 - 1e-9)
    if per_hour and above:
        assert len(cautioned) == 1 and cautioned[0].severity == "caution", (drug.id, daily)
    elif not per_hour or below:
        assert not cautioned, (drug.id, route, daily, unit)


@pytest.mark.parametrize("per_hour", ["1 mg/h", "2 mg/h"])
def test_alfentanil_per_hour_is_cautioned_as_the_other_injected_opioids(per_hour: str) -> None:
    """Pharmacist re-check 20b, H-1: SC alfentanil typed 1–2 mg/h (24–48 mg over 24 h, 720–1440
    mg/day OME at the cited 30:1) had no word: its flag sat at 200 mg/day, not where the other
    injected opioids' sits (1000 mg/day OME at the cited factor)."""
    document = {"items": [{"drug": "alfentanil", "route": "sc", "rate": per_hour}]}
    result = calculate_mme(document, table_id="uk-palliative")
    assert any(w.code == PER_HOUR_SLIP for w in result.warnings), result.warnings
