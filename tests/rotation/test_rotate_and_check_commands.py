"""``mps-pain rotate`` and ``mps-pain check`` as a user runs them (in process, shipped tables)."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import run_cli, run_cli_process
from tests.rotation.conftest import request, scheduled

CONTRACT = [
    "ome_per_day",
    "table",
    "equianalgesic_daily_dose",
    "reduction",
    "target_daily_dose",
    "regimen",
    "breakthrough",
    "schedule",
    "steps",
    "spread",
    "warnings",
]
GOOD = request(
    [scheduled("oxycodone", "30 mg", "q12h", form="ER")],
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    table="fpm-2021",
    reduction="25%",
    patient={"age": 63, "egfr": "25 mL/min", "qtc": "440 ms", "opioid_tolerant": True},
)


def test_rotate_json_follows_the_contract() -> None:
    done = run_cli("rotate", "-", "--json", stdin=json.dumps(GOOD))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert list(payload)[: len(CONTRACT)] == CONTRACT
    assert payload["ome_per_day"] == 90
    assert set(payload["table"]) == {"id", "version", "sha256", "modified_path"}
    assert set(payload["equianalgesic_daily_dose"]) == {"value", "unit", "low", "high"}
    assert payload["reduction"] == 0.25
    assert set(payload["target_daily_dose"]) == {"value", "unit"}
    assert {"drug", "route", "form", "dose", "frequency", "rate"} <= set(payload["regimen"])
    assert {"drug", "route", "dose", "frequency"} <= set(payload["breakthrough"])
    assert all(set(e) == {"when", "action"} for e in payload["schedule"])
    assert all({"table", "target_daily_dose"} <= set(r) for r in payload["spread"])
    assert all({"code", "severity", "message"} <= set(w) for w in payload["warnings"])


def test_rotate_text_shows_steps_spread_and_warnings(tmp_path) -> None:
    file = tmp_path / "switch.json"
    file.write_text(json.dumps(GOOD), encoding="utf-8")
    done = run_cli_process("rotate", str(file))  # smoke test: the real entry point
    assert done.returncode == 0, done.stderr
    for heading in (
        "Steps:",
        "New regimen:",
        "Schedule:",
        "Across equianalgesic sets",
        "Warnings:",
    ):
        assert heading in done.stdout
    assert "FPM 2021" in done.stdout


def test_check_prints_the_verdict() -> None:
    doc = {
        "from": GOOD["from"],
        "proposed": {"items": [scheduled("hydromorphone", "4 mg", "q4h", form="IR")]},
        "table": "fpm-2021",
    }
    done = run_cli("check", "-", "--json", stdin=json.dumps(doc))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["verdict"] == "above" and payload["expected_high"] == pytest.approx(90 * 0.75)
    text = run_cli("check", "-", stdin=json.dumps(doc))
    assert "Verdict: ABOVE" in text.stdout


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({**GOOD, "table": "cdc-2022"}, "table"),
        ({**GOOD, "table": "nope"}, "table"),
        ({**GOOD, "reduction": "80%"}, "reduction"),
        ({**GOOD, "reduction": 25}, "reduction"),
        (
            {
                **GOOD,
                "to": {"drug": "hydromorfone", "route": "oral", "form": "IR", "frequency": "q4h"},
            },
            "to.drug",
        ),
        ({**GOOD, "to": {"drug": "hydromorphone", "route": "oral", "form": "IR"}}, "to.frequency"),
        (
            {
                **GOOD,
                "to": {
                    "drug": "hydromorphone",
                    "route": "oral",
                    "form": "IR",
                    "frequency": "q4h",
                    "continuous": True,
                },
            },
            "to",
        ),
        ({**GOOD, "from": {"items": []}}, "from.items"),
        (
            {**GOOD, "from": {"items": [{"drug": "oxycodone", "route": "oral", "dose": "30 mg"}]}},
            "from.items[0]",
        ),
        (
            {
                **GOOD,
                "from": {
                    "items": [
                        {"drug": "oxycodone", "route": "oral", "dose": "30 g", "frequency": "q12h"}
                    ]
                },
            },
            "from.items[0].dose",
        ),
        (
            {**GOOD, "methadone_method": "nope", "to": {"drug": "methadone", "route": "oral"}},
            "methadone_method",
        ),
        ({**GOOD, "patient": {"qtc": "440 kg"}}, "patient.qtc"),
        ({**GOOD, "patient": {"qtc": "abc"}}, "patient.qtc"),
        ({**GOOD, "doze": 1}, "doze"),
    ],
)
def test_each_bad_input_exits_2_with_one_line_naming_the_field(document, field) -> None:
    done = run_cli("rotate", "-", stdin=json.dumps(document))
    assert done.returncode == 2, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"mps-pain: {field}"), lines[0]


@pytest.mark.parametrize(
    ("field", "alone", "with_unit"),
    [("qtc", "440", "440 ms"), ("qtc", 440, "440 ms"), ("egfr", "25", "25 mL/min")],
)
def test_review10_1_a_number_alone_reads_in_the_fields_one_unit(field, alone, with_unit) -> None:
    """A QTc is written in ms, an eGFR or CrCl in mL/min: a number alone is read in that unit,
    by the CLI as by the app's header (one rule: ``unit_kinds.bare_number_unit``)."""
    outputs = []
    for value in (alone, with_unit):
        document = {**GOOD, "patient": {**GOOD["patient"], field: value}}
        done = run_cli("rotate", "-", "--json", stdin=json.dumps(document))
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_malformed_json_and_missing_files_exit_2() -> None:
    bad = run_cli("rotate", "-", stdin="{not json")
    assert bad.returncode == 2 and bad.stderr.startswith("mps-pain: ")
    missing = run_cli("check", "/nonexistent/file.json")
    assert missing.returncode == 2 and missing.stderr.startswith("mps-pain: FILE")


def test_json_errors_are_an_object_too() -> None:
    done = run_cli("rotate", "-", "--json", stdin=json.dumps({**GOOD, "table": "cdc-2022"}))
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"]["location"] == "table"
