"""Speed of the rotation planner and the check, as CPU per call against a baseline in the same run.

A fixed spread of generated requests (a seed; plain, mixed patch + regular, to methadone by
every method, to a patch, to an infusion; every equianalgesic set, market and patient kind)
is planned by ``plan_rotation``, each request once, as a property's examples are:

(a) CPU per plan of requests not planned before (the tables and their remembered answers warm
    from a first corpus, as in a test run), by kind and over all;
(b) CPU per check of each plan's regimen against the same current regimen (``check_proposal``);
(c) the baseline: CPU for ``BASELINE_ROUNDS`` JSON round trips (the standard library's
    ``json``, none of our code, so no change of ours moves it) of each request document;
    (a) and (b) are printed as a ratio to it.

Compare two revisions by running this file from each in the same minute (``PYTHONPATH`` set to
the revision's top): the ratios are what survive a shared machine. No test asserts a time.
Run: ``python benchmarks/plan_benchmark.py [--requests 400] [--seed 11]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import time
from collections import defaultdict
from typing import Any

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

SCHEDULED = [  # drug, form, frequency, dose range in mg
    ("morphine", "ir", "q4h", 2.5, 60),
    ("morphine", "er", "q12h", 10, 200),
    ("oxycodone", "er", "q12h", 5, 120),
    ("oxycodone", "ir", "q4h", 2.5, 30),
    ("hydromorphone", "ir", "q4h", 1, 16),
    ("tramadol", "ir", "qid", 50, 100),
]
RATES = [  # drug, route, unit, rate range
    ("morphine", "sc", "mg/day", 5, 200),
    ("morphine", "iv", "mg/h", 0.5, 8),
    ("oxycodone", "iv", "mg/h", 0.5, 8),
    ("fentanyl", "iv", "mcg/h", 12, 200),
    ("diamorphine", "sc", "mg/day", 5, 120),
    ("oxycodone", "sc", "mg/day", 5, 120),
    ("hydromorphone", "sc", "mg/day", 1, 30),
]
PATCH_RATES = [12.5, 25, 37.5, 50, 75, 100]
ORAL = [
    {"drug": "morphine", "route": "oral", "form": "ir", "frequency": "q4h"},
    {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
    {"drug": "hydromorphone", "route": "oral", "form": "ir", "frequency": "q4h"},
    {"drug": "morphine", "route": "rectal", "frequency": "q4h"},
]
INFUSIONS = [
    {"drug": drug, "route": route, "continuous": True}
    for drug, route in [
        ("oxycodone", "sc"),
        ("morphine", "sc"),
        ("morphine", "iv"),
        ("fentanyl", "iv"),
        ("diamorphine", "sc"),
        ("hydromorphone", "sc"),
    ]
]
PATCH = {"drug": "fentanyl", "route": "transdermal"}
METHODS = ["jp-label", "msd-quill", "ccdhb", "morley-makin"]
SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]
PATIENTS: list[dict[str, Any]] = [{}, {"age": 82}, {"frail": True}, {"opioid_tolerant": True}]
KINDS = ["plain", "mixed", "methadone", "patch", "infusion"]
BASELINE_ROUNDS = 20


def _line(rng: random.Random) -> dict[str, Any]:
    draw = rng.random()
    if draw < 0.55:
        drug, form, frequency, low, high = rng.choice(SCHEDULED)
        dose = f"{round(rng.uniform(low, high), 1)} mg"
        return {"drug": drug, "route": "oral", "form": form, "dose": dose, "frequency": frequency}
    if draw < 0.9:
        drug, route, unit, low, high = rng.choice(RATES)
        return {"drug": drug, "route": route, "rate": f"{round(rng.uniform(low, high), 2)} {unit}"}
    return {**PATCH, "rate": f"{rng.choice(PATCH_RATES)} mcg/h"}


def _target(rng: random.Random, kind: str) -> dict[str, Any]:
    if kind == "patch":
        return dict(PATCH)
    if kind == "infusion":
        return dict(rng.choice(INFUSIONS))
    if kind == "methadone":
        return {"drug": "methadone", "route": "oral"}
    return dict(rng.choice([*ORAL, *INFUSIONS, PATCH]))


def request(rng: random.Random, kind: str) -> dict[str, Any]:
    """One generated request document of ``kind``."""
    if kind == "mixed":
        lines = [{**PATCH, "rate": f"{rng.choice(PATCH_RATES[:4])} mcg/h"}, _line(rng)]
    else:
        lines = [_line(rng) for _ in range(rng.choice([1, 1, 2]) if kind == "plain" else 1)]
    document: dict[str, Any] = {
        "from": {"items": lines},
        "to": _target(rng, kind),
        "table": rng.choice(SETS),
    }
    if kind == "methadone":
        document["methadone_method"] = rng.choice(METHODS)
    market = rng.choice([None, "UK", "JP", "US"])
    if market is not None:
        document["market"] = market
    patient = rng.choice(PATIENTS)
    if patient:
        document["patient"] = patient
    return document


def corpus(count: int, seed: int) -> list[tuple[str, dict[str, Any]]]:
    """``count`` request documents, the kinds in turn."""
    rng = random.Random(seed)
    return [(KINDS[i % len(KINDS)], request(rng, KINDS[i % len(KINDS)])) for i in range(count)]


def _check_document(document: dict[str, Any], proposal: dict[str, Any]) -> dict[str, Any]:
    check: dict[str, Any] = {
        "from": document["from"],
        "proposed": {"items": [proposal]},
        "table": document["table"],
    }
    for key in ("market", "patient"):
        if key in document:
            check[key] = document[key]
    return check


def run(count: int, seed: int) -> dict[str, Any]:
    tables = get_tables()
    for _, document in corpus(count, seed + 1000):  # warm: what a test run has seen before
        with contextlib.suppress(MpsPainError):
            plan_rotation(document, tables=tables)
    documents = corpus(count, seed)
    start = time.process_time()
    for _ in range(BASELINE_ROUNDS):
        for _, document in documents:
            json.loads(json.dumps(document, sort_keys=True))
    baseline = (time.process_time() - start) / len(documents)

    by_kind: dict[str, list[float]] = defaultdict(list)
    checks: list[dict[str, Any]] = []
    refused = 0
    for kind, document in documents:
        start = time.process_time()
        try:
            made = plan_rotation(document, tables=tables)
        except MpsPainError:
            made = None
            refused += 1
        by_kind[kind].append(time.process_time() - start)
        if made is not None and (made.regimen.dose is not None or made.regimen.rate is not None):
            proposal = made.regimen.model_dump(mode="json", exclude_none=True)
            checks.append(_check_document(document, proposal))
    start = time.process_time()
    for check in checks:
        with contextlib.suppress(MpsPainError):
            check_proposal(check, tables=tables)
    per_check = (time.process_time() - start) / max(1, len(checks))
    every = [t for times in by_kind.values() for t in times]
    return {
        "baseline": baseline,
        "plan": statistics.fmean(every),
        "kinds": {kind: statistics.fmean(times) for kind, times in by_kind.items()},
        "check": per_check,
        "checks": len(checks),
        "refused": refused,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    found = run(args.requests, args.seed)
    base = found["baseline"]
    print(f"load average {load:.2f} -> {os.getloadavg()[0]:.2f}; {args.requests} requests")
    print(
        f"(c) baseline: {BASELINE_ROUNDS} JSON round trips of a request {base * 1000:8.3f} ms CPU"
    )
    print(
        f"(a) plan_rotation, new requests            {found['plan'] * 1000:8.3f} ms CPU"
        f"  ({found['plan'] / base:5.1f}x baseline; {found['refused']} refused)"
    )
    for kind, mean in sorted(found["kinds"].items()):
        print(f"      {kind:<10} {mean * 1000:8.3f} ms  ({mean / base:5.1f}x)")
    print(
        f"(b) check_proposal of each plan            {found['check'] * 1000:8.3f} ms CPU"
        f"  ({found['check'] / base:5.1f}x baseline; {found['checks']} checks)"
    )


if __name__ == "__main__":
    main()
