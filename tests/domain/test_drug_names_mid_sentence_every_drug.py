"""Session 17, #2 (docs/gui.md, re-check 17b #9 "Left"): "the regimen is already Hydromorphone
by the oral route", "Rate 12 mcg/h of Fentanyl was read as 12.5 mcg/h", "(rows 1 and 2: Morphine
modified-release; Oxycodone modified-release)" and "(Morphine, Pregabalin)": a drug's name placed
inside a sentence kept the capital the catalogue's list takes. Every such place says it by
``Drug.in_sentence``. Over every drug of the catalogue, by each of its routes and forms, the
texts of ``rotate`` (same drug and route: the dose-change refusal), ``mme`` (beside a
modified-release morphine line, and twice over) and ``check`` (a dose change, and the drug added
to a proposal) name no drug with a capital after a word, a comma, a semicolon or a bracket."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import Drug
from tests.cli_runner import run_cli

TABLES = get_tables()
DRUGS = TABLES.tables.drugs
NAMES = "|".join(re.escape(d.name.split(" (")[0]) for d in DRUGS)
MID_SENTENCE = re.compile(rf"(?:(?<=[a-z0-9,;] )|(?<=\())({NAMES})\b")
CITATION = re.compile(r"\[[^\[\]]*\]")  # a source's own words ("[Duke-NUS formulary, Ketamine …]")
ER = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}


def _item(drug: Drug, route: str, form: str | None) -> dict[str, Any]:
    if route == "transdermal":  # a labelled strength read as its rate: the label's own note
        item: dict[str, Any] = {"drug": drug.id, "route": route, "rate": "12 mcg/h"}
    elif route in ("sc", "iv", "im"):
        item = {"drug": drug.id, "route": route, "rate": "20 mg/day"}
    else:
        item = {"drug": drug.id, "route": route, "daily_dose": "60 mg/day"}
    return item | ({"form": form} if form else {})


def _runs(drug: Drug, route: str, form: str | None) -> list[tuple[str, dict[str, Any]]]:
    item = _item(drug, route, form)
    target = {"drug": drug.id, "route": route} | ({"form": form} if form else {})
    return [
        ("rotate", {"from": {"items": [item]}, "to": target}),
        ("mme", {"items": [item, ER]}),
        ("mme", {"items": [item, item]}),
        ("check", {"from": {"items": [item]}, "proposed": {"items": [item]}}),
        ("check", {"from": {"items": [ER]}, "proposed": {"items": [ER, item]}}),
    ]


def _without_citations(text: str) -> str:
    while CITATION.search(text):
        text = CITATION.sub("", text)
    return text


@pytest.mark.parametrize("drug", DRUGS, ids=lambda d: d.id)
def test_no_drug_is_capitalised_inside_a_sentence(drug: Drug) -> None:
    for route in drug.routes:
        for form in [None, *(f.id for f in drug.forms if route in f.routes)]:
            for command, document in _runs(drug, route, form):
                done = run_cli(command, "-", stdin=json.dumps(document))
                text = _without_citations(done.stdout + done.stderr)
                found = [
                    text[max(0, m.start() - 60) : m.end()] for m in MID_SENTENCE.finditer(text)
                ]
                assert not found, (command, route, form, found)


def test_the_dose_change_refusal_names_the_drug_inside_its_sentence() -> None:
    """The reviewer's words: a same-drug, same-route plan is refused with the drug in lower case."""
    document = {
        "from": {"items": [{"drug": "hydromorphone", "route": "oral", "form": "IR", "dose": "2 mg",
                            "frequency": "q4h"}]},
        "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    }  # fmt: skip
    done = run_cli("rotate", "-", stdin=json.dumps(document))
    assert done.returncode != 0
    assert "the regimen is already hydromorphone by the oral route" in done.stderr, done.stderr
