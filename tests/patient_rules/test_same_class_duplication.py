"""Two drugs of one class among the co-medications are said as a duplication, naming both
(pharmacist review 19, M3).

Gabapentin 900 mg/day with pregabalin 150 mg/day (k/K19, vin/V12b) read WITHIN with no
duplication warning: only the opioid-with-gabapentinoid caution, which lists both drugs as if
one. Invariant, in ``mme``, ``check`` and ``rotate`` (one rule: the tables' ``class_rules`` whose
one class is required at least twice): for every class with such a rule and every two distinct
catalogue drugs of that class, each command gives that rule's warning naming both drugs; a class
without a sourced rule (two benzodiazepines: no source in the reviewed sources) gives none.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from tests.rotation.plans import checked, planned

MORPHINE_60 = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg",
               "frequency": "q12h"}  # fmt: skip
# one ordinary order per drug the pairs below may hold (an oral daily dose inside its maxima)
ORDERS: dict[str, dict[str, str]] = {
    "gabapentin": {"drug": "gabapentin", "route": "oral", "dose": "300 mg", "frequency": "tid"},
    "pregabalin": {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"},
    "naproxen": {"drug": "naproxen", "route": "oral", "dose": "250 mg", "frequency": "bid"},
    "ibuprofen": {"drug": "ibuprofen", "route": "oral", "dose": "200 mg", "frequency": "tid"},
    "celecoxib": {"drug": "celecoxib", "route": "oral", "dose": "100 mg", "frequency": "bid"},
    "loxoprofen": {"drug": "loxoprofen", "route": "oral", "dose": "60 mg", "frequency": "tid"},
    "diclofenac": {"drug": "diclofenac", "route": "oral", "dose": "25 mg", "frequency": "tid"},
    "lorazepam": {"drug": "lorazepam", "route": "oral", "dose": "1 mg", "frequency": "bid"},
    "diazepam": {"drug": "diazepam", "route": "oral", "dose": "5 mg", "frequency": "qd"},
}


def _duplication_rules() -> dict[str, str]:
    """Each class with a same-class rule in the tables, and the rule's code."""
    rules = get_tables().tables.class_rules
    return {
        rule.requires[0].drug_class: rule.code
        for rule in rules
        if len(rule.requires) == 1 and rule.requires[0].at_least >= 2
    }


def _pairs() -> list[tuple[str, str, str | None]]:
    """Every two distinct drugs of one class that ORDERS can give, with the rule's code."""
    drugs = get_tables().drugs
    rules = _duplication_rules()
    found = []
    for first in ORDERS:
        for second in ORDERS:
            if first >= second or second not in drugs or first not in drugs:
                continue
            shared = set(drugs[first].classes) & set(drugs[second].classes)
            for drug_class in sorted(shared):
                found.append((first, second, rules.get(drug_class)))
    return found


def _outputs(first: str, second: str) -> list[list[dict[str, Any]]]:
    pair = [ORDERS[first], ORDERS[second]]
    patient = {"cancer_or_palliative": True, "egfr": 90}
    mme = run_cli("mme", "--json", "-", stdin=json.dumps(
        {"items": [MORPHINE_60, *pair], "patient": patient, "table": "uk-palliative"}))  # fmt: skip
    assert mme.returncode == 0, mme.stderr
    check = checked({
        "from": {"items": [MORPHINE_60]}, "proposed": {"items": [MORPHINE_60, *pair]},
        "table": "uk-palliative", "market": "UK", "patient": patient,
    })  # fmt: skip
    plan = planned({
        "from": {"items": [MORPHINE_60, *pair]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        "table": "uk-palliative", "market": "UK", "patient": patient,
    })  # fmt: skip
    return [json.loads(mme.stdout)["warnings"], check["warnings"], plan["warnings"]]


def test_gabapentinoids_have_a_sourced_duplication_rule() -> None:
    rules = get_tables().tables.class_rules
    code = _duplication_rules().get("gabapentinoid")
    assert code is not None
    rule = next(r for r in rules if r.code == code)
    assert rule.citation.source == "fda-2019-gabapentinoid-dsc"


def test_review_19_k19_gabapentin_with_pregabalin() -> None:
    code = _duplication_rules()["gabapentinoid"]
    for warnings in _outputs("gabapentin", "pregabalin"):
        found = [w for w in warnings if w["code"] == code]
        assert len(found) == 1, warnings
        assert "gabapentin" in found[0]["message"] and "pregabalin" in found[0]["message"]


@settings(max_examples=10, deadline=None)
@given(pair=st.sampled_from(_pairs()))
def test_two_drugs_of_one_class_are_said_where_a_source_names_it(
    pair: tuple[str, str, str | None],
) -> None:
    first, second, code = pair
    rules = set(_duplication_rules().values())
    for warnings in _outputs(first, second):
        said = [w for w in warnings if w["code"] in rules]
        if code is None:
            assert not said, said
            continue
        assert [w["code"] for w in said] == [code], warnings
        message = said[0]["message"]
        assert first in message and second in message, message
