"""Fuzz review 18, D1 (medium): an opioid held in a resource the reader does not read was left
out of `mme/rotate/check --fhir` with exit 0 and no word.

The fentanyl 25 mcg/h patch of `cases/fentanyl-patch.fhir.json` recorded as a
`MedicationDispense` (or as `Basic`) gave "Total: 22.5 MME/day" (the rescue alone, 82.5 with the
patch) and rotate planned morphine MR 5 mg q12h for a patient on the patch. `fhir import` listed
the resource as "not read"; the calculations did not.

One rule (`mps_pain.fhir.coverage.left_out`) now says what of a bundle is left out of a
calculation: a resource not read that may hold a medication stops mme, rotate and check (exit 2,
named), as a refused order does; one whose FHIR type holds no medication (a Condition, an
Encounter) is named and the total goes on. The property: adding a resource of any type the
reader does not read never leaves the output unchanged and silent."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.fhir.coverage import HOLDS_NO_MEDICATION, NO_MEDICATION_REASONS
from tests.cli_runner import run_cli
from tests.fhir.conftest import CASES

FUZZ18 = Path(__file__).parent / "fixtures" / "fuzz18"
DISPENSE = FUZZ18 / "fhir-patch-as-MedicationDispense-silently-left-out-of-mme.fhir.json"
BASIC = FUZZ18 / "fhir-patch-as-Basic-silently-left-out-of-mme.fhir.json"
TO_MORPHINE_MR = FUZZ18 / "rotate-request-for-dispense-bundle.json"
PATCH = CASES / "fentanyl-patch.fhir.json"
READ = {"MedicationRequest", "MedicationStatement", "Medication", "Patient", "Observation"}


@pytest.mark.parametrize(
    ("path", "label"), [(DISPENSE, "MedicationDispense/patch-dispensed"), (BASIC, "Basic/patch")]
)
def test_mme_gives_no_total_without_the_patch(path: Path, label: str) -> None:
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 2, done.stdout
    assert "Total:" not in done.stdout and "22.5" not in done.stdout
    assert label in done.stderr, done.stderr
    assert "not read" in done.stderr, done.stderr


@pytest.mark.parametrize("command", ["rotate", "check"])
def test_rotate_and_check_make_no_plan_without_the_patch(command: str, tmp_path: Path) -> None:
    request = json.loads(TO_MORPHINE_MR.read_text(encoding="utf-8"))
    if command == "check":
        request = {
            "proposed": {"items": [{**request.pop("to"), "dose": "5 mg"}]},
            "table": request["table"],
        }
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    done = run_cli(command, str(path), "--fhir", str(DISPENSE))
    assert done.returncode == 2, done.stdout
    assert "22.5" not in done.stdout and "5 mg" not in done.stdout
    assert "MedicationDispense/patch-dispensed" in done.stderr, done.stderr


def test_the_same_patch_as_an_order_is_counted() -> None:
    """The control: the unedited bundle gives the reviewer's 82.5 MME/day."""
    done = run_cli("mme", "--fhir", str(PATCH), "--table", "cdc-2022")
    assert done.returncode == 0, done.stderr
    assert "Total: 82.5 MME/day" in done.stdout


@cache
def _unread_types() -> tuple[str, ...]:
    """Every FHIR R4 resource type the models know, less the ones the reader reads."""
    from fhir.resources.R4B import fhirtypes
    from fhir.resources.R4B.domainresource import DomainResource

    found = []
    for name in dir(fhirtypes):
        if not name.endswith("Type") or name.startswith("_"):
            continue
        try:
            model = getattr(fhirtypes, name).get_model_klass()
        except (AttributeError, TypeError, ValueError, ImportError):
            continue
        kind = name.removesuffix("Type")
        if isinstance(model, type) and issubclass(model, DomainResource) and kind not in READ:
            found.append(kind)
    return tuple(sorted(found))


BASES = (
    (PATCH, "cdc-2022"),
    (CASES / "methadone.fhir.json", "cdc-2022"),
    (CASES / "kodama-2024-case-1-infusion.fhir.json", "uk-palliative"),
    (CASES / "kodama-2024-case-2-iv.fhir.json", "uk-palliative"),
)


def _with(resource: dict[str, Any], tmp_path: Path, name: str, base: Path = PATCH) -> Path:
    document = json.loads(base.read_text(encoding="utf-8"))
    document["entry"].append({"resource": resource})
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@cache
def _unedited(base: Path, table: str) -> str:
    done = run_cli("mme", "--fhir", str(base), "--table", table)
    assert done.returncode == 0 and "Total:" in done.stdout, done.stderr
    return done.stdout


def test_the_unread_types_are_many() -> None:
    assert {"MedicationDispense", "MedicationAdministration", "Basic", "CarePlan"} <= set(
        _unread_types()
    )
    assert len(_unread_types()) > 100


