"""The `mps-pain` command as a user runs it (in process): contract, refusals, batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import CliRun, run_cli, run_cli_process, run_document

ISSUE_EXAMPLE = {
    "table": "cdc-2022",
    "prn": "include",
    "patient": {"egfr": "45 mL/min"},
    "items": [
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
        {"drug": "oxycodone", "route": "iv", "rate": "2 mg/h"},
        {"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"},
        {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"},
    ],
}


def mme_json(document: Any, *extra: str) -> CliRun:
    return run_document("mme", document, "--json", *extra)


def test_json_contract_keys_and_values_for_a_fully_covered_regimen() -> None:
    document = {**ISSUE_EXAMPLE, "table": "fpm-2021"}
    # smoke test: the real entry point, reading standard input
    done = run_cli_process("mme", "-", "--json", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert {"table", "prn", "total_mme_per_day", "items", "spread", "warnings"} <= set(out)
    assert set(out["table"]) == {"id", "version", "sha256", "modified_path"}
    assert out["table"]["id"] == "fpm-2021"
    assert out["prn"] == "include"
    # 20 mg × 1.5 + 15 mg × 1.5 + 25 mcg/h × 3 + 48 mg × 3 + 60 + 0 = 331.5
    assert out["total_mme_per_day"] == pytest.approx(331.5)
    for item in out["items"]:
        assert {
            "drug",
            "route",
            "daily_dose",
            "factor",
            "mme_per_day",
            "source",
            "explanation",
        } <= set(item)
        assert set(item["daily_dose"]) == {"value", "unit"}
    assert {entry["table"] for entry in out["spread"]} >= {"cdc-2022", "fpm-2021", "jspm-2010"}
    for warning in out["warnings"]:
        assert set(warning) >= {"code", "severity", "message"}


def test_the_issue_example_under_cdc_2022_is_refused_for_iv_oxycodone_not_zeroed() -> None:
    done = mme_json(ISSUE_EXAMPLE)
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "no-factor" and error["location"] == "items[3].route"
    assert "fpm-2021" in error["message"]


def test_text_output_shows_the_worked_arithmetic_and_total(tmp_path: Path) -> None:
    file = tmp_path / "regimen.yaml"
    file.write_text(
        "table: cdc-2022\nprn: exclude\nitems:\n"
        "  - {drug: oxycodone, route: oral, form: ER, daily_dose: 60 mg/day}\n",
        encoding="utf-8",
    )
    done = run_cli("mme", str(file))
    assert done.returncode == 0
    assert "oxycodone oral ER: 60 mg/day × 1.5 (CDC 2022" in done.stdout
    assert "Total: 90 MME/day" in done.stdout
    assert "As-needed doses: excluded" in done.stdout


def test_flags_override_the_document() -> None:
    done = mme_json(
        {
            "table": "cdc-2016",
            "items": [{"drug": "hydromorphone", "route": "oral", "daily_dose": "2 mg/day"}],
        },
        "--table",
        "cdc-2022",
        "--prn",
        "exclude",
    )
    out = json.loads(done.stdout)
    assert out["table"]["id"] == "cdc-2022" and out["total_mme_per_day"] == pytest.approx(10)
    assert out["prn"] == "exclude"


def _morphine(**changes: str | None) -> dict[str, Any]:
    """Morphine 10 mg oral q4h with ``changes`` (a ``None`` leaves the key out)."""
    item = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h", **changes}
    return {key: value for key, value in item.items() if value is not None}


BAD_INPUTS = [
    ("negative dose", _morphine(dose="-10 mg"), "items[0].dose"),
    ("zero dose", _morphine(dose="0 mg"), "items[0].dose"),
    ("NaN dose", _morphine(dose="NaN mg"), "items[0].dose"),
    ("infinite dose", _morphine(dose="inf mg"), "items[0].dose"),
    ("wrong dimension", _morphine(dose="10 h"), "items[0].dose"),
    ("volume without concentration", _morphine(dose="5 mL"), "items[0]"),
    ("unknown drug", _morphine(drug="morfine"), "items[0].drug"),
    ("route without factor", _morphine(route="rectal"), "items[0].route"),
    ("unknown frequency", _morphine(frequency="now and then"), "items[0].frequency"),
    ("missing frequency", _morphine(frequency=None), "items[0]"),
    ("unknown key", _morphine(dose=None, doze="10 mg"), "items[0].doze"),
    (
        "fentanyl patch in mg/h",
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mg/h"},
        "items[0].rate",
    ),
]


@pytest.mark.parametrize(("label", "item", "location"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_each_bad_input_exits_2_with_one_line_naming_the_field(
    label: str, item: dict[str, Any], location: str
) -> None:
    done = mme_json({"table": "cdc-2022", "items": [item]})
    assert done.returncode == 2, done.stdout
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"mps-pain: {location}")
    error = json.loads(done.stdout)["error"]
    assert set(error) == {"code", "message", "location"}
    assert error["location"] == location


def test_unknown_drug_suggests_close_names() -> None:
    done = run_cli(
        "mme",
        "-",
        stdin=json.dumps(
            {"items": [{"drug": "oxycodon", "route": "oral", "daily_dose": "10 mg/day"}]}
        ),
    )
    assert done.returncode == 2 and "Did you mean oxycodone" in done.stderr


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"items": [', "not valid JSON"),
        ("items: [unclosed", "not valid YAML"),
        ("[1, 2]", "expected an object"),
        ('{"items": {"drug": "x"}}', "wrong shape"),
        ("", "empty"),
    ],
)
def test_malformed_documents_are_refused(text: str, fragment: str) -> None:
    done = run_cli("mme", "-", stdin=text)
    assert done.returncode == 2 and fragment in done.stderr


def test_unknown_set_id_is_refused() -> None:
    done = run_cli("mme", "-", "--table", "cdc-1999", stdin=json.dumps(ISSUE_EXAMPLE))
    assert done.returncode == 2 and "--table" in done.stderr and "cdc-2022" in done.stderr


def test_missing_file_is_refused() -> None:
    done = run_cli("mme", "/nonexistent/regimen.json")
    assert done.returncode == 2 and "no such file" in done.stderr


def test_batch_keeps_order_and_reports_a_bad_line_in_the_middle(tmp_path: Path) -> None:
    good = {
        "table": "cdc-2022",
        "items": [{"drug": "morphine", "route": "oral", "daily_dose": "30 mg/day"}],
    }
    bad = {"table": "cdc-2022", "items": [{"drug": "morphine", "route": "oral", "doze": "30 mg"}]}
    lines = [
        json.dumps(good),
        json.dumps(bad),
        "{not json",
        "",
        json.dumps({**good, "table": "fpm-2021"}),
    ]
    batch = tmp_path / "orders.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli_process("mme", "--batch", str(batch))  # smoke test: a real process
    assert done.returncode == 1
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5]
    assert out[0]["total_mme_per_day"] == 30 and out[4]["table"]["id"] == "fpm-2021"
    assert out[1]["error"]["location"] == "items[0].doze"
    assert out[2]["error"]["code"] == "malformed-document"
    assert out[3]["error"]["code"] == "malformed-document"


def test_tables_lists_sets_with_sources() -> None:
    done = run_cli("tables")
    assert done.returncode == 0
    assert "cdc-2016" in done.stdout and "Dowell D" in done.stdout
    data = json.loads(run_cli("tables", "--json").stdout)
    assert len(data["sha256"]) == 64 and {s["id"] for s in data["reference_sets"]} >= {
        "cdc-2022",
        "jspm-2010",
    }


def test_schema_is_the_pydantic_json_schema_of_the_regimen_document() -> None:
    schema = json.loads(run_cli("schema", "regimen").stdout)
    assert "items" in schema["properties"] and schema["additionalProperties"] is False


def test_usage_errors_are_one_line_and_exit_2() -> None:
    done = run_cli("mme", "--prn", "sometimes")
    assert done.returncode == 2 and "invalid choice" in done.stderr
    process = run_cli_process("mme", "--prn", "sometimes")  # smoke test: argparse's real exit
    assert (process.returncode, process.stderr) == (done.returncode, done.stderr)
