"""Pharmacist review 19, L9: a UK plan asked for paracetamol printed "acetaminophen oral: 1000 mg
qid" and "Continue acetaminophen oral …"; and, open since session 16, "ER" (the US word) where
the UK, Australia and New Zealand write "MR" (modified-release).

One rule (``domain/market_words``: the tables' cited ``market_names``): a plan or a check for UK,
AU or NZ prints no "acetaminophen" and no "ER" as a drug's or a form's word, a US one never
names the drug "paracetamol"; without a market (``mme``'s default) the words are today's. The
JSON keeps the ids. The catalogue's name "Acetaminophen (paracetamol)" names both where a
market has no word of its own (the US); a market that writes "paracetamol" says "Paracetamol" at
the start of a maximum line too (clinician re-check 20b, N14). A source's own title is quoted as
it is (left out of the sweep).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.form_words import product_label
from mps_pain.domain.market_words import drug_word, form_word, speaking
from mps_pain.domain.rotation.spoken import MARKET_WORDS
from mps_pain.errors import PlanningError, TableValidationError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import default_tables_path, get_tables, load_tables_text

TABLES = get_tables()
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]
BOTH_NAMES = "Acetaminophen (paracetamol)"
WRONG = {
    "UK": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "AU": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "NZ": re.compile(r"\bacetaminophen\b|(?<![\w'])ER(?![\w'])", re.IGNORECASE),
    "US": re.compile(r"\bparacetamol\b|(?<![\w'])MR(?![\w'])", re.IGNORECASE),
}
SOURCE_TITLES = {TABLES.tables.sources[s].label for s in TABLES.tables.sources}


def _printed(value: Any, key: str = "") -> list[str]:
    """Every sentence a result shows (its JSON's strings with a space), but a source's words."""
    if isinstance(value, str):
        return [value] if " " in value and key not in ("citation", "source") else []
    if isinstance(value, dict):
        return [t for k, inner in value.items() for t in _printed(inner, str(k))]
    if isinstance(value, list | tuple):
        return [t for inner in value for t in _printed(inner, key)]
    return []


def _wrong(result: Any, market: str) -> list[str]:
    """The sentences in another market's words; the note that names both (``market-words``:
    "paracetamol (written acetaminophen in the US)") is the one line meant to."""
    dumped = result.model_dump(mode="json")
    dumped["warnings"] = [w for w in dumped["warnings"] if w["code"] != MARKET_WORDS]
    found = []
    for text in _printed(dumped):
        said = re.sub(r"\[[^\]]*\]", "", text)  # citations
        if drug_word(TABLES, "acetaminophen", market) == "acetaminophen":
            said = said.replace(BOTH_NAMES, "")  # a market with no word of its own: both names
        for title in SOURCE_TITLES:
            said = said.replace(title, "")
        if WRONG[market].search(said):
            found.append(text)
    return found


def _line(drug: str, form: str | None, dose: str, frequency: str, **more: Any) -> dict[str, Any]:
    row = {"drug": drug, "route": "oral", "dose": dose, "frequency": frequency, **more}
    return row | ({"form": form} if form else {})


@st.composite
def currents(draw: st.DrawFn) -> list[dict[str, Any]]:
    opioid = draw(st.sampled_from(["morphine", "oxycodone"]))
    spelling = draw(st.sampled_from(["ER", "er", "MR", "SR", "modified-release"]))
    paracetamol = draw(st.sampled_from(["paracetamol", "acetaminophen", "APAP"]))
    rows = [_line(opioid, spelling, f"{draw(st.sampled_from([10, 20, 30]))} mg", "q12h")]
    rows.append(_line(paracetamol, None, "1000 mg", draw(st.sampled_from(["qid", "tid"]))))
    if draw(st.booleans()):
        prn = {"prn": True, "doses_per_day": 3}
        rows.append({"drug": opioid, "route": "oral", "form": "ir", "dose": "5 mg", **prn})
    return rows


TARGETS = [
    (drug, form) for drug in ("morphine", "oxycodone", "hydromorphone") for form in ("er", "ir")
]


@settings(max_examples=40, deadline=None)
@given(
    currents(),
    st.sampled_from([*TARGETS, ("fentanyl", None), ("methadone", None)]),
    st.sampled_from(["UK", "AU", "NZ", "US"]),
    st.sampled_from(SETS),
)
def test_plan_and_check_print_the_markets_words(
    current: list[dict[str, Any]], target: tuple[str, str | None], market: str, set_id: str
) -> None:
    drug, form = target
    if drug == current[0]["drug"] or (drug == "hydromorphone" and set_id == "jspm-2010"):
        drug = "oxycodone" if current[0]["drug"] == "morphine" else "morphine"  # a switch
    to: dict[str, Any] = {"drug": drug, "route": "oral", "form": form, "frequency": "q12h"}
    proposed = _line(drug, form, "10 mg", "q12h")
    if drug == "fentanyl":  # a patch: the schedule's "last dose … when the patch goes on"
        to = {"drug": "fentanyl", "route": "transdermal"}
        proposed = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
    elif drug == "methadone":  # the three-step and the stop-and-go schedules
        to = {"drug": "methadone", "route": "oral", "frequency": "q8h"}
        proposed = _line("methadone", None, "5 mg", "q8h")
    elif form == "ir":
        to["frequency"] = proposed["frequency"] = "q4h"
    request = {"from": {"items": current}, "to": to, "table": set_id, "market": market}
    try:
        found = _wrong(plan_rotation(request), market)
    except PlanningError:  # a refused switch (methadone under a set without its method)
        found = []
    check = check_proposal(
        {
            "from": {"items": current},
            "proposed": {"items": [proposed, current[1]]},
            "table": set_id,
            "market": market,
        }
    )
    found += _wrong(check, market)
    assert not found, found


def test_uk_plan_continues_paracetamol_and_mr() -> None:
    """The finding's own plan, in brief: a UK switch with paracetamol continued."""
    current = [
        _line("oxycodone", "ER", "30 mg", "q12h"),
        _line("paracetamol", None, "1000 mg", "qid"),
    ]
    to = {"drug": "morphine", "route": "oral", "form": "MR", "frequency": "q12h"}
    plan = plan_rotation({"from": {"items": current}, "to": to, "market": "UK"})
    said = "\n".join(_printed(plan.model_dump(mode="json")))
    assert "Continue paracetamol oral 1000 mg qid" in said, said
    assert "morphine oral MR" in said and "oxycodone oral MR 30 mg q12h" in said, said
    assert plan.model_dump(mode="json")["regimen"]["form"] == "er"  # the ids are kept
    noted = [w for w in plan.warnings if w.code == MARKET_WORDS]
    assert len(noted) == 1 and "paracetamol (written acetaminophen in the US)" in noted[0].message
    assert "MR (written ER in the US)" in noted[0].message and noted[0].source, noted
    assert {line.drug for line in plan.current} == {"oxycodone", "acetaminophen"}


