"""``mps-pain fhir import/export`` and ``--fhir`` on mme, rotate and check, called in process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain_cli.main import main
from tests.fhir.conftest import CASES, ORAL, bundle, q, request

CASE_1 = str(CASES / "takamatsu-2018-case-1-admission.fhir.json")
PATCH = str(CASES / "fentanyl-patch.fhir.json")


def _write(tmp_path: Path, name: str, payload: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


def test_import_prints_the_regimen_document_mme_reads(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["fhir", "import", CASE_1]) == 0
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert [i["drug"] for i in document["items"]] == [
        "oxycodone",
        "oxycodone",
        "naproxen",
        "acetaminophen",
        "pregabalin",
    ]
    assert "left out MedicationRequest/tramadol-stopped (Tramadol)" in err
    assert document["items"][1]["doses_per_day"] == "not reported"
    regimen = _write(tmp_path, "regimen.json", document)
    assert main(["mme", regimen, "--json", "--table", "cdc-2022"]) == 2
    assert "doses taken in 24 h were not reported" in capsys.readouterr().err
    document["items"][1]["doses_per_day"] = 0  # the pharmacist answers: none taken
    regimen = _write(tmp_path, "regimen.json", document)
    assert main(["mme", regimen, "--json", "--table", "cdc-2022"]) == 0
    assert json.loads(capsys.readouterr().out)["total_mme_per_day"] == 30


def test_import_lists_refused_orders_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
    }
    bad = {**good, "doseAndRate": [{"doseQuantity": {"value": 10}}]}
    path = _write(tmp_path, "b.json", bundle(request("ok", good), request("rx-9", bad)))
    assert main(["fhir", "import", path, "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert len(payload["document"]["items"]) == 1
    assert payload["refused"] == [
        {
            "source": "MedicationRequest/rx-9",
            "path": "dosageInstruction[0].doseAndRate[0].doseQuantity.code",
            "code": "no-unit",
            "message": "no UCUM unit code",
        }
    ]
    assert main(["mme", "--fhir", path]) == 2
    assert "MedicationRequest/rx-9 dosageInstruction[0]" in capsys.readouterr().err


def test_mme_reads_fhir_directly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mme", "--fhir", PATCH, "--json", "--table", "cdc-2022"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total_mme_per_day"] == 60 + 22.5


TO_MORPHINE_ER = {
    "to": {"drug": "morphine", "route": "oral", "form": "er", "frequency": "q12h"},
    "table": "uk-palliative",
}


def test_rotate_and_check_take_from_fhir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request_path = _write(tmp_path, "to.json", TO_MORPHINE_ER)
    assert main(["rotate", request_path, "--fhir", PATCH, "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["regimen"]["drug"] == "morphine"
    assert [line["drug"] for line in plan["current"]] == ["fentanyl", "oxycodone"]
    check_path = _write(
        tmp_path,
        "proposed.json",
        {
            "proposed": {
                "items": [
                    {
                        "drug": "morphine",
                        "route": "oral",
                        "form": "er",
                        "dose": "30 mg",
                        "frequency": "q12h",
                    }
                ]
            },
            "table": "uk-palliative",
        },
    )
    assert main(["check", check_path, "--fhir", PATCH, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] in ("within", "below", "above")


def test_rotate_refuses_from_twice(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    both = _write(
        tmp_path, "both.json", {"from": {"items": []}, "to": {"drug": "morphine", "route": "oral"}}
    )
    assert main(["rotate", both, "--fhir", PATCH]) == 2
    assert "not both" in capsys.readouterr().err


def test_export_prints_a_bundle_that_reimports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    request_path = _write(tmp_path, "to.json", TO_MORPHINE_ER)
    assert main(["rotate", request_path, "--fhir", PATCH, "--json"]) == 0
    plan_path = _write(tmp_path, "plan.json", json.loads(capsys.readouterr().out))
    assert main(["fhir", "export", plan_path]) == 0
    exported = json.loads(capsys.readouterr().out)
    requests = [e["resource"] for e in exported["entry"]]
    assert {(r["status"], r["intent"]) for r in requests} == {("draft", "proposal")}
    assert requests[1]["dosageInstruction"][0]["asNeededBoolean"] is True
    note = requests[0]["note"][0]["text"]
    assert "uk-palliative" in note and "sha256" in note
    bundle_path = _write(tmp_path, "bundle.json", exported)
    assert main(["fhir", "import", bundle_path, "--proposals", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["document"]["items"]
    assert items[0]["drug"] == "morphine" and items[0]["form"] == "er"


def test_export_of_something_that_is_not_a_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["fhir", "export", _write(tmp_path, "x.json", {"items": []})]) == 2
    assert capsys.readouterr().err.startswith("mps-pain: ")
