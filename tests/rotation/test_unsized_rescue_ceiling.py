"""Pharmacist re-check 21b, N-2, the lead's decision: a rescue no source of the set sizes (a
fentanyl rescue outside a JSPM infusion's bolus) is still bounded by the program's own danger
ceiling, the one rule of every rescue (``rescue_danger.above_danger``: more than twice 1/6 of
the WHOLE regular 24-h dose, valued in OME under the set). 1000 mcg SC fentanyl beside morphine
SC 30 mg/24 h (k/A17, 15 times 1/6) read "WITHIN + caution"; above the ceiling the check reads
``rescue_above`` with DANGER, and ``mme`` and ``rotate`` give the same danger, not the caution.
Under the ceiling the not-sized caution stays (``test_fentanyl_rescue_never_silent``).
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from mps_pain.domain.rotation.rescue_unsized import RESCUE_NOT_SIZED
from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from tests.rotation.plans import checked, planned

# each about 60 mg/day OME: 1/6 of it is 10 mg OME, at least 50 mcg of parenteral fentanyl
# under every set (at most 0.2 mg OME per mcg), so the ceiling (twice that) is at least 100 mcg
# and at most 2 x 10 / 0.1 = 200 mcg (at least 0.1 mg OME per mcg): 25 mcg lies under every
# ceiling and 500 mcg above every one
_REGULAR = [
    {"drug": "morphine", "route": "sc", "rate": "30 mg/24h"},
    {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "q12h"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "fentanyl", "route": "iv", "rate": "12.5 mcg/h"},
]
_ABOVE = [500, 1000, 2000]
_UNDER = [12, 25]
_TO = {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}


def _rescue(mcg: int, route: str, count: Any) -> dict[str, Any]:
    return {"drug": "fentanyl", "route": route, "dose": f"{mcg} mcg", "prn": True,
            "doses_per_day": count}  # fmt: skip


def _by_bolus(regular: dict[str, Any], table: str) -> bool:
    """The set's own bolus sizes it (``test_fentanyl_rescue_beside_a_jspm_infusion``)."""
    return table == "jspm-2010" and regular["route"] == "iv"


def _dangers(warnings: list[Any]) -> list[Any]:
    return [
        w for w in warnings
        if (w["code"] if isinstance(w, dict) else w.code) == RESCUE_OUTSIDE_RULE
        and (w["severity"] if isinstance(w, dict) else w.severity) == "danger"
    ]  # fmt: skip


def _codes(warnings: list[Any]) -> set[str]:
    return {w["code"] if isinstance(w, dict) else w.code for w in warnings}


def _check(regular: dict[str, Any], rescue: dict[str, Any], table: str) -> dict[str, Any]:
    document = {"from": {"items": [regular]}, "proposed": {"items": [regular, rescue]},
                "table": table}  # fmt: skip
    try:
        return checked(document)
    except MpsPainError:  # refused in its own words (a count asked for): not silent
        assume(False)
        raise


@settings(max_examples=40, deadline=None)
@given(
    regular=st.sampled_from(_REGULAR),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    mcg=st.sampled_from(_ABOVE),
    count=st.sampled_from([0, 1, 6, "not reported"]),
)
def test_above_the_ceiling_the_check_is_a_danger_never_within(
    regular: dict[str, Any], table: str, mcg: int, count: Any
) -> None:
    assume(not _by_bolus(regular, table))
    payload = _check(regular, _rescue(mcg, "sc", count), table)
    said = (regular, table, mcg, count, payload["verdict"])
    assert payload["verdict"] != "within", said
    above = payload["rescues_above"]
    assert above and all(r["danger"] and not r["sized"] for r in above), said
    assert above[0]["times"] > 2, said
    assert _dangers(payload["warnings"]), said
    assert RESCUE_NOT_SIZED not in _codes(payload["warnings"]), said  # the danger, not both


@settings(max_examples=30, deadline=None)
@given(
    regular=st.sampled_from(_REGULAR),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    mcg=st.sampled_from(_UNDER),
    count=st.sampled_from([0, 1, "not reported"]),
)
def test_under_the_ceiling_the_check_says_not_sized(
    regular: dict[str, Any], table: str, mcg: int, count: Any
) -> None:
    assume(not _by_bolus(regular, table))
    payload = _check(regular, _rescue(mcg, "sc", count), table)
    said = (regular, table, mcg, count, payload["verdict"])
    assert not payload["rescues_above"] and not _dangers(payload["warnings"]), said
    assert RESCUE_NOT_SIZED in _codes(payload["warnings"]), said


# mme and rotate judge a regimen's rescue under the planner's default set (uk-palliative), which
# values these regular lines (not an IV fentanyl infusion: no factor, the not-sized caution)
_VALUED = _REGULAR[:3]


@settings(max_examples=20, deadline=None)
@given(
    regular=st.sampled_from(_VALUED),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
    mcg=st.sampled_from(_ABOVE),
    count=st.sampled_from([0, 1]),
)
def test_above_the_ceiling_mme_and_rotate_give_the_danger(
    regular: dict[str, Any], table: str, mcg: int, count: int
) -> None:
    items = [regular, _rescue(mcg, "sc", count)]
    try:  # refused in its own words (no factor in the set, an implausible dose): not silent
        mme = list(calculate_mme({"items": items, "table": table}).warnings)
        plan = planned({"from": {"items": items}, "to": _TO, "table": table})
    except MpsPainError:
        assume(False)
        raise
    assert _dangers(mme) and RESCUE_NOT_SIZED not in _codes(mme), (regular, table, mcg)
    warnings = plan["warnings"]
    assert _dangers(warnings) and RESCUE_NOT_SIZED not in _codes(warnings), (regular, table)


def test_the_reviewers_1000_mcg_beside_morphine_sc_30_mg_a_day() -> None:
    """k/A17: 1000 mcg is 15 times 1/6 of 400 mcg a day (60 mg/day OME as fentanyl SC)."""
    regular = {"drug": "morphine", "route": "sc", "form": "injection", "rate": "30 mg/24 h"}
    payload = _check(regular, _rescue(1000, "sc", 0), "uk-palliative")
    above = payload["rescues_above"][0]
    assert payload["verdict"] == "rescue_above" and above["danger"]
    assert abs(above["danger_top_mg"] - 0.4 / 6) < 1e-6 and abs(above["times"] - 15) < 1e-6
