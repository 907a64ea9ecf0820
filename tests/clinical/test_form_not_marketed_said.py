"""A form the catalogue records as not marketed in the plan's market is said so, plainly, with
what the plan does instead (pharmacist review 19, M2).

A JP plan to tapentadol ER gave a tapentadol IR rescue in US strengths, saying only "no JP
strengths of tapentadol IR in the catalogue": a catalogue gap, where the fact is that no
immediate-release tapentadol is marketed in Japan (the Tapenta label (JP) is ER tablets only).
Invariant: for every form the tables record as not marketed in a market (the market's cited
rows list every product of the drug there, ``all_products``, and none of that form), a plan in
that market whose breakthrough is that form says "is marketed in" that market, cites
the record's source, names the market whose strengths it uses (the market-fallback rule, no
product invented) and never calls it a gap in the catalogue.
"""

from __future__ import annotations

import json

from mps_pain.domain.rotation.sold import all_products_markets, unsold_row
from mps_pain.tables.loader import get_tables
from tests.rotation.plans import planned

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "45 mg", "frequency": "q12h"}


def _not_marketed() -> list[tuple[str, str, str]]:
    """(drug, form, market) for every form the tables record as not marketed somewhere."""
    return [
        (drug.id, form.id, market)
        for drug in get_tables().tables.drugs
        for form in drug.forms
        for market in sorted(all_products_markets(drug))
        if unsold_row(drug, form.id, market) is not None
        and "oral" in form.routes
        and drug.id != "methadone"  # its plan has no IR breakthrough of its own
    ]


def test_tapentadol_ir_is_recorded_as_not_marketed_in_jp() -> None:
    assert ("tapentadol", "ir", "JP") in _not_marketed()


def test_review_19_v13a_plan_says_no_tapentadol_ir_is_marketed_in_jp() -> None:
    for drug, form, market in _not_marketed():
        plan = planned({"from": {"items": [OXY]},
                        "to": {"drug": drug, "route": "oral", "form": "ER",
                               "frequency": "q12h"},
                        "table": "fpm-2021", "market": market})  # fmt: skip
        assert plan["breakthrough"]["form"] == form, plan["breakthrough"]
        text = json.dumps(plan, ensure_ascii=False)
        assert f"is marketed in {market}" in text, text
        assert f"no {market} strengths of {drug}" not in text, text
        assert f"no {market} {form} of {drug} in the catalogue" not in text, text
        said = [w for w in plan["warnings"] if f"is marketed in {market}" in w["message"]]
        assert said, plan["warnings"]
        assert said[0]["severity"] == "caution"
        assert "Tapenta" in (said[0]["source"] or "") or drug != "tapentadol", said
        # what it does instead: the strengths of a market that lists the form, named
        assert "strengths of" in said[0]["message"], said
