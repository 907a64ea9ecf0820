"""Pharmacist re-check 15b, #3 (high): paracetamol 6 g/day IV, 6 g/day rectal, or 3 g oral + 3 g
IV read WITHIN in `check`, with no warning in `rotate` or `mme`: every cited maximum was
written for the oral route only, and a proposal's advisory limit was never said. The NCCN limit
for chronic use in adult cancer pain (≤3 g/day, clinical-sources §3(e)) is a daily total
whatever the route; the tables now say so, the one maximum-dose rule sums the drug across its
routes, and a proposal says the advisory as `mme` does. The label maxima (4 g/day) are the oral
products' labels: no IV or rectal maximum is in the reviewed sources, so none is invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

RECHECK = Path(__file__).parent / "fixtures" / "recheck15b"


@pytest.mark.parametrize(
    "name", ["K-para-iv-6g.json", "K-para-rectal-6g.json", "K-para-oral3g-iv3g.json"]
)
def test_six_grams_by_any_route_is_said_against_the_nccn_limit(name: str) -> None:
    done = run_cli("check", "--json", str(RECHECK / name))
    assert done.returncode == 0, done.stderr
    warnings = json.loads(done.stdout)["warnings"]
    advisory = [w for w in warnings if w["code"] == "advisory-daily-limit"]
    assert advisory and "6000 mg/day" in advisory[0]["message"], warnings
    assert "3000 mg/day" in advisory[0]["message"] and "NCCN" in (advisory[0]["source"] or "")
