"""Speed of the FHIR import, as a ratio against reading the same regimen typed by hand.

(a) ``import_fhir`` of the Takamatsu 2018 case 1 bundle (tests/fhir/cases; 7 resources, 5 rows),
    median per call, against ``parse_regimen`` of its hand-typed twin (data/cases, step 2);
(b) a Bundle of N MedicationRequests (copies of that case's orders), per order, against
    ``parse_regimen`` of a document with the same number of rows, per row.

Both sides end with the same validated RegimenDocument; the ratio is what FHIR costs on top
(``fhir.resources`` validation, terminology and dosage mapping). No test asserts a time.
Run: ``python benchmarks/fhir_import.py [--orders 500]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mps_pain.fhir.importer import import_fhir
from mps_pain.fhir.terminology import get_terminology
from mps_pain.paths import cases_dir
from mps_pain.services.documents import parse_regimen
from mps_pain.tables.loader import get_tables

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "tests" / "fhir" / "cases" / "takamatsu-2018-case-1-admission.fhir.json"
HAND = cases_dir() / "takamatsu-2018-case-1" / "step-2-admission.yaml"


def _median(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _big_bundle(case: dict[str, Any], orders: int) -> str:
    requests = [
        e
        for e in case["entry"]
        if e["resource"]["resourceType"] == "MedicationRequest"
        and e["resource"]["status"] == "active"
    ]
    entries = []
    for i in range(orders):
        entry = json.loads(json.dumps(requests[i % len(requests)]))
        entry["resource"]["id"] = f"rx-{i}"
        entry["fullUrl"] = f"urn:uuid:rx-{i}"
        entries.append(entry)
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=500)
    args = parser.parse_args()
    get_tables()
    get_terminology()
    text = CASE.read_text(encoding="utf-8")
    hand = yaml.safe_load(HAND.read_text(encoding="utf-8"))
    import_fhir(text)  # first call loads fhir.resources
    fhir_case = _median(lambda: import_fhir(text), 30)
    hand_case = _median(lambda: parse_regimen(hand), 30)
    print(
        f"(a) case bundle: {fhir_case * 1000:.2f} ms vs hand-typed {hand_case * 1000:.3f} ms "
        f"= {fhir_case / hand_case:.0f}x"
    )
    big = _big_bundle(json.loads(text), args.orders)
    rows = [hand["items"][i % len(hand["items"])] for i in range(args.orders)]
    many = {**hand, "items": rows}
    fhir_big = _median(lambda: import_fhir(big), 3) / args.orders
    hand_big = _median(lambda: parse_regimen(many), 3) / args.orders
    print(
        f"(b) {args.orders} orders: {fhir_big * 1000:.2f} ms per order vs "
        f"{hand_big * 1000:.3f} ms per hand-typed row = {fhir_big / hand_big:.0f}x"
    )


if __name__ == "__main__":
    main()
