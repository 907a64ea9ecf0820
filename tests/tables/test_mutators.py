"""Break one thing in a valid small table; the error must name the place and the problem."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from mps_pain.errors import TableValidationError
from mps_pain.tables.loader import load_tables_text

Mutation = Callable[[dict[str, Any]], None]


def _factor(doc: dict[str, Any], set_index: int = 0, row: int = 0) -> dict[str, Any]:
    factor: dict[str, Any] = doc["reference_sets"][set_index]["factors"][row]
    return factor


def _drug(doc: dict[str, Any], drug_id: str) -> dict[str, Any]:
    return next(d for d in doc["drugs"] if d["id"] == drug_id)


FIRST_DRUG = "alphadone"  # the small table's first drug, whose forms are ir then er
CASES: list[tuple[str, Mutation, str, str]] = [
    (
        "unknown key",
        lambda d: _factor(d).update(colour="red"),
        "reference_sets[set-risk].factors[0].colour",
        "unknown key 'colour'",
    ),
    (
        "missing citation",
        lambda d: _factor(d).pop("citation"),
        "reference_sets[set-risk].factors[0].citation",
        "required key 'citation' is missing",
    ),
    (
        "missing locator",
        lambda d: _factor(d)["citation"].pop("locator"),
        "reference_sets[set-risk].factors[0].citation.locator",
        "required key 'locator' is missing",
    ),
    (
        "unknown key in a citation",
        lambda d: _factor(d)["citation"].update(page=3),
        "reference_sets[set-risk].factors[0].citation.page",
        "unknown key 'page'",
    ),
    (
        "a flat source beside the citation (the old layout)",
        lambda d: _factor(d).update(source="src-a"),
        "reference_sets[set-risk].factors[0].source",
        "unknown key 'source'",
    ),
    (
        "zero factor",
        lambda d: _factor(d).update(factor=0),
        "reference_sets[set-risk].factors[0].factor",
        "greater than 0",
    ),
    (
        "negative factor",
        lambda d: _factor(d).update(factor=-1.5),
        "reference_sets[set-risk].factors[0].factor",
        "greater than 0",
    ),
    (
        "unit does not parse",
        lambda d: _factor(d).update(per="mg/zorg"),
        "reference_sets[set-risk].factors[0].per",
        "not a unit",
    ),
    (
        "unit of the wrong dimension",
        lambda d: _factor(d).update(per="mg"),
        "reference_sets[set-risk].factors[0].per",
        "expected a mass per time",
    ),
    (
        "duplicate row",
        lambda d: d["reference_sets"][0]["factors"].append(copy.deepcopy(_factor(d))),
        "reference_sets[set-risk].factors[5]",
        "duplicate row",
    ),
    (
        "unknown source",
        lambda d: _factor(d)["citation"].update(source="nowhere"),
        "reference_sets[set-risk].factors[0]",
        "source 'nowhere'",
    ),
    (
        "band gap",
        lambda d: _factor(d, 0, 3)["band"].update(above=11),
        "reference_sets[set-risk].factors[2].band",
        "gap",
    ),
    (
        "band not from zero",
        lambda d: _factor(d, 0, 2)["band"].update(above=1),
        "reference_sets[set-risk].factors[2].band",
        "start above 1",
    ),
    (
        "top band closed",
        lambda d: _factor(d, 0, 4)["band"].update(up_to=100),
        "reference_sets[set-risk].factors[4].band",
        "top band ends",
    ),
    (
        "factor for an adjuvant",
        lambda d: _factor(d).update(drug="calmol"),
        "reference_sets[set-risk].factors[0]",
        "not an opioid",
    ),
    (
        "factor for an unknown drug",
        lambda d: _factor(d).update(drug="zeta"),
        "reference_sets[set-risk].factors[0]",
        "not in the catalogue",
    ),
    (
        "route the drug lacks",
        lambda d: _factor(d).update(routes=["rectal"]),
        "reference_sets[set-risk].factors[0].routes",
        "not routes of alphadone",
    ),
    (
        "synonym used twice",
        lambda d: _drug(d, "betadone").update(synonyms=["Alphax"]),
        "drugs[betadone].synonyms",
        "also used by drug 'alphadone'",
    ),
    (
        "strengths not sorted",
        lambda d: _drug(d, "alphadone")["forms"][0]["strengths"][0].update(values=[10, 5]),
        "drugs[alphadone].forms[ir].strengths[0]",
        "smallest first",
    ),
    (
        "point outside range",
        lambda d: _factor(d, 1, 0).update(factor=3),
        "reference_sets[set-equi].factors[0]",
        "outside its range",
    ),
    (
        "max dose of wrong dimension",
        lambda d: _drug(d, "calmol")["max_daily"][0].update(dose="3000 mg"),
        "drugs[calmol].max_daily[0].dose",
        "expected a mass per time",
    ),
    (
        "source without a year",
        lambda d: d["sources"]["src-a"].pop("year"),
        "sources.src-a.year",
        "required key 'year' is missing",
    ),
    (
        "unknown schema version",
        lambda d: d.update(schema_version=2),
        "schema_version",
        "Input should be 1",
    ),
    (
        "unknown purpose",
        lambda d: d["reference_sets"][0].update(purpose="guessing"),
        "reference_sets[set-risk].purpose",
        "risk_mme",
    ),
    (  # clinician review 16 #10: a printed form must read back as itself
        "a form's printed words are another form's synonym",
        lambda d: d["drugs"][0]["forms"][0]["synonyms"].append("ER"),
        f"drugs[{FIRST_DRUG}].forms[er].synonyms",
        "form spelling 'er' is also form 'ir'",
    ),
    (
        "set defined twice",
        lambda d: d["reference_sets"].append(copy.deepcopy(d["reference_sets"][0])),
        "reference_sets[set-risk]",
        "defined twice",
    ),
]


@pytest.mark.parametrize(
    ("label", "mutate", "location", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_a_broken_table_is_refused_naming_the_place(
    small_tables_text: str, label: str, mutate: Mutation, location: str, message: str
) -> None:
    document = yaml.safe_load(small_tables_text)
    mutate(document)
    text = yaml.safe_dump(document, allow_unicode=True).encode()
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(text, origin="mutated.yaml")
    assert caught.value.location == location, str(caught.value)
    assert message in caught.value.message


def test_the_unmutated_table_loads(small_tables_text: str) -> None:
    loaded = load_tables_text(small_tables_text.encode())
    assert loaded.version == "test-1"
    assert len(loaded.sha256) == 64


def test_a_key_written_twice_is_refused_not_overwritten(small_tables_text: str) -> None:
    text = small_tables_text.replace("sources:\n", "sources:\n  src-a:\n    label: Shadow\n", 1)
    with pytest.raises(TableValidationError, match="appears twice"):
        load_tables_text(text.encode())


@pytest.mark.parametrize("text", [b"[1, 2]", b"just a string", b"key: [unclosed"])
def test_a_document_that_is_not_a_table_mapping_is_refused(text: bytes) -> None:
    with pytest.raises(TableValidationError):
        load_tables_text(text)


def test_the_hash_changes_with_one_byte(small_tables_text: str) -> None:
    first = load_tables_text(small_tables_text.encode())
    second = load_tables_text((small_tables_text + "\n# comment\n").encode())
    assert first.sha256 != second.sha256
