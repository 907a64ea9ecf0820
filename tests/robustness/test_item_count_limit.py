"""Outside fuzz review 6, item 2: a 20,000-item regimen was computed (14.6 s, 147 MB).

A regimen holds at most ``fields.MAX_ITEMS`` items (README, next to the 2,000-character and
32-level limits); more is refused in one line, exit 2, naming ``items``: ``mme``, ``rotate``
(from), ``check`` (from and proposed), and one ``--batch`` line (the batch goes on)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.fields import MAX_ITEMS
from tests.robustness.cli import call

ITEM = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"}
TARGET = {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"}


def _items(count: int) -> list[dict[str, Any]]:
    return [ITEM] * count


def _refused_naming(outcome: Any, field: str) -> None:
    assert outcome.returncode == 2, outcome.stderr
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, outcome.stderr
    assert field in lines[0] and str(MAX_ITEMS) in lines[0], lines[0]


def _run(tmp_path: Path, command: str, document: dict[str, Any]) -> Any:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return call([command, str(path)])


def test_mme_accepts_the_maximum_and_refuses_one_more(tmp_path: Path) -> None:
    assert MAX_ITEMS >= 100
    assert _run(tmp_path, "mme", {"items": _items(MAX_ITEMS)}).returncode == 0
    _refused_naming(_run(tmp_path, "mme", {"items": _items(MAX_ITEMS + 1)}), "items")


def test_the_fuzz_review_s_twenty_thousand_items_are_refused(tmp_path: Path) -> None:
    _refused_naming(_run(tmp_path, "mme", {"items": _items(20_000)}), "items")


def test_rotate_refuses_too_many_current_items(tmp_path: Path) -> None:
    document = {"from": {"items": _items(MAX_ITEMS + 1)}, "to": TARGET}
    _refused_naming(_run(tmp_path, "rotate", document), "from.items")


@pytest.mark.parametrize("side", ["from", "proposed"])
def test_check_refuses_too_many_items_on_either_side(tmp_path: Path, side: str) -> None:
    document: dict[str, Any] = {"from": {"items": [ITEM]}, "proposed": {"items": [ITEM]}}
    document[side] = {"items": _items(MAX_ITEMS + 1)}
    _refused_naming(_run(tmp_path, "check", document), f"{side}.items")


def test_one_batch_line_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [{"items": [ITEM]}, {"items": _items(MAX_ITEMS + 1)}, {"items": [ITEM]}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    outcome = call(["mme", "--batch", str(path), "--jobs", "1"])
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3]
    assert results[0]["total_mme_per_day"] == results[2]["total_mme_per_day"] == 20
    assert results[1]["error"]["location"] == "items"
    assert str(MAX_ITEMS) in results[1]["error"]["message"]


@pytest.mark.parametrize("summary", [[], ["--summary"]])
def test_a_summary_line_is_refused_where_the_full_line_is(
    tmp_path: Path, summary: list[str]
) -> None:
    """Fuzz review 12, #1: ``--summary`` totalled 101 (and 20,000) items; the full contract and
    plain ``mme`` refuse them. Both batch modes refuse past ``MAX_ITEMS``, with one error."""
    path = tmp_path / "batch.jsonl"
    counts = [MAX_ITEMS, MAX_ITEMS + 1, 2_000]
    path.write_text(
        "\n".join(json.dumps({"items": _items(count)}) for count in counts) + "\n",
        encoding="utf-8",
    )
    outcome = call(["mme", "--batch", str(path), "--jobs", "1", *summary])
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert [r["line"] for r in results] == [1, 2, 3]
    assert results[0]["total_mme_per_day"] == 20 * MAX_ITEMS
    for refused in results[1:]:
        assert refused["error"]["location"] == "items", refused
        assert str(MAX_ITEMS) in refused["error"]["message"]
    assert "2 line(s) had errors" in outcome.stderr


def test_a_fhir_bundle_of_too_many_orders_is_refused(tmp_path: Path) -> None:
    from tests.fhir.conftest import ORAL, bundle, q, request

    dose = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
    }
    orders = [request(f"rx-{n}", dose) for n in range(MAX_ITEMS + 1)]
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle(*orders)), encoding="utf-8")
    for argv in (["fhir", "import", str(path)], ["mme", "--fhir", str(path)]):
        _refused_naming(call(argv), "items")
