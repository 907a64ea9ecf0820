"""Fuzz review 16, N3: `mme --fhir` refused the project's own IV hydromorphone bundle under the
default cdc-2022 set naming `items[0].route`, and a rescue with no count naming
`items[1].doses_per_day: row 2:`; the user gave a Bundle, which has no items[0] and no row 2.
A refusal at a row read from FHIR names the FHIR order (``MedicationRequest/<id>.<field>``), in
`mme --fhir`, `rotate --fhir` and `check --fhir` alike (``fhir_command.in_fhir_places``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import run_cli

HERE = Path(__file__).parent
IV_BUNDLE = str(HERE / "cases" / "kodama-2024-case-2-iv.fhir.json")
NO_COUNT = str(HERE / "fixtures" / "fuzz16" / "mme-fhir-rescue-count-not-reported.fhir.json")


def _last_line(stderr: str) -> str:
    return stderr.strip().splitlines()[-1]


def test_mme_names_the_infusion_order_not_items_0() -> None:
    done = run_cli("mme", "--fhir", IV_BUNDLE)
    assert done.returncode == 2
    assert done.stderr.startswith("mps-pain: MedicationRequest/hm-infusion.route: "), done.stderr
    assert "items[" not in done.stderr


def test_the_json_error_carries_the_fhir_order_as_its_location() -> None:
    done = run_cli("mme", "--fhir", IV_BUNDLE, "--json")
    assert json.loads(done.stdout)["error"]["location"] == "MedicationRequest/hm-infusion.route"


@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_a_rescue_with_no_count_is_named_by_its_order_in_every_command(
    command: str, tmp_path: Path
) -> None:
    argv = ["mme", "--fhir", NO_COUNT]
    if command != "mme":
        request = tmp_path / "request.json"
        oxy = {"drug": "oxycodone", "route": "oral", "form": "MR", "frequency": "q12h"}
        body = {"to": oxy} if command == "rotate" else {"proposed": {"items": [
            {**oxy, "dose": "10 mg"}]}}  # fmt: skip
        request.write_text(json.dumps(body))
        argv = [command, str(request), "--fhir", NO_COUNT]
    done = run_cli(*argv)
    assert done.returncode == 2
    line = _last_line(done.stderr)
    assert line.startswith("mps-pain: MedicationRequest/oxy-ir-rescue.doses_per_day: "), line
    assert "items[" not in line and "row 2" not in line, line
