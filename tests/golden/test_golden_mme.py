"""Golden tests: each published worked example (tests/golden/mme_vectors.yaml) reproduced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex

VECTORS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "mme_vectors.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_published_example_is_reproduced(tables: TableIndex, vector: dict[str, Any]) -> None:
    assert vector["cite"], "every golden vector cites its source"
    result = calculate_mme(
        {"items": vector["items"]},
        tables=tables,
        table_id=vector["table"],
        prn_policy=vector.get("prn", "include"),
    )
    assert result.total_mme_per_day == pytest.approx(vector["expected"], rel=1e-9)
    for line in result.items:
        if line.kind == "opioid":
            assert line.source and line.row and line.factor


def test_every_vector_has_a_unique_id() -> None:
    ids = [v["id"] for v in VECTORS]
    assert len(ids) == len(set(ids))
