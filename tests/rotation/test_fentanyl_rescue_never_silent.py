"""Pharmacist re-check 21b, N-2 (and the silent half of N-3): a fentanyl rescue no source of the
set sizes read a plain WITHIN with no word, up to 1000 mcg SC beside morphine SC 30 mg/24 h
(k/A10, A11, A14, A16, A17, A19), and ``mme``/``rotate`` said nothing of one beside a JSPM
infusion (v/X1-X3). Now every command names it: judged by the set's bolus where the set has one
(``rescue_bolus``), else the caution that it is not sized (``rescue_unsized``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from mps_pain.domain.rotation.rescue_unsized import RESCUE_NOT_SIZED
from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from tests.rotation.plans import checked, planned

FIXTURES = Path(__file__).parent / "fixtures" / "review21b"
NAMED = {RESCUE_NOT_SIZED, RESCUE_OUTSIDE_RULE}


def _fixture(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(next(FIXTURES.glob(f"{name}-*.json")).read_text())
    return found


def _named(warnings: list[Any]) -> set[str]:
    codes = {w["code"] if isinstance(w, dict) else w.code for w in warnings}
    return codes & NAMED


@pytest.mark.parametrize("name", ["A10", "A11", "A14", "A16", "A17", "A19"])
def test_the_checks_name_the_rescue(name: str) -> None:
    """Each of the reviewer's doses lies above the program's danger ceiling (more than twice
    1/6 of the whole regular dose: 3.75 to 15 times 1/6), so it is now a danger, not the
    not-sized caution (the lead's decision on N-2, ``test_unsized_rescue_ceiling``)."""
    payload = checked(_fixture(name))  # A14's amount is not reduced: that verdict is kept
    assert payload["verdict"] in {"rescue_above", "not_reduced"}, payload["reasons"]
    above = payload["rescues_above"][0]
    assert above["danger"] and not above["sized"], above
    assert _named(payload["warnings"]) == {RESCUE_OUTSIDE_RULE}, payload["warnings"]


@pytest.mark.parametrize("name", ["A10", "A11", "A14", "A16", "A17", "A19"])
def test_under_the_ceiling_the_checks_say_not_sized(name: str) -> None:
    """25 mcg, under every one of these ceilings (the least is twice 37.5 mcg, A19): the
    caution that it is not sized, no rescue_above."""
    document = _fixture(name)
    document["proposed"]["items"][1]["dose"] = "25 mcg"
    payload = checked(document)
    assert payload["verdict"] != "rescue_above" and not payload["rescues_above"]
    assert _named(payload["warnings"]) == {RESCUE_NOT_SIZED}, payload["warnings"]


@pytest.mark.parametrize("name", ["X1", "X2"])
def test_mme_names_the_rescue(name: str) -> None:
    assert _named(list(calculate_mme(_fixture(name)).warnings))


def test_rotate_names_the_current_rescue() -> None:
    assert _named(planned(_fixture("X3"))["warnings"])


_REGULAR = [
    {"drug": "morphine", "route": "sc", "rate": "30 mg/24h"},
    {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "q12h"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "fentanyl", "route": "iv", "rate": "12.5 mcg/h"},
]


@settings(max_examples=30, deadline=None)
@given(
    regular=st.sampled_from(_REGULAR),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    mcg=st.sampled_from([12, 25, 100, 250, 1000]),
    route=st.sampled_from(["sc", "iv"]),
    count=st.sampled_from([0, "not reported"]),
)
def test_no_fentanyl_rescue_order_reads_within_without_a_word(
    regular: dict[str, Any], table: str, mcg: int, route: str, count: Any
) -> None:
    rescue = {"drug": "fentanyl", "route": route, "dose": f"{mcg} mcg", "prn": True,
              "doses_per_day": count}  # fmt: skip
    document = {"from": {"items": [regular]}, "proposed": {"items": [regular, rescue]},
                "table": table}  # fmt: skip
    try:
        payload = checked(document)
    except MpsPainError:  # refused, in its own words (no factor, a count needed): not silent
        return
    by_bolus = table == "jspm-2010" and "rate" in regular and regular["route"] != "transdermal"
    if by_bolus:  # the set's own bolus sizes it (test_fentanyl_rescue_beside_a_jspm_infusion)
        return
    said = _named(payload["warnings"]) or payload.get("rescues_above")
    assert said, (regular, table, mcg, route, count, payload["verdict"])
