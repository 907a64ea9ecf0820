"""Every text the presentation layer makes of a plan, a check or their request speaks the market
they were made for (pharmacist review 19, L9; session 19's review of the market-words design).
A UK plan's steps said "oxycodone oral MR", yet the records' title of the same plan, the pane
after Apply and its rows' note were made outside the plan's words and said "Switch to oxycodone
oral ER 15 mg q12h"; a saved UK check's title and question kept the orders as typed ("APAP",
"SR"), where its printed orders say "paracetamol oral", "morphine oral MR".

The sweep calls every public function of ``mps_pain.presentation`` whose one required argument
is a plan, a check or a request, so a new one is held to the rule without being listed here.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel

import mps_pain.presentation as presentation
from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest
from mps_pain.domain.rotation.spoken import MARKET_WORDS
from mps_pain.presentation.applied_plan import applied_start
from mps_pain.presentation.orders import asked_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
APAP = {"drug": "APAP", "route": "oral", "dose": "1000 mg", "frequency": "qid"}
SR = {"drug": "morphine", "route": "oral", "form": "SR", "dose": "30 mg", "frequency": "q12h"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
TO = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
PROPOSED = {**SR, "drug": "oxycodone", "dose": "20 mg"}
# as typed ("APAP", "SR") is nobody's word once a market is asked
OTHER = {
    "UK": re.compile(r"\bacetaminophen\b|\bAPAP\b|(?<![\w'])(ER|SR)(?![\w'])", re.IGNORECASE),
    "US": re.compile(r"\bparacetamol\b|\bAPAP\b|(?<![\w'])(MR|SR)(?![\w'])", re.IGNORECASE),
}
BOTH_NAMES = "Acetaminophen (paracetamol)"
SOURCE_TITLES = sorted((s.label for s in TABLES.tables.sources.values()), key=len, reverse=True)
KINDS = ("RotationPlan", "CheckResult", "RotationRequest", "CheckRequest")


def _strings(value: Any, key: str = "") -> Iterator[str]:
    """The sentences of a view: every string with a space (an id has none), but a source's."""
    if isinstance(value, str):
        if " " in value and key not in ("citation", "source"):
            yield value
    elif isinstance(value, BaseModel):
        yield from _strings(value.model_dump(mode="json"), key)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name), field.name)
    elif isinstance(value, dict):
        for inner_key, inner in value.items():
            if inner_key != "warnings":
                yield from _strings(inner, str(inner_key))
            else:  # the note naming both words is the one meant to
                yield from _strings([w for w in inner if w.get("code") != MARKET_WORDS], "")
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner, key)


def _wrong(value: Any, market: str) -> list[str]:
    found = []
    for text in _strings(value):
        said = re.sub(r"\[[^\]]*\]", "", text).replace(BOTH_NAMES, "")
        for title in SOURCE_TITLES:
            said = said.replace(title, "")
        if "Names are written as in" not in said and OTHER[market].search(said):
            found.append(text)
    return found


def _made(market: str) -> dict[str, list[Any]]:
    plans = [
        {"from": {"items": [APAP, SR]}, "to": TO, "market": market},
        {"from": {"items": [PATCH, SR, APAP]}, "to": TO, "market": market},  # a first part
    ]
    check = {"from": {"items": [APAP, SR]}, "proposed": {"items": [PROPOSED, APAP]}}
    check["market"] = market
    return {
        "RotationPlan": [plan_rotation(request) for request in plans],
        "CheckResult": [check_proposal(check)],
        "RotationRequest": [RotationRequest.model_validate(request) for request in plans],
        "CheckRequest": [CheckRequest.model_validate(check)],
    }


def _views() -> Iterator[tuple[str, Callable[[Any], Any], str]]:
    """Each public function of the presentation layer with one required argument, a plan, a
    check or a request (the kind named by its annotation)."""
    for module_info in pkgutil.iter_modules(presentation.__path__):
        module = importlib.import_module(f"{presentation.__name__}.{module_info.name}")
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:
                continue
            params = list(inspect.signature(function).parameters.values())
            if not params or any(p.default is inspect.Parameter.empty for p in params[1:]):
                continue
            for kind in KINDS:
                if re.search(rf"\b{kind}\b", str(params[0].annotation)):
                    yield f"{module_info.name}.{name}", function, kind


def test_the_sweep_reaches_the_views_that_name_a_product() -> None:
    names = {name for name, _, _ in _views()}
    expected = {"applied_plan.plan_title", "applied_plan.applied_words", "rotation.plan_view"}
    expected |= {"orders.question_line", "orders.check_title", "check.check_view"}
    assert expected <= names, expected - names


@pytest.mark.parametrize("market", ["UK", "US"])
def test_every_view_of_a_plan_or_a_check_speaks_its_market(market: str) -> None:
    made = _made(market)
    found = []
    for name, function, kind in _views():
        for value in made[kind]:
            found += [(name, text) for text in _wrong(function(value), market)]
    for request in (*made["RotationRequest"], *made["CheckRequest"]):
        found += [("orders.asked_view", t) for t in _wrong(asked_view(request, str), market)]
    assert not found, found


def test_the_first_part_of_a_uk_plan_applied_says_mr() -> None:
    """``applied_start`` (the note of the rows Apply writes) names the plan's first part."""
    plan = _made("UK")["RotationPlan"][1]
    assert plan.first_part is not None
    assert "only oxycodone oral MR 15 mg q12h" in applied_start(plan), applied_start(plan)
