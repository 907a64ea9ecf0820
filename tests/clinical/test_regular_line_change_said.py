"""A regular line raised to take in the as-needed doses taken is a change, said as one
(pharmacist review 17, L2).

``check`` of fentanyl IV 50 → 62.5 mcg/h (+25%), with the current boluses (6 × 50 mcg a day)
counted in, read "Current: 1.5 mg/day …; proposed: 1.5 mg/day (+0%) … The proposal keeps the
current daily amount: no change to check", verdict WITHIN. The totals agree, but the infusion
rose by a quarter. Invariant: when a regular line's own amount changes, the check never says the
proposal keeps the current amount; it says the regular line's change, and reads DOSE CHANGE.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.numbers import format_percent
from tests.rotation.plans import checked

KEEPS = "keeps the current daily amount"


def _check(drug: str, route: str, rate: float, bolus: float, count: int, new_rate: float):
    unit = "mcg" if drug == "fentanyl" else "mg"
    current = [
        {"drug": drug, "route": route, "rate": f"{rate} {unit}/h"},
        {"drug": drug, "route": route, "dose": f"{bolus} {unit}", "prn": True,
         "doses_per_day": count},
    ]  # fmt: skip
    proposed = [
        {"drug": drug, "route": route, "rate": f"{new_rate} {unit}/h"},
        {"drug": drug, "route": route, "dose": f"{bolus} {unit}", "prn": True,
         "doses_per_day": "not reported"},
    ]  # fmt: skip
    return checked(
        {"from": {"items": current}, "proposed": {"items": proposed}, "table": "jspm-2010"}
    )


def test_review_17_v3d_the_raised_infusion_is_said() -> None:
    result = _check("fentanyl", "iv", 50, 50, 6, 62.5)
    assert result["verdict"] == "dose_change", result["reasons"]
    said = " ".join(result["reasons"])
    assert KEEPS not in said, said
    assert "+25%" in said and "fentanyl iv" in said, said
    note = next(w for w in result["warnings"] if w["code"] == "dose-change-not-switch")
    assert "The regular line: fentanyl iv injection 1.2 → 1.5 mg/day (+25%)" in note["message"]


@settings(max_examples=40, deadline=None)
@given(
    drug_route=st.sampled_from([("fentanyl", "iv"), ("morphine", "sc"), ("oxycodone", "sc")]),
    step=st.sampled_from([1, 2, 4]),
    bolus_share=st.sampled_from([0.5, 1.0]),
    count=st.integers(min_value=1, max_value=6),
    rise=st.sampled_from([0.1, 0.25, 0.5]),
)
def test_a_changed_regular_line_is_never_said_to_keep_the_amount(
    drug_route: tuple[str, str], step: int, bolus_share: float, count: int, rise: float
) -> None:
    # a rate of 1–4 mg/h (25–100 mcg/h of fentanyl) and a bolus of at most one hour's amount,
    # within the 1/6 rule, so its count may be left unreported
    drug, route = drug_route
    rate = step * 25 if drug == "fentanyl" else step
    result = _check(drug, route, rate, rate * bolus_share, count, rate * (1 + rise))
    said = " ".join(result["reasons"])
    assert KEEPS not in said, said
    assert result["verdict"] != "within", said
    assert f"+{format_percent(rise)}" in said, said
