"""Pharmacist re-check 16b, #8 (A05, A06): a UK plan took its maxima from JP labels (naproxen
600 mg/day from the Naixan label, below the UK licensed dose; gabapentin "(JP label)"; pregabalin
cited to the JP Lyrica label). A plan and a check are judged by the maxima of their own market
(the one asked for, else the set's, as the strengths are chosen); where the tables hold no
maximum of that market, the plan says so (``max-daily-dose-not-in-market``) instead of borrowing
another country's. Pregabalin's renal bands are the same in every reviewed source (JP label, US
label as quoted, NZ palliative sheet): one entry for every market cites them all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.tables.index import TableIndex
from tests.rotation.plans import checked, planned

FIXTURES = Path(__file__).parent / "fixtures"
MORPHINE_MR = {
    "drug": "morphine",
    "route": "oral",
    "form": "MR",
    "dose": "30 mg",
    "frequency": "q12h",
}
OXY_MR = {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}
EGFR_90 = {"egfr": 90}
_SETS = {"uk-palliative": "UK", "fpm-2021": "AU", "jspm-2010": "JP"}
_LIMITED = ["acetaminophen", "naproxen", "loxoprofen", "pregabalin", "gabapentin", "duloxetine"]


def _maximum(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in result["warnings"] if w["code"].startswith("max-daily-dose")]


def test_a05_a_uk_plan_names_no_jp_label_and_says_naproxen_has_no_uk_maximum() -> None:
    plan = planned(json.loads((FIXTURES / "A05-naproxen-egfr20-to-oxy.json").read_text()))
    said = json.dumps(_maximum(plan), ensure_ascii=False)
    assert "(JP label)" not in said and "label (JP)" not in said and "Naixan" not in said, said
    codes = {(w["code"], w["message"].split(":")[0]) for w in _maximum(plan)}
    assert ("max-daily-dose-not-in-market", "Naproxen") in codes, codes
    assert ("max-daily-dose", "Pregabalin") in codes, codes  # the same bands in every source
    line = next(e["action"] for e in plan["schedule"] if "naproxen" in e["action"])
    assert line.startswith("Review naproxen"), line


def test_a06_a_uk_plan_does_not_judge_gabapentin_by_the_jp_label() -> None:
    plan = planned(json.loads((FIXTURES / "A06-gaba-renal-to-sc.json").read_text()))
    found = [w for w in _maximum(plan) if w["message"].startswith("Gabapentin")]
    assert [w["code"] for w in found] == ["max-daily-dose-not-in-market"], found
    assert "renal function" in found[0]["message"]
    assert "JP" not in json.dumps(found, ensure_ascii=False)


def test_a_jp_plan_still_judges_naproxen_by_its_own_label() -> None:
    document = json.loads((FIXTURES / "A05-naproxen-egfr20-to-oxy.json").read_text())
    plan = planned({**document, "table": "jspm-2010"})
    over = [w for w in _maximum(plan) if w["message"].startswith("Naproxen")]
    assert [w["code"] for w in over] == ["max-daily-dose"] and "(JP label)" in over[0]["message"]


def _over_maximum_item(tables: TableIndex, drug_id: str) -> dict[str, Any]:
    """A bid dose of the drug at 1.5× its highest cited maximum: above every maximum."""
    highest = max(float(lim.dose.to("mg/day")) for lim in tables.drugs[drug_id].max_daily)
    return {"drug": drug_id, "route": "oral", "dose": f"{highest * 0.75:g} mg", "frequency": "bid"}


@pytest.mark.parametrize("set_id", sorted(_SETS))
@pytest.mark.parametrize("drug_id", _LIMITED)
@pytest.mark.parametrize("how", ["plan", "check"])
def test_plan_and_check_cite_only_their_own_markets_labels(
    tables: TableIndex, set_id: str, drug_id: str, how: str
) -> None:
    """For every co-medication with a cited maximum and every set with a market, in the plan and
    the check: no maximum warning cites a limit of another market; a drug with no limit for the
    market (or for every market) is said to have none."""
    market = _SETS[set_id]
    item = _over_maximum_item(tables, drug_id)
    if how == "plan":
        result = planned(
            {
                "from": {"items": [MORPHINE_MR, item]},
                "to": OXY_MR,
                "table": set_id,
                "patient": EGFR_90,
            }
        )
    else:
        proposed = [{**OXY_MR, "dose": "15 mg"}, item]
        result = checked(
            {
                "from": {"items": [MORPHINE_MR]},
                "proposed": {"items": proposed},
                "table": set_id,
                "patient": EGFR_90,
            }
        )
    limits = tables.drugs[drug_id].max_daily
    foreign = {tables.cite(lim.citation) for lim in limits if lim.market not in (None, market)}
    found = [w for w in _maximum(result) if w["message"].startswith(tables.drugs[drug_id].name)]
    assert not [w for w in found if w["source"] in foreign], found
    own = [lim for lim in limits if lim.market in (None, market) and lim.population is None]
    expected = "max-daily-dose" if own else "max-daily-dose-not-in-market"
    assert expected in {w["code"] for w in found}, (market, found)
