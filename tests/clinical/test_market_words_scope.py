"""A market's words are said only inside the plan or the check made for it (session 19's review
of the market-words design, pharmacist review 19 L9). ``speaking`` sets them for one ``with``
block and puts back what was there on the way out, a refusal included; two calls in one process
(the app runs mme, rotate and check in one) never see each other's words; and the worked lines'
memory (``mme.line_for``, keyed by the item object, which the app's editor keeps from one call to
the next) keeps one answer per market's words, so a UK plan's "paracetamol … MR" never reaches
the MME of the same rows.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.form_words import product_label
from mps_pain.domain.market_words import speaking, spoken_form, spoken_market
from mps_pain.domain.regimen import RegimenDocument, RegimenItem
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import NoConversionFactorError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.tables.spoken_words import CATALOGUE_WORDS
from tests.cli_runner import run_document

TABLES = get_tables()
ROOT = Path(__file__).resolve().parents[2]
PARACETAMOL = {"drug": "paracetamol", "route": "oral", "dose": "1000 mg", "frequency": "qid"}
MORPHINE_MR = dict(PARACETAMOL, drug="morphine", form="MR", dose="30 mg", frequency="q12h")
TO_OXYCODONE = {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}
# a switch refused deep in the planner, its refusal made in the plan's words: JSPM 2010 has no
# factor for oral hydromorphone
HYDROMORPHONE_MR = {**MORPHINE_MR, "drug": "hydromorphone", "dose": "4 mg"}
CATALOGUE = ("acetaminophen oral: 1000 mg qid", "morphine oral ER: 30 mg q12h")
UK_WORDS = ("paracetamol oral: 1000 mg qid", "morphine oral MR: 30 mg q12h")


class _Refused(Exception):
    pass


def test_speaking_puts_the_words_back_on_exit_and_on_a_refusal() -> None:
    assert spoken_market() is CATALOGUE_WORDS
    with pytest.raises(_Refused), speaking(TABLES, "UK"):
        with speaking(TABLES, "US"):
            assert spoken_form("er") == "ER"
        assert spoken_form("er") == "MR"  # the outer block's words again
        raise _Refused
    assert spoken_market() is CATALOGUE_WORDS
    request = {"from": {"items": [HYDROMORPHONE_MR]}, "to": TO_OXYCODONE, "table": "jspm-2010"}
    with pytest.raises(NoConversionFactorError) as refused:
        plan_rotation({**request, "market": "UK"})
    assert "(MR)" in refused.value.message  # refused inside the UK plan, in its words
    assert spoken_market() is CATALOGUE_WORDS
    assert product_label("hydromorphone", "oral", "er") == "hydromorphone oral ER"
    with pytest.raises(NoConversionFactorError) as refused:
        calculate_mme({"items": [HYDROMORPHONE_MR], "table": "jspm-2010"}, tables=TABLES)
    assert "(ER)" in refused.value.message and "(MR)" not in refused.value.message


def test_only_speaking_sets_the_words_and_it_resets_them_in_a_finally() -> None:
    """No module sets or resets the spoken words but ``market_words.speaking``, a context
    manager that resets them in ``finally``: the words cannot be set outside a ``with``."""
    touched = []
    for package in ("mps_pain", "mps_pain_cli", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if (
                        isinstance(node, ast.Attribute)
                        and node.attr in ("set", "reset")
                        and isinstance(node.value, ast.Name)
                        and node.value.id == "SPOKEN"
                    ):
                        touched.append((path.relative_to(ROOT).as_posix(), function, node.attr))
    assert {(where, f.name, attr) for where, f, attr in touched} == {
        ("mps_pain/domain/market_words.py", "speaking", "set"),
        ("mps_pain/domain/market_words.py", "speaking", "reset"),
    }, touched
    speaking_def = touched[0][1]
    decorators = [ast.unparse(d) for d in speaking_def.decorator_list]
    assert decorators == ["contextmanager"], decorators
    finals = [
        ast.unparse(statement)
        for node in ast.walk(speaking_def)
        if isinstance(node, ast.Try)
        for statement in node.finalbody
    ]
    assert finals == ["SPOKEN.reset(token)"], finals


def _said(lines: Any) -> str:
    return "\n".join(line.explanation for line in lines)


def test_the_worked_lines_memory_keeps_one_answer_per_market() -> None:
    """The same item objects (as the app's editor keeps them) planned in the UK, in the US and
    in no market, and totalled by mme between each, for a document naming no market (the
    catalogue's words) and for one naming the market (its words, session 19: mme kept the
    catalogue's words beside a plan in the market's): each in its own words."""
    items = [RegimenItem.model_validate(row) for row in (PARACETAMOL, MORPHINE_MR)]
    request = RotationRequest.model_validate(
        {"from": {"items": items}, "to": TO_OXYCODONE, "table": "uk-palliative"}
    )
    document = RegimenDocument.model_validate({"items": items, "table": "uk-palliative"})
    assert request.from_.items[0] is items[0] and document.items[0] is items[0]
    for market, words in (("UK", UK_WORDS), ("US", CATALOGUE), (None, CATALOGUE), ("NZ", UK_WORDS)):
        plan = plan_rotation(request.model_copy(update={"market": market}))
        said = _said(plan.current)
        assert all(w in said for w in words), (market, said)
        totalled = _said(calculate_mme(document, tables=TABLES).items)
        assert all(w in totalled for w in CATALOGUE), (market, totalled)
        in_market = document.model_copy(update={"market": market})
        totalled = _said(calculate_mme(in_market, tables=TABLES).items)
        assert all(w in totalled for w in words), (market, totalled)
        assert spoken_market() is CATALOGUE_WORDS


def _printed(command: str, document: dict[str, Any]) -> str:
    run = run_document(command, document)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_mme_rotate_and_check_in_one_process_each_speak_their_own_market() -> None:
    """The CLI in one process, as the app runs them: UK, refused UK, US, no market, in turn."""
    current = {"items": [PARACETAMOL, MORPHINE_MR]}
    plan = {"from": current, "to": TO_OXYCODONE}
    proposed = {"items": [{**MORPHINE_MR, "drug": "oxycodone", "dose": "20 mg"}, PARACETAMOL]}
    check = {"from": current, "proposed": proposed}
    refused = {"from": {"items": [HYDROMORPHONE_MR]}, "to": TO_OXYCODONE, "table": "jspm-2010"}
    uk = ("paracetamol oral", "morphine oral MR 30 mg q12h")
    us = ("acetaminophen oral", "morphine oral ER 30 mg q12h")
    for _ in range(2):
        assert all(w in _printed("rotate", {**plan, "market": "UK"}) for w in uk)
        assert "(MR)" in run_document("rotate", {**refused, "market": "UK"}).stderr
        assert all(w in _printed("mme", current) for w in CATALOGUE)
        assert all(w in _printed("check", {**check, "market": "US"}) for w in us)
        assert all(w in _printed("rotate", plan) for w in us)  # no market: the catalogue's
        assert "oxycodone oral MR 20 mg q12h" in _printed("check", {**check, "market": "UK"})
        assert all(w in _printed("mme", current) for w in CATALOGUE)
        assert all(w in _printed("mme", {**current, "market": "UK"}) for w in UK_WORDS)
        assert all(w in _printed("mme", current) for w in CATALOGUE)
