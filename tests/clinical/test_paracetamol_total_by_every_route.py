"""Pharmacist re-check 16, #1 (high): paracetamol 6 g/day IV or rectal (or 3 g oral + 3 g IV)
read "within the label maximum" (an info), and a plan continued "acetaminophen iv … 6000 mg/day
unchanged"; `mme` called 10 g/day IV + rectal "within the label maximum". The only maxima in the
tables were the oral labels' (US OTC monograph, JP カロナール), so a total by another route met
no maximum at all, and the advisory's words claimed one it had not met.

The labels' 4 g/day guards the liver whatever the route (the US row already says to count
acetaminophen in combination products too), so the tables now apply it to the total by every
route and in every market (a derived use of the cited number, said in its note; no IV or
rectal label is in the reviewed sources, and no new number is written). And the advisory says
"within the maximum" only when a maximum was met."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli_runner import run_cli

RECHECK = Path(__file__).parent / "fixtures" / "recheck15b"
ROUTES = {"oral": "oral", "iv": "iv", "rectal": "rectal"}


def _mme(items: list[dict[str, object]], market: str | None = None) -> dict[str, object]:
    document: dict[str, object] = {"table": "uk-palliative", "items": items}
    if market is not None:
        document["market"] = market
    done = run_cli("mme", "--json", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _apap(route: str, grams_a_day: int) -> dict[str, object]:
    return {"drug": "acetaminophen", "route": route, "daily_dose": f"{grams_a_day * 1000} mg"}


@pytest.mark.parametrize(
    "name", ["K-para-iv-6g.json", "K-para-rectal-6g.json", "K-para-oral3g-iv3g.json"]
)
def test_six_grams_by_any_route_is_a_danger_in_check(name: str) -> None:
    done = run_cli("check", "--json", str(RECHECK / name))
    assert done.returncode == 0, done.stderr
    warnings = json.loads(done.stdout)["warnings"]
    over = [w for w in warnings if w["code"] == "max-daily-dose"]
    assert over and over[0]["severity"] == "danger", warnings
    assert "6000 mg/day" in over[0]["message"] and "4000 mg/day" in over[0]["message"]
    assert not any("within the" in w["message"] for w in warnings), warnings


def test_a_plan_never_continues_six_grams_iv_unchanged() -> None:
    done = run_cli("rotate", "--json", str(RECHECK / "S6-01-para-iv-6g-to-csci.json"))
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    lines = [entry["action"] for entry in plan["schedule"]]
    paracetamol = [line for line in lines if "acetaminophen" in line.lower()]
    assert paracetamol and not any("unchanged" in line for line in paracetamol), lines
    over = [w for w in plan["warnings"] if w["code"] == "max-daily-dose"]
    assert over, plan["warnings"]
    assert "US label" not in over[0]["message"]  # a UK plan, IV: no label of another market


@given(
    doses=st.lists(
        st.tuples(st.sampled_from(sorted(ROUTES)), st.integers(min_value=1, max_value=5)),
        min_size=1,
        max_size=3,
    ),
    market=st.sampled_from([None, "US", "JP", "UK", "AU"]),
)
def test_the_total_by_every_route_meets_the_maximum(
    doses: list[tuple[str, int]], market: str | None
) -> None:
    """Above 4 g/day by any mix of routes, in any market: above the maximum; at or below it, no
    warning says a maximum was met that was not."""
    items = [_apap(route, grams) for route, grams in doses]
    total = sum(grams for _, grams in doses) * 1000
    warnings = _mme(items, market)["warnings"]
    over = [w for w in warnings if w["code"] == "max-daily-dose"]
    if total > 4000:
        assert over, (doses, market, warnings)
    else:
        assert not over, (doses, market, warnings)
    for warning in warnings:
        if "within the" in warning["message"]:
            assert total <= 4000, warning
