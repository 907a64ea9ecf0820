"""``mme --batch --summary``: the full contract's numbers and refusals, without the prose."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.cli import call

LINES = [
    {"items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]},
    {
        "table": "fpm-2021",
        "prn": "exclude",
        "items": [
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "ER",
                "dose": "20 mg",
                "frequency": "q12h",
            },
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "IR",
                "dose": "5 mg",
                "prn": True,
                "doses_per_day": 3,
            },
            {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        ],
    },
    {
        "items": [
            {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"},
            {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"},
        ],
        "table": "cdc-2016",
    },
    {"items": [{"drug": "morphine", "route": "oral", "dose": "10 u", "frequency": "q4h"}]},
    {"items": [{"drug": "morphinex", "route": "oral", "dose": "10 mg", "frequency": "q4h"}]},
    {
        "items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}],
        "patient": {"egfr": "20 mL/min", "age": 90},
    },
    {"items": [{"drug": "fentanyl", "route": "buccal", "dose": "100 mcg", "frequency": "q4h"}]},
    # Defects of the first --summary, each a wrong number or a different refusal:
    # a market's default set (JP: jspm-2010) was ignored, so the summary used cdc-2022;
    {"market": "JP", "items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg"}]},
    # an as-needed opioid left out by "exclude" still needs a row in the chosen set (the full
    # result refuses it); the summary gave a total;
    {
        "table": "cdc-2016",
        "prn": "exclude",
        "items": [
            {"drug": "morphine", "route": "oral", "daily_dose": "60 mg"},
            {"drug": "tramadol", "route": "oral", "dose": "50 mg", "prn": True, "doses_per_day": 2},
        ],
    },
    # a set without a row for an item the PRN choice leaves out still has a total in the spread;
    {
        "prn": "exclude",
        "items": [
            {"drug": "morphine", "route": "oral", "daily_dose": "60 mg"},
            {"drug": "tramadol", "route": "oral", "dose": "50 mg", "prn": True, "doses_per_day": 2},
        ],
    },
    # two bad items: the refusal counts both problems, as the full contract's does.
    {
        "items": [
            {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h", "doze": 1},
            {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h", "doze": 2},
        ]
    },
]


def _run(tmp_path: Path, *flags: str) -> list[dict[str, Any]]:
    path = tmp_path / "batch.jsonl"
    text = "\n".join(json.dumps(line) for line in LINES) + "\n"
    path.write_text(text + text, encoding="utf-8")  # twice: the second pass hits the caches
    outcome = call(["mme", "--batch", str(path), "--jobs", "1", *flags])
    return [json.loads(line) for line in outcome.stdout.splitlines()]


def test_summary_lines_carry_the_full_contracts_numbers(tmp_path: Path) -> None:
    full = _run(tmp_path)
    summary = _run(tmp_path, "--summary")
    assert len(full) == len(summary) == 2 * len(LINES)
    for whole, short in zip(full, summary, strict=True):
        assert whole["line"] == short["line"]
        if "error" in whole:
            assert short == whole
            continue
        assert "error" not in short, short
        assert short["total_mme_per_day"] == whole["total_mme_per_day"]
        assert short["table"] == whole["table"] and short["prn"] == whole["prn"]
        assert short["spread"] == {s["table"]: s["total_mme_per_day"] for s in whole["spread"]}
        assert short["warnings"] == [[w["code"], w["severity"]] for w in whole["warnings"]]
        assert "items" not in short


def test_summary_is_refused_without_batch() -> None:
    outcome = call(["mme", "-", "--summary"], "{}")
    assert outcome.returncode == 2 and "--summary" in outcome.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_summary_keeps_each_bad_lines_error_on_its_line(tmp_path: Path, jobs: str) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps(LINES[0]).encode()
    path.write_bytes(b"\n".join([good, b"\xff", b"[" * 50_000, good]) + b"\n")
    outcome = call(["mme", "--batch", str(path), "--jobs", jobs, "--summary"])
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert [("error" in r) for r in results] == [False, True, True, False]
    assert results[0]["total_mme_per_day"] == results[3]["total_mme_per_day"] == 60
