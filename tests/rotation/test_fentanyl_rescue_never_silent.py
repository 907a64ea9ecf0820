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
    payload = checked(_fixture(name))
    assert RESCUE_NOT_SIZED in _named(payload["warnings"]), payload["warnings"]


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
