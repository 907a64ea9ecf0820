"""Fuzz re-check 18c, N9: ``check --json`` said ``"proposed_ome_per_day": 99.9999999998`` (and
65.0000000002, 0.325000000001) where the text said 100 (and 65): a rate typed to 12 figures
(2.08333333333 mg/h, from a plan's 50 mg/day) carried its last figure's rounding into the
contract. Every number of the record is given to ``numbers.JSON_FIGURES`` significant figures,
still far more than the text's four."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.cli_runner import run_document


def _request(rate: dict[str, Any], from_items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "from": {"items": from_items, "prn": "include"},
        "proposed": {
            "items": [{"drug": "morphine", "route": "sc", "form": "injection", "rate": rate}]
        },
        "table": "uk-palliative",
        "patient": {"age": 75, "opioid_tolerant": True},
    }


def test_a_rate_typed_to_twelve_figures_gives_the_number_the_text_gives() -> None:
    request = _request(
        {"value": 2.08333333333, "unit": "mg/h"},
        [{"drug": "hydromorphone", "route": "sc", "rate": "0.5 mg/h"}],
    )
    done = run_document("check", request, "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["proposed_ome_per_day"] == 100
    assert not re.search(r"\d\.\d*(?:0{6,}[1-9]|9{6,})", done.stdout), re.findall(
        r"\d+\.\d{8,}", done.stdout
    )
    text = run_document("check", request)
    assert "100" in text.stdout