def test_without_a_market_the_words_are_todays() -> None:
    """``mme`` has no market, and a plan asked for none: the catalogue's words, as before,
    also right after a UK plan of the same lines (the worked lines' memory keys on the words)."""
    rows = [_line("paracetamol", None, "1000 mg", "qid"), _line("morphine", "MR", "30 mg", "q12h")]
    to = {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}
    plan_rotation({"from": {"items": rows}, "to": to, "table": "uk-palliative", "market": "UK"})
    result = calculate_mme({"items": rows}, tables=TABLES, table_id="uk-palliative")
    dumped = "\n".join(_printed(result.model_dump(mode="json")))
    assert "acetaminophen oral: 1000 mg qid" in dumped and "morphine oral ER" in dumped, dumped
    plan = plan_rotation({"from": {"items": rows}, "to": to, "table": "uk-palliative"})
    dumped = "\n".join(_printed(plan.model_dump(mode="json")))
    assert "acetaminophen oral" in dumped and "paracetamol oral" not in dumped, dumped
    assert plan.market is None and not [w for w in plan.warnings if w.code == MARKET_WORDS]


@given(st.sampled_from(["UK", "AU", "NZ", "US", "JP", None]))
def test_one_rule_for_the_words(market: str | None) -> None:
    anz = market in ("UK", "AU", "NZ")
    assert drug_word(TABLES, "acetaminophen", market) == ("paracetamol" if anz else "acetaminophen")
    assert form_word(TABLES, "er", market) == ("MR" if anz else "ER")
    assert form_word(TABLES, "ir", market) == "IR"
    assert drug_word(TABLES, "morphine", market) == "morphine"
    with speaking(TABLES, market):
        label = product_label("morphine", "oral", "er")
    assert label == ("morphine oral MR" if anz else "morphine oral ER")
    assert product_label("morphine", "oral", "er") == "morphine oral ER"  # outside: the catalogue


def _shipped_with(**words: Any) -> bytes:
    doc = yaml.safe_load(default_tables_path().read_bytes())
    doc["market_names"] = words
    return yaml.safe_dump(doc, allow_unicode=True).encode()


def test_a_market_word_must_read_back_as_its_drug_or_form() -> None:
    """A word the reader would not take back (an order copied from the plan) is refused."""
    cite = {"source": "mps-pain-market-words", "locator": "test"}
    bad_drug = {"id": "acetaminophen", "markets": ["UK"], "word": "paracetamolx", "citation": cite}
    bad_form = {"id": "er", "markets": ["UK"], "word": "XR-ish", "citation": cite}
    for words, where in (({"drugs": [bad_drug]}, "drugs[0]"), ({"forms": [bad_form]}, "forms[0]")):
        try:
            load_tables_text(_shipped_with(**words))
        except TableValidationError as exc:
            assert exc.location == f"market_names.{where}", exc.location
        else:
            raise AssertionError(f"{words} was accepted")
