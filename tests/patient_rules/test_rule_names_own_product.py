"""Each drug's patient-rule warning names only its own products (pharmacist review 17, L3).

The renal NSAID danger for ibuprofen, celecoxib and loxoprofen said "(the Naixan label
contraindicates it)": Naixan is a naproxen product. Invariant over every renal and hepatic rule
of the tables: a product (a drug's capitalised synonym) named in a rule's message or its cited
locator belongs to every drug the rule warns about, so no drug's warning cites another drug's
label. Shown end to end for the review's NSAIDs at eGFR 20 (``mme``).
"""

from __future__ import annotations

import json
import re

import pytest

from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
_PRODUCTS = {
    synonym: drug.id
    for drug in TABLES.tables.drugs
    for synonym in drug.synonyms
    if synonym[:1].isupper() and synonym.casefold() != drug.name.casefold()
}


def _named(text: str) -> set[str]:
    return {p for p in _PRODUCTS if re.search(rf"\b{re.escape(p)}\b", text)}


def _rules() -> list[tuple[str, list[str], str]]:
    rotation = TABLES.tables.rotation
    return [
        (rule.message + " " + (rule.citation.locator or ""), list(rule.drugs), rule.message)
        for rule in [*rotation.renal, *rotation.hepatic]
        if rule.drugs
    ]


@pytest.mark.parametrize(("text", "drugs", "message"), _rules(), ids=lambda v: str(v)[:30])
def test_a_rule_names_no_product_of_another_drug(text: str, drugs: list[str], message: str) -> None:
    for product in _named(text):
        owner = _PRODUCTS[product]
        assert all(d == owner for d in drugs), (
            f"{product} ({owner}) is named in the rule for {drugs}: {message}"
        )


OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}


@pytest.mark.parametrize("nsaid", ["ibuprofen", "celecoxib", "loxoprofen", "naproxen"])
def test_the_renal_nsaid_danger_cites_a_source_of_its_own_drug(nsaid: str) -> None:
    co = {"drug": nsaid, "route": "oral", "dose": "100 mg", "frequency": "bid"}
    request = {"items": [OXY, co], "patient": {"egfr": 20}}
    done = run_cli("mme", "--json", "-", stdin=json.dumps(request))
    assert done.returncode == 0, done.stderr
    renal = [w for w in json.loads(done.stdout)["warnings"] if w["code"] == "renal-current"]
    about = [w for w in renal if nsaid in w["message"]]
    assert about and about[0]["severity"] == "danger", renal
    said = about[0]["message"] + " " + (about[0].get("source") or "")
    assert {_PRODUCTS[p] for p in _named(said)} <= {nsaid}, said