@settings(max_examples=60, deadline=None)
@given(
    # deferred: the types are read from every FHIR model (2 s of CPU), when the property first
    # draws, not when each test process collects this file
    kind=st.deferred(lambda: st.sampled_from(_unread_types())),
    with_id=st.booleans(),
    base=st.sampled_from(BASES),
)
def test_an_unread_resource_never_leaves_the_total_silent(
    kind: str, with_id: bool, base: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """For each bundle, adding a resource of any type the reader does not read: the total is
    refused (no total printed), or printed exactly as without it and the resource named."""
    resource: dict[str, Any] = {"resourceType": kind}
    if with_id:
        resource["id"] = "added-1"
    bundle_path, table = base
    path = _with(resource, tmp_path_factory.mktemp("unread"), "bundle.json", bundle_path)
    done = run_cli("mme", "--fhir", str(path), "--table", table)
    label = f"{kind}/added-1" if with_id else f"{kind} (Bundle.entry["
    assert label in done.stderr, (kind, done.stderr)  # named, always
    if done.returncode == 0:  # a type that holds no medication: the total goes on, named
        assert done.stdout == _unedited(bundle_path, table)
        assert "holds no medication" in done.stderr, done.stderr
    else:
        assert done.returncode == 2, done.stdout
        assert "Total:" not in done.stdout


@pytest.mark.parametrize(
    "kind", ["MedicationDispense", "MedicationAdministration", "Basic", "CarePlan", "Composition"]
)
def test_a_type_that_may_hold_a_medication_stops_the_total(kind: str, tmp_path: Path) -> None:
    path = _with({"resourceType": kind, "id": "x"}, tmp_path, "bundle.json")
    done = run_cli("mme", "--fhir", str(path))
    assert done.returncode == 2, done.stdout
    assert f"{kind}/x" in done.stderr


@pytest.mark.parametrize("kind", ["Condition", "Encounter", "Practitioner", "Organization"])
def test_a_type_that_holds_no_medication_is_named_and_counted_around(
    kind: str, tmp_path: Path
) -> None:
    path = _with({"resourceType": kind, "id": "x"}, tmp_path, "bundle.json")
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 0, done.stderr
    assert "Total: 82.5 MME/day" in done.stdout
    assert f"{kind}/x" in done.stderr and "holds no medication" in done.stderr


def test_rotate_goes_on_past_a_condition_and_names_it(tmp_path: Path) -> None:
    path = _with({"resourceType": "Condition", "id": "c1"}, tmp_path, "bundle.json")
    done = run_cli("rotate", str(TO_MORPHINE_MR), "--fhir", str(path))
    assert done.returncode == 0, done.stderr
    plain = run_cli("rotate", str(TO_MORPHINE_MR), "--fhir", str(PATCH))
    assert done.stdout == plain.stdout
    assert "Condition/c1" in done.stderr and "holds no medication" in done.stderr


# Fuzz re-check 18c, N1 (medium): an opioid order held in ``contained`` of a resource the reader
# does read (the Patient, an Observation, an order) was left out with exit 0 and no word: 82.5
# MME/day for 142.5; check said WITHIN for a 58% cut. Every resource of a bundle, contained ones
# at any depth included, is now read or named as left out (``coverage.left_out``).

FUZZ18C = Path(__file__).parent / "fixtures" / "fuzz18c"
CONTAINED = sorted(FUZZ18C.glob("fhir-contained-morphine-order-in-*.fhir.json"))
CONTROL = FUZZ18C / "fhir-control-morphine-order-as-entry.fhir.json"
CHECK = FUZZ18C / "check-morphine-er-30-q12h.json"
HOLDERS = ("Patient", "Observation", "MedicationRequest", "MedicationStatement")


def test_the_contained_order_as_an_entry_is_counted() -> None:
    done = run_cli("mme", "--fhir", str(CONTROL), "--table", "cdc-2022")
    assert done.returncode == 0, done.stderr
    assert "Total: 142.5 MME/day" in done.stdout


@pytest.mark.parametrize("path", CONTAINED, ids=lambda p: p.name)
@pytest.mark.parametrize("command", ["mme", "rotate", "check"])
def test_a_contained_order_stops_every_calculation(path: Path, command: str) -> None:
    args = {
        "mme": ("mme", "--fhir", str(path), "--table", "cdc-2022"),
        "rotate": ("rotate", str(TO_MORPHINE_MR), "--fhir", str(path)),
        "check": ("check", str(CHECK), "--fhir", str(path)),
    }[command]
    done = run_cli(*args)
    assert done.returncode == 2, done.stdout
    assert "82.5" not in done.stdout and "WITHIN" not in done.stdout
    assert "MedicationRequest/morph-er" in done.stderr, done.stderr


@pytest.mark.parametrize("path", CONTAINED, ids=lambda p: p.name)
def test_fhir_import_names_the_contained_order(path: Path) -> None:
    done = run_cli("fhir", "import", str(path), "--json")
    listed = json.loads(done.stdout)
    assert any("MedicationRequest/morph-er" in s for s in listed["may_hold_medication"]), listed


def _contained_order() -> dict[str, Any]:
    bundle = json.loads(CONTAINED[0].read_text(encoding="utf-8"))
    for entry in bundle["entry"]:
        for inner in entry["resource"].get("contained", []):
            if inner["resourceType"] == "MedicationRequest":
                return dict(inner)
    raise AssertionError("the reproducer holds a contained order")


#: the least each type needs to be valid FHIR R4, so that only containment is tested
MINIMAL: dict[str, dict[str, Any]] = {
    "Patient": {},
    "Medication": {},
    "Condition": {"subject": {"reference": "Patient/pt"}},
    "Basic": {"code": {"text": "morphine 30 mg every 12 hours"}},
    "MedicationDispense": {
        "status": "completed",
        "medicationCodeableConcept": {"text": "morphine 30 mg modified-release tablet"},
    },
}


def _bury(inner: dict[str, Any], kinds: list[str]) -> dict[str, Any]:
    """``inner`` contained in each of ``kinds`` in turn, the last the outermost."""
    for depth, kind in enumerate(kinds):
        inner = {
            "resourceType": kind,
            "id": f"holder-{depth}",
            **MINIMAL[kind],
            "contained": [inner],
        }
    return inner


@settings(max_examples=40, deadline=None)
@given(
    holder=st.sampled_from(HOLDERS),
    between=st.lists(st.sampled_from(("Patient", "Medication", "Condition")), max_size=2),
    inner_kind=st.sampled_from(("MedicationRequest", "MedicationDispense", "Basic")),
)
def test_a_resource_contained_at_any_depth_is_never_left_out_silently(
    holder: str, between: list[str], inner_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A resource that may hold a medication, contained at any depth in a resource the reader
    reads (through holders that hold no medication, or a Medication): no total, and named."""
    inner = _contained_order()
    if inner_kind != "MedicationRequest":
        inner = {"resourceType": inner_kind, "id": "morph-er", **MINIMAL[inner_kind]}
    document = json.loads(CONTAINED[0].read_text(encoding="utf-8"))
    for entry in document["entry"]:
        entry["resource"].pop("contained", None)  # the reproducer's own contained order
    target = next(
        e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == holder
    )
    target["contained"] = [_bury(inner, between)]
    path = tmp_path_factory.mktemp("contained") / "bundle.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Total:" not in done.stdout
    assert f"{inner_kind}/morph-er (contained in " in done.stderr, done.stderr


@pytest.mark.parametrize("kind", ["Condition", "Medication"])
def test_a_contained_resource_that_holds_no_medication_is_counted_around(
    kind: str, tmp_path: Path
) -> None:
    document = json.loads(CONTROL.read_text(encoding="utf-8"))
    patient = next(
        e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    patient["contained"] = [{"resourceType": kind, "id": "c1", **MINIMAL[kind]}]
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 0, done.stderr
    assert "Total: 142.5 MME/day" in done.stdout
    if kind == "Condition":  # named; a Medication alone is no order, as an entry is not
        assert "Condition/c1 (contained in Patient/pt)" in done.stderr, done.stderr


def test_a_contained_medication_the_order_names_is_read_as_before() -> None:
    path = CASES / "kodama-2024-case-1-infusion.fhir.json"
    done = run_cli("mme", "--fhir", str(path), "--table", "uk-palliative")
    assert done.returncode == 0, done.stderr
    assert "not read" not in done.stderr, done.stderr


# Fuzz re-check 18c, N8: 12 types that hold no medication of the patient's stopped every total.
ADDED_18C = (
    "OperationOutcome",
    "Provenance",
    "Goal",
    "Flag",
    "Coverage",
    "Device",
    "MedicationKnowledge",
)
STILL_STOP = ("Composition", "List", "Immunization", "AllergyIntolerance", "Bundle")


@pytest.mark.parametrize("kind", sorted(HOLDS_NO_MEDICATION))
def test_each_type_named_as_holding_no_medication_is_counted_around(
    kind: str, tmp_path: Path
) -> None:
    path = _with({"resourceType": kind, "id": "x"}, tmp_path, "bundle.json")
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 0, done.stderr
    assert done.stdout == _unedited(PATCH, "cdc-2022")
    assert f"{kind}/x" in done.stderr and "holds no medication" in done.stderr


def test_the_types_the_reviewer_found_blocking_are_among_them() -> None:
    assert set(ADDED_18C) <= HOLDS_NO_MEDICATION
    assert all(NO_MEDICATION_REASONS[kind] for kind in HOLDS_NO_MEDICATION)


@pytest.mark.parametrize("kind", STILL_STOP)
def test_a_list_a_document_an_immunization_or_an_allergy_still_stops(
    kind: str, tmp_path: Path
) -> None:
    """Decided (docs/fhir.md): these may name a drug the calculation must not go on without."""
    path = _with({"resourceType": kind, "id": "x"}, tmp_path, "bundle.json")
    done = run_cli("mme", "--fhir", str(path), "--table", "cdc-2022")
    assert done.returncode == 2, done.stdout
    assert f"{kind}/x" in done.stderr
