"""The kidney statements' integrity (clinician review 20, N4): a drug the sources prefer in
kidney disease is one of the catalogue's, the kidney bands rise, and they name every value
under the highest renal threshold (a value left unnamed would print no band)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml

from mps_pain.errors import TableValidationError
from mps_pain.paths import data_dir
from mps_pain.tables.loader import load_tables_text

SHIPPED = (data_dir() / "conversion_tables.yaml").read_text(encoding="utf-8")


def _rotation(doc: dict[str, Any]) -> dict[str, Any]:
    rotation: dict[str, Any] = doc["rotation"]
    return rotation


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "a preferred drug not in the catalogue",
        lambda d: _rotation(d)["renal_preferred"][0]["drugs"].append("nofentanil"),
        "rotation.renal_preferred[0]",
        "'nofentanil' is not in the catalogue",
    ),
    (
        "bands that stop below the highest renal threshold",
        lambda d: _rotation(d)["kidney_bands"]["bands"].pop(),
        "rotation.kidney_bands",
        "must end at the highest renal threshold",
    ),
    (
        "bands out of order",
        lambda d: _rotation(d)["kidney_bands"]["bands"].reverse(),
        "rotation.kidney_bands",
        "kidney bands must rise",
    ),
]


@pytest.mark.parametrize(("name", "mutate", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_kidney_statement_is_refused(
    name: str, mutate: Callable[[dict[str, Any]], None], where: str, words: str
) -> None:
    doc = yaml.safe_load(SHIPPED)
    mutate(doc)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(text, origin="mutated.yaml")
    assert words in str(caught.value), (name, str(caught.value))
    assert where in str(caught.value.location), (name, caught.value.location)
