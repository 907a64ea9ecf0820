"""Speed of the MME engine, each figure as a ratio against a plain-float baseline in the same run.

(a) one full recompute of a 10-item regimen (MME + spread across all sets + warnings), median
    per call, against a plain-float implementation of the same formula (pre-parsed daily doses
    times factors looked up in dicts, summed for every set, thresholds checked); (a') the same
    after one row is edited (a new item object in that row, the other rows' objects kept, as
    the app's editor gives it: the engine remembers each item's normalisation and worked line
    by the item object);
(b) ``mps-pain mme --batch`` on generated regimens through the real CLI, in items per second,
    against a plain-float pass over the same JSONL (json.loads, float(dose) × doses/day ×
    factor, json.dumps of the totals);
(c) the same with ``--summary`` (totals, spread and warning codes, no per-item prose);
(d) ``--summary`` on a harder file: the same drugs, but every dose drawn from a wide range, so
    nearly every line and most items are distinct (nothing to reuse between lines).

Each batch figure is printed with the CLI's CPU time (user + sys of the process and its
workers) beside its wall time, and the load average before and after, because the machine is
shared. Run: ``python benchmarks/mme_benchmark.py [--regimens 100000] [--parts abcd] [--jobs N]``
(``--jobs``: the CLI's worker processes, passed on; default one per core).
Targets (issue #2): (a) ≤ 0.5 ms; (b) ≥ 100,000 items per second (issue 11: or (c)).
No test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.mme import compute_mme
from mps_pain.services.documents import parse_regimen
from mps_pain.tables.loader import get_tables

TEN_ITEMS: list[dict[str, Any]] = [
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"},
    {
        "drug": "oxycodone",
        "route": "oral",
        "form": "IR",
        "dose": "5 mg",
        "prn": True,
        "doses_per_day": 3,
    },
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"},
    {"drug": "hydromorphone", "route": "oral", "dose": "2 mg", "frequency": "q4h"},
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "tid"},
    {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"},
    {"drug": "acetaminophen", "route": "oral", "dose": "1 g", "frequency": "qid"},
    {"drug": "naproxen", "route": "oral", "dose": "250 mg", "frequency": "bid"},
    {"drug": "tramadol", "route": "oral", "dose": "50 mg", "frequency": "qid"},
]
POOL: list[dict[str, Any]] = [
    {
        "drug": "oxycodone",
        "route": "oral",
        "form": "ER",
        "frequency": "q12h",
        "doses": [5, 10, 20, 40],
    },
    {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h", "doses": [2.5, 5, 10]},
    {"drug": "morphine", "route": "oral", "frequency": "q4h", "doses": [5, 10, 15, 20]},
    {"drug": "hydromorphone", "route": "oral", "frequency": "q4h", "doses": [1, 2, 4]},
    {"drug": "tramadol", "route": "oral", "frequency": "qid", "doses": [25, 50, 100]},
    {"drug": "tapentadol", "route": "oral", "frequency": "bid", "doses": [50, 100]},
    {"drug": "acetaminophen", "route": "oral", "frequency": "qid", "doses": [500, 1000]},
    {"drug": "pregabalin", "route": "oral", "frequency": "bid", "doses": [25, 75, 150]},
]


def _median_ms(function: Any, repeat: int) -> float:
    for _ in range(repeat // 10):
        function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def bench_recompute(repeat: int) -> tuple[float, float, float]:
    """(a) the same document again, (a') a document with one row edited, as the app's editor
    gives it (the other rows' items are the same objects, the edited row a new one), and the
    plain-float baseline; medians in ms."""
    tables = get_tables()
    document = parse_regimen({"items": TEN_ITEMS, "prn": "include"})
    ours = _median_ms(lambda: compute_mme(tables, document, table_id="cdc-2022"), repeat)
    edited = []
    for step in range(repeat + repeat // 10):
        items = list(document.items)
        row = step % len(items)
        items[row] = items[row].model_copy()  # a new object with the same content
        edited.append(document.model_copy(update={"items": items}))
    queue = iter(edited)
    one_row = _median_ms(lambda: compute_mme(tables, next(queue), table_id="cdc-2022"), repeat)

    # Plain floats: the same doses as mg/day, the factors of every set as dict lookups.
    daily = [item.daily_mg_per_day() for item in document.items]
    keys = [(item.drug, item.route) for item in document.items]
    factors = {
        set_.id: {(f.drug, r): f.factor for f in set_.factors for r in f.routes if f.band is None}
        for set_ in tables.tables.reference_sets
    }
    thresholds = [50.0, 90.0]

    def plain() -> tuple[float, list[float | None], int]:
        totals: list[float | None] = []
        for table in factors.values():
            total = 0.0
            for amount, key in zip(daily, keys, strict=True):
                factor = table.get(key)
                if factor is not None:
                    total += amount * factor
            totals.append(total)
        chosen = totals[0] or 0.0
        return chosen, totals, sum(chosen >= t for t in thresholds)

    baseline = _median_ms(plain, repeat)
    return ours, one_row, baseline


def _pool_dose(rng: random.Random, choice: dict[str, Any]) -> str:
    return f"{rng.choice(choice['doses'])} mg"


def _scaled_dose(rng: random.Random, choice: dict[str, Any]) -> str:
    """One of the pool's doses scaled by 0.50–1.50 in steps of 0.001: doses rarely repeat."""
    return f"{rng.choice(choice['doses']) * rng.randint(500, 1500) / 1000:g} mg"


def _generate(
    path: Path, regimens: int, seed: int = 7, dose: Callable[..., str] = _pool_dose
) -> int:
    rng = random.Random(seed)
    items_total = 0
    with path.open("w", encoding="utf-8") as out:
        for _ in range(regimens):
            chosen = rng.sample(POOL, rng.randint(1, 6))
            items = [
                {
                    "drug": c["drug"],
                    "route": c["route"],
                    **({"form": c["form"]} if "form" in c else {}),
                    "dose": dose(rng, c),
                    "frequency": c["frequency"],
                }
                for c in chosen
            ]
            items_total += len(items)
            out.write(json.dumps({"table": "cdc-2022", "prn": "include", "items": items}) + "\n")
    return items_total


def _generate_distinct(path: Path, regimens: int, seed: int = 11) -> int:
    """Like ``_generate``, but each dose is scaled per item (``_scaled_dose``): lines and items
    rarely repeat."""
    return _generate(path, regimens, seed, _scaled_dose)


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_batch(
    regimens: int, *flags: str, distinct: bool = False, jobs: int | None = None
) -> tuple[float, float, int, float, float]:
    """Items/s of ``mme --batch FLAGS`` through the real CLI and of the plain-float pass, the
    item count, and the CLI's wall and CPU seconds."""
    tables = get_tables()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "regimens.jsonl"
        items_total = (_generate_distinct if distinct else _generate)(path, regimens)
        if jobs is not None:
            flags = (*flags, "--jobs", str(jobs))
        sink = Path(folder) / "out.jsonl"
        cpu_before = _children_cpu_s()
        start = time.perf_counter()
        with sink.open("w") as out:
            done = subprocess.run(
                [sys.executable, "-m", "mps_pain_cli", "mme", "--batch", str(path), *flags],
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        ours_s = time.perf_counter() - start
        ours_cpu_s = _children_cpu_s() - cpu_before
        if done.returncode != 0:
            raise SystemExit(f"batch failed: {done.stderr}")

        factors = {
            (f.drug, r): f.factor
            for f in tables.reference_set("cdc-2022").factors
            for r in f.routes
        }
        per_day = {
            word: parse_frequency(word).doses_per_day for word in ("q12h", "q4h", "qid", "bid")
        }
        start = time.perf_counter()
        with path.open(encoding="utf-8") as source, sink.open("w") as out:
            for line in source:
                document = json.loads(line)
                total = 0.0
                for item in document["items"]:
                    factor = factors.get((item["drug"], item["route"]))
                    if factor is not None:
                        total += (
                            float(item["dose"].split()[0]) * per_day[item["frequency"]] * factor
                        )
                out.write(json.dumps({"total_mme_per_day": total}) + "\n")
        baseline_s = time.perf_counter() - start
    return items_total / ours_s, items_total / baseline_s, items_total, ours_s, ours_cpu_s


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


BATCHES = {
    "b": ("(b) --batch", (), False),
    "c": ("(c) --batch --summary", ("--summary",), False),
    "d": ("(d) --batch --summary, distinct doses", ("--summary",), True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regimens", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3000)
    parser.add_argument("--parts", default="abcd", help="which figures to measure, e.g. 'cd'")
    parser.add_argument("--jobs", type=int, help="the CLI's --jobs for (b)-(d) (default: per core)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; before: {_load()}")
    if "a" in args.parts:
        ours_ms, one_row_ms, base_ms = bench_recompute(args.repeat)
        for label, ms in (
            ("(a) recompute", ours_ms),
            ("(a') recompute, one row edited", one_row_ms),
        ):
            print(
                f"{label}, 10 items: {ms:.3f} ms median; plain floats {base_ms:.4f} ms; "
                f"ratio {ms / base_ms:.0f}x; target ≤ 0.5 ms: {'met' if ms <= 0.5 else 'NOT met'}"
            )
    for part, (label, flags, distinct) in BATCHES.items():
        if part not in args.parts:
            continue
        rate, base_rate, items, wall_s, cpu_s = bench_batch(
            args.regimens, *flags, distinct=distinct, jobs=args.jobs
        )
        print(
            f"{label}, {args.regimens} regimens / {items} items: {rate:,.0f} items/s "
            f"(wall {wall_s:.2f} s, CPU {cpu_s:.2f} s user+sys); plain floats "
            f"{base_rate:,.0f} items/s in the same run; ratio {base_rate / rate:.1f}x slower; "
            f"target ≥ 100,000 items/s: {'met' if rate >= 100_000 else 'NOT met'}; {_load()}"
        )


if __name__ == "__main__":
    main()
