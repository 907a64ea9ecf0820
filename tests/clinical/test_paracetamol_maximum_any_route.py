"""Pharmacist re-check 15b, #3 (high): paracetamol 6 g/day IV, 6 g/day rectal, or 3 g oral + 3 g
IV read WITHIN in `check`, with no warning in `rotate` or `mme`: every cited maximum was
written for the oral route only, and a proposal's advisory limit was never said. The NCCN limit
for chronic use in adult cancer pain (≤3 g/day, clinical-sources §3(e)) is a daily total
whatever the route; the tables now say so, the one maximum-dose rule sums the drug across its
routes, and a proposal says the advisory as `mme` does. (The labels' 4 g/day, once applied to
the oral route only, is now a total by every route too: re-check 16, #1.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

RECHECK = Path(__file__).parent / "fixtures" / "recheck15b"
PARACETAMOL = ("acetaminophen", "paracetamol")  # as the reviewer wrote each file


def _three_and_a_half_grams(name: str) -> dict[str, object]:
    """The reviewer's document with the day's paracetamol at 3.5 g (above NCCN's 3 g, within
    the 4 g maximum): 6 g is now above the maximum itself (re-check 16, #1,
    test_paracetamol_total_by_every_route.py), so the advisory is said below it."""
    document = json.loads((RECHECK / name).read_text())
    items = [i for i in document["proposed"]["items"] if i["drug"] not in PARACETAMOL]
    routes = {i["route"] for i in document["proposed"]["items"] if i["drug"] in PARACETAMOL}
    share = 3500 // len(routes)
    for route in sorted(routes):
        items.append({"drug": "acetaminophen", "route": route, "daily_dose": f"{share} mg"})
    document["proposed"]["items"] = items
    return document


@pytest.mark.parametrize(
    "name", ["K-para-iv-6g.json", "K-para-rectal-6g.json", "K-para-oral3g-iv3g.json"]
)
def test_above_three_grams_by_any_route_is_said_against_the_nccn_limit(name: str) -> None:
    document = _three_and_a_half_grams(name)
    done = run_cli("check", "--json", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    warnings = json.loads(done.stdout)["warnings"]
    advisory = [w for w in warnings if w["code"] == "advisory-daily-limit"]
    assert advisory and "3500 mg/day" in advisory[0]["message"], warnings
    assert "3000 mg/day" in advisory[0]["message"] and "NCCN" in (advisory[0]["source"] or "")
    assert "within the maximum of 4000 mg/day" in advisory[0]["message"]
