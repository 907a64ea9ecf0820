"""data/fhir_terminology.yaml is validated strictly and cross-checked against the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mps_pain.errors import TableValidationError
from mps_pain.fhir.terminology import get_terminology, load_terminology, terminology_path
from mps_pain.tables.index import TableIndex


def _shipped() -> dict:
    return yaml.safe_load(terminology_path().read_text(encoding="utf-8"))


def _load(tmp_path: Path, raw: dict, tables: TableIndex) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    load_terminology(path, tables)


def test_the_shipped_terminology_loads_and_cites_every_code(tables: TableIndex) -> None:
    terms = get_terminology()
    assert terms.clinical_drug("1049502") is not None
    assert terms.ingredient("7804") is not None and terms.ingredient("7804").drug == "oxycodone"
    for entry in (*terms.ingredients, *terms.clinical_drugs, *terms.routes, *terms.observations):
        assert entry.source in terms.sources and entry.locator


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t["ingredients"][0].update(drug="unobtainium"), "not in the catalogue"),
        (lambda t: t["ingredients"][0].update(source="nowhere"), "unknown source"),
        (lambda t: t["ingredients"][0].update(colour="red"), "Extra inputs"),
        (lambda t: t["ingredients"].append(dict(t["ingredients"][0])), "listed twice"),
        (lambda t: t["clinical_drugs"][0].update(dose_form="316987"), "none of the forms"),
        (lambda t: t["clinical_drugs"][0].update(strength="ten"), "strength"),
        (lambda t: t["dose_forms"][0].update(forms=["capsule_of_doom"]), "not a form of any"),
        (lambda t: t["routes"][0].update(route="intrathecal"), "Input should be"),
    ],
    ids=[
        "unknown-drug",
        "unknown-source",
        "unknown-key",
        "duplicate",
        "wrong-form",
        "bad-strength",
        "unknown-form",
        "unknown-route",
    ],
)
def test_a_bad_terminology_stops_with_the_place(
    tmp_path: Path, tables: TableIndex, change, words: str
) -> None:
    raw = _shipped()
    change(raw)
    with pytest.raises(TableValidationError, match=words):
        _load(tmp_path, raw, tables)
