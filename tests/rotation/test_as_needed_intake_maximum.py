"""Pharmacist re-check 16b, #1 (A10, P24): a PROPOSED order of paracetamol 1 g q6h plus IV
paracetamol 1 g as needed, about 2 doses a day, allows 6 g/day at its own stated count; the check
read it a caution ("Limit the as-needed doses") and the headline "NOT REDUCED", while the same
6 g written as regular doses read DANGER "ABOVE MAXIMUM".

The decision (clinical-sources §3(e)): the JP カロナール label limits the DAY'S TOTAL
(「1日総量として4000mgを限度」) and the program applies 4 g/day to the total by every route, so a
stated number of as-needed doses is intake like a regular dose: an order whose regular plus
as-needed doses at its own stated count pass the maximum permits exceeding it, and is the same
danger. One rule (``proposal_max_dose_warnings``) reads both ways alike in the plan and the check.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rotation.plans import checked, planned

MORPHINE_MR = {
    "drug": "morphine",
    "route": "oral",
    "form": "MR",
    "dose": "30 mg",
    "frequency": "q12h",
}
OXY_MR = {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "q12h"}
_PER_DAY = {"q6h": 4, "q8h": 3, "q12h": 2}


def _para(dose_mg: int, frequency: str) -> dict[str, Any]:
    return {
        "drug": "acetaminophen",
        "route": "oral",
        "dose": f"{dose_mg} mg",
        "frequency": frequency,
    }


def _para_prn(dose_mg: int, count: int) -> dict[str, Any]:
    return {
        "drug": "acetaminophen",
        "route": "iv",
        "dose": f"{dose_mg} mg",
        "prn": True,
        "doses_per_day": count,
    }


def _check(*para: dict[str, Any]) -> dict[str, Any]:
    return checked(
        {
            "from": {"items": [MORPHINE_MR]},
            "proposed": {"items": [OXY_MR, *para]},
            "table": "uk-palliative",
        }
    )


def _maximum(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (w["code"], w["severity"]) for w in result["warnings"] if w["code"].startswith("max-daily")
    ]


def test_p24_an_order_allowing_six_grams_at_its_stated_count_is_above_maximum() -> None:
    result = _check(_para(1000, "q6h"), _para_prn(1000, 2))
    assert result["above_maximum"] is True, result["warnings"]
    warning = next(w for w in result["warnings"] if w["code"] == "max-daily-dose")
    assert warning["severity"] == "danger"
    assert "6000 mg/day" in warning["message"]
    assert "as-needed doses at their stated number" in warning["message"]
    assert "Limit the as-needed doses" not in str(result["warnings"])


def test_a10_the_plan_continuing_six_grams_taken_says_reduce_not_unchanged() -> None:
    plan = planned(
        {
            "from": {"items": [MORPHINE_MR, _para(1000, "q8h"), _para_prn(1000, 3)]},
            "to": {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"},
            "table": "uk-palliative",
        }
    )
    assert ("max-daily-dose", "danger") in _maximum(plan)
    continued = [e["action"] for e in plan["schedule"] if "acetaminophen" in e["action"]]
    assert continued and not any("unchanged" in action for action in continued), continued


@settings(max_examples=25, deadline=None)
@given(
    regular=st.sampled_from([500, 1000]),
    frequency=st.sampled_from(sorted(_PER_DAY)),
    prn_dose=st.sampled_from([500, 1000]),
    count=st.integers(min_value=1, max_value=4),
)
def test_as_needed_doses_at_their_stated_count_read_as_the_same_total_written_regular(
    regular: int, frequency: str, prn_dose: int, count: int
) -> None:
    """Regular + as-needed at the stated count reads exactly as the same total regular: above
    the 4 g/day maximum both are the danger, within it neither is."""
    total = regular * _PER_DAY[frequency] + prn_dose * count
    split = _check(_para(regular, frequency), _para_prn(prn_dose, count))
    written_regular = _check(_para(regular, frequency), _para(prn_dose, f"q{24 // count}h"))
    assert split["above_maximum"] is written_regular["above_maximum"] is (total > 4000)
    assert [s for _, s in _maximum(split) if s == "danger"] == [
        s for _, s in _maximum(written_regular) if s == "danger"
    ]
