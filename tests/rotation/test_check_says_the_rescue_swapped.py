"""Clinician re-check 21b, D6: after the rescue was swapped from alfentanil SC to oxycodone oral
IR beside the same fentanyl patch, the check's first reason still read "This is a dose change,
not a switch (the same drug by the same route)", true of the patch only. A dose change whose
as-needed line is another drug or route says which is the same and what the as-needed line
became (``rescue_swap``), in its reason and its info note alike; the same rescue keeps the
plain words."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.rescue_swap import SAME_DRUG
from mps_pain.services.rotation_service import check_proposal

PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"}
ALFENTANIL = {"drug": "alfentanil", "route": "sc", "prn": True, "dose": "325 mcg",
              "doses_per_day": 0}  # fmt: skip
OXY_IR = {"drug": "oxycodone", "route": "oral", "form": "IR", "prn": True, "dose": "5 mg"}
MORPHINE_SC = {"drug": "morphine", "route": "sc", "prn": True, "dose": "2.5 mg"}
RESCUES = [ALFENTANIL, OXY_IR, MORPHINE_SC]


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]]) -> Any:
    return check_proposal(
        {
            "from": {"items": current},
            "proposed": {"items": proposed},
            "table": "uk-palliative",
            "market": "UK",
        }
    )


def _said(result: Any) -> list[str]:
    notes = [w.message for w in result.warnings if "dose change" in w.message]
    return [r for r in result.reasons if "dose change" in r] + notes


def test_the_reviewers_swapped_rescue_is_said() -> None:
    result = _check([PATCH, ALFENTANIL], [PATCH, OXY_IR])
    said = _said(result)
    assert said and all(SAME_DRUG not in s for s in said), said
    words = "the regular opioid is the same drug by the same route; as needed, alfentanil sc is "
    assert all(f"{words}replaced by oxycodone oral IR" in s for s in said), said


@settings(max_examples=20, deadline=None)
@given(before=st.sampled_from(RESCUES), after=st.sampled_from(RESCUES))
def test_the_headline_says_the_same_drug_only_where_every_line_is(
    before: dict[str, Any], after: dict[str, Any]
) -> None:
    proposed = {k: v for k, v in after.items() if k != "doses_per_day"}
    said = _said(_check([PATCH, {"doses_per_day": 0, **before}], [PATCH, proposed]))
    assert said, "the patch is unchanged: a dose change"
    same = (before["drug"], before["route"]) == (after["drug"], after["route"])
    assert all((SAME_DRUG in s) == same for s in said), said
