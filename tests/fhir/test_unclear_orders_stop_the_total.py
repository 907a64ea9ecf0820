"""Fuzz review 15, #1–#3 (high): FHIR input that changed an opioid total with exit 0.

- An order entry with no (or a non-text) `resourceType` was skipped as "not a supported
  resource": `mme --fhir` printed 22.5 MME/day for 82.5, the fentanyl patch left out.
- An order whose `status` is no FHIR status (`activ`, garbage) was "left out, not active".
- An order for another patient (`subject`), or whose dosing period ended in 2020, was counted.

Each is now a refused order, named with its path: a refused order stops a calculation (a total
without it would be silently low or high), as every other unreadable order does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import run_cli

FUZZ = Path(__file__).parent / "fixtures" / "fuzz15"


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("fhir-patch-without-resourceType.fhir.json", "resourceType"),
        ("fhir-order-without-resourceType.fhir.json", "resourceType"),
        ("fhir-status-typo.fhir.json", "status"),
        ("fhir-status-garbage.fhir.json", "status"),
        ("fhir-order-other-patient.fhir.json", "subject"),
        ("fhir-patch-other-patient.fhir.json", "subject"),
        ("fhirprobe-bounds-ended-2020.fhir.json", "boundsPeriod"),
    ],
)
def test_the_total_stops_and_names_the_order(name: str, named: str) -> None:
    done = run_cli("mme", "--fhir", str(FUZZ / name))
    assert done.returncode == 2, (done.stdout[-300:], done.stderr)
    assert "Total:" not in done.stdout
    assert named in done.stderr, done.stderr


# Fuzz review 16, N2 (low-medium): orders with an `intent` that is no FHIR intent, in a Bundle
# whose `type` is no Bundle type, or deleted by their transaction entry (`request.method`
# DELETE) were counted in today's total (97.5).
FUZZ16 = Path(__file__).parent / "fixtures" / "fuzz16"


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("fhir-patch-intent-garbage.fhir.json", "intent"),
        ("fhir-bundle-type-garbage.fhir.json", "Bundle.type"),
        ("fhir-DELETE-transaction.fhir.json", "request.method"),
    ],
)
def test_an_order_not_current_by_its_codes_stops_the_total(name: str, named: str) -> None:
    done = run_cli("mme", "--fhir", str(FUZZ16 / name))
    assert done.returncode != 0, done.stdout[-300:]
    assert "Total:" not in done.stdout
    assert named in done.stderr, done.stderr
