"""Pharmacist re-check 21b, N-1: tramadol ER 200 mg q12h (the 400 mg/day label maximum) with
tramadol IR 50 mg as needed, its count 0, 'not reported' or not given: ``check`` gave no
maximum-dose word at all, while ``rotate`` called the same regimen a DANGER ("Any as-needed dose
of it takes the day above the maximum: choose another breakthrough opioid").

The class: an as-needed line with no dose counted is read by the one rule rotate reads
(``proposal_max_dose_warnings`` with its one dose, ``as_needed_dose``), so the check states its
headroom below the maximum, a danger when there is none, whatever way the count is written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from tests.rotation.plans import checked, planned

FIXTURES = Path(__file__).parent / "fixtures" / "review21b"
AS_NEEDED = "max-daily-dose-as-needed"
_UNCOUNTED: tuple[dict[str, Any], ...] = (
    {"doses_per_day": 0},
    {"doses_per_day": "not reported"},
    {},
)


def _codes(payload: dict[str, Any], severity: str) -> set[str]:
    return {w["code"] for w in payload["warnings"] if w["severity"] == severity}


def _fixture(name: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(next(FIXTURES.glob(f"{name}*.json")).read_text())
    return found


def test_the_reproducers_read_the_danger_rotate_reads() -> None:
    for name in ("T2", "T6", "T7", "chk-L3new-trainee"):
        payload = checked(_fixture(name))
        assert AS_NEEDED in _codes(payload, "danger"), (name, payload["warnings"])
        said = next(w["message"] for w in payload["warnings"] if w["code"] == AS_NEEDED)
        assert "takes the day above the maximum" in said
    assert AS_NEEDED in _codes(planned(_fixture("rot-L3")), "danger")


def _order(regular_mg: int, rescue_mg: int, count: dict[str, Any]) -> dict[str, Any]:
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "form": "MR",
                            "dose": "60 mg", "frequency": "q12h"}]},
        "proposed": {"items": [
            {"drug": "tramadol", "route": "oral", "form": "ER",
             "dose": f"{regular_mg} mg", "frequency": "q12h"},
            {"drug": "tramadol", "route": "oral", "form": "IR",
             "dose": f"{rescue_mg} mg", "prn": True, **count},
        ]},
        "table": "uk-palliative",
        "market": "UK",
    }  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(
    regular=st.sampled_from([100, 150, 175, 200]),
    rescue=st.sampled_from([25, 50, 100]),
    count=st.sampled_from(_UNCOUNTED),
)
def test_an_uncounted_rescue_has_its_headroom_judged(
    regular: int, rescue: int, count: dict[str, Any]
) -> None:
    """No room left to the 400 mg/day maximum for one dose: a danger; room: a caution that
    states how many doses fit; the same whichever way the count is left out."""
    payload = checked(_order(regular, rescue, count))
    room = 400 - 2 * regular
    expected = "danger" if room < rescue else "caution"
    assert AS_NEEDED in _codes(payload, expected), (regular, rescue, count, payload["warnings"])


def test_mme_says_the_same_danger_of_the_regimen() -> None:
    """``mme`` of the regimen (T4: count 0) gives the danger rotate and check give; with room
    for a dose it adds nothing (room for K doses is no finding about what is taken)."""
    document = _fixture("T4")
    codes = {(w.code, w.severity) for w in calculate_mme(document).warnings}
    assert (AS_NEEDED, "danger") in codes, codes
    document["items"][0]["dose"] = "150 mg"
    assert AS_NEEDED not in {w.code for w in calculate_mme(document).warnings}
