"""Pharmacist re-check 16b, #2 (high): a rescue beside proposed methadone (oxycodone IR 10–13 mg
as needed beside methadone 5 mg q8h) was set aside as "within the breakthrough rule" with no
caution: its size was judged as 1/6 of methadone's OME a day under the set, an equivalence no
source gives for a rescue, and the switching plan itself gives no breakthrough dose on methadone
(it is agreed with the specialist). Such a rescue is an order the check cannot judge: it is
still not summed, and a caution says it is not judged and who agrees it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

RECHECK = Path(__file__).parent / "fixtures" / "recheck16b"


@pytest.mark.parametrize("name", ["P21-methadone-oxy10-notrep.json", "P23-methadone-oxy12.json"])
def test_a_rescue_beside_methadone_is_not_judged_and_says_so(name: str) -> None:
    done = run_cli("check", "--json", str(RECHECK / name))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    unjudged = [w for w in result["warnings"] if w["code"] == "rescue-not-judged"]
    assert unjudged and unjudged[0]["severity"] == "caution", result["warnings"]
    assert "specialist" in unjudged[0]["message"] and "row 2" in unjudged[0]["message"]
    assert not any("judged by the breakthrough rule" in r for r in result["reasons"])


def test_a_rescue_beside_another_opioid_is_still_judged() -> None:
    document = json.loads((RECHECK / "P21-methadone-oxy10-notrep.json").read_text())
    document["proposed"]["items"][0] = {
        "drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"
    }  # fmt: skip
    document["proposed"]["items"][1]["dose"] = "5 mg"  # within 1/6 of 60 mg/day OME
    done = run_cli("check", "--json", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert not [w for w in result["warnings"] if w["code"] == "rescue-not-judged"]
