"""Fuzz review 19, D1: a fentanyl patch order whose `dosageInstruction` lists the same 25 mcg/h
twice gave 142.5 MME/day for 82.5, and `rotate` planned from it, with no caution. FHIR R4
(`Dosage.sequence`) treats dosages of one sequence as concurrent: a repeat says the dose twice
over, and a repeat sent by mistake looks the same, so the order is refused naming the repeat.
The same patch order under two ids is two orders (``fhir export`` writes one order per patch):
counted as worn together, with the caution of two patches of one strength."""

from __future__ import annotations

from pathlib import Path

from tests.cli_runner import run_cli

FUZZ19 = Path(__file__).parent / "fixtures" / "fuzz19"


def test_a_repeated_dosage_instruction_stops_the_total_and_is_named() -> None:
    done = run_cli(
        "mme",
        "--fhir",
        str(FUZZ19 / "fhir-patch-dosageInstruction-twice-counted-twice-no-caution.fhir.json"),
    )
    assert done.returncode == 2, done.stdout[-300:]
    assert "Total:" not in done.stdout
    assert "dosageInstruction[1]" in done.stderr and "dosageInstruction[0]" in done.stderr


def test_the_control_is_read() -> None:
    done = run_cli(
        "mme",
        "--table",
        "cdc-2022",
        "--fhir",
        str(FUZZ19 / "fhir-control-fentanyl-patch.fhir.json"),
    )
    assert done.returncode == 0, done.stderr
    assert "Total: 82.5 MME/day" in done.stdout


def test_the_same_patch_order_under_two_ids_is_cautioned() -> None:
    done = run_cli(
        "mme",
        "--table",
        "cdc-2022",
        "--fhir",
        str(FUZZ19 / "fhir-same-patch-order-twice-under-two-ids.fhir.json"),
    )
    assert done.returncode == 0, done.stderr
    assert "two fentanyl patches of 25 mcg/h" in done.stdout
    assert "entered twice" in done.stdout
