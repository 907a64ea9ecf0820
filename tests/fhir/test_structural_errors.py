"""Every structural error of a FHIR file is our coded refusal, never a crash (fuzz review 2,
finding 2): ``entry: 10``, a contained ``resourceType: "Medicaton"`` or ``true``, a 2,001
character ``Patient.name[0].text`` all ended in exit 3 (TypeError, KeyError, ValidationError).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_runner import run_cli

CASES = sorted((Path(__file__).parent / "cases").glob("*.fhir.json"))
HL7 = sorted((Path(__file__).parent / "hl7").glob("*.json"))
EXAMPLES = [json.loads(path.read_text(encoding="utf-8")) for path in [*CASES, *HL7]]


def _fhir(tmp_path: Path, document: Any, *command: str) -> tuple[int, str]:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    run = (
        run_cli(*command, str(path))
        if command[0] == "fhir"
        else run_cli("mme", "--fhir", str(path))
    )
    return run.returncode, run.stderr


def _with_contained_type(value: Any) -> dict[str, Any]:
    document = copy.deepcopy(next(d for d in EXAMPLES if '"contained"' in json.dumps(d)))
    for entry in document["entry"]:
        for contained in entry["resource"].get("contained", []):
            contained["resourceType"] = value
            return document
    raise AssertionError("a shipped case has a contained resource")


@pytest.mark.parametrize("entry", [10, True, "x", {"resource": {}}])
@pytest.mark.parametrize("command", [("fhir", "import"), ("mme",)])
def test_a_bundle_entry_that_is_not_a_list_is_refused_naming_it(
    tmp_path: Path, entry: Any, command: tuple[str, ...]
) -> None:
    code, err = _fhir(
        tmp_path, {"resourceType": "Bundle", "type": "collection", "entry": entry}, *command
    )
    assert code == 2, err
    assert "Bundle.entry" in err and "internal error" not in err
    assert err.count("\n") == 1


def test_an_entry_that_is_not_an_object_is_refused_not_skipped(tmp_path: Path) -> None:
    document = copy.deepcopy(EXAMPLES[0])
    document["entry"].append(7)
    code, err = _fhir(tmp_path, document, "fhir", "import")
    assert code == 2 and f"Bundle.entry[{len(document['entry']) - 1}]" in err


@pytest.mark.parametrize("value", ["Medicaton", True, 3, "", None])
def test_a_contained_resource_of_unknown_type_is_refused_with_its_path(
    tmp_path: Path, value: Any
) -> None:
    code, err = _fhir(tmp_path, _with_contained_type(value), "fhir", "import")
    assert code in (1, 2), err
    assert "contained[0].resourceType" in err and "internal error" not in err
    code, err = _fhir(tmp_path, _with_contained_type(value), "mme")
    assert code == 2 and "internal error" not in err


def test_an_over_long_patient_name_is_refused_naming_it(tmp_path: Path) -> None:
    document = copy.deepcopy(next(d for d in EXAMPLES if "Patient" in json.dumps(d)))
    for entry in document["entry"]:
        if entry["resource"]["resourceType"] == "Patient":
            entry["resource"]["name"] = [{"text": "x" * 2001}]
    for command in (("fhir", "import"), ("mme",)):
        code, err = _fhir(tmp_path, document, *command)
        assert code == 2, err
        assert "Patient" in err and "name" in err and "internal error" not in err
        assert err.count("\n") == 1


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found.extend(_paths(child, (*path, key)))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.extend(_paths(child, (*path, index)))
    return found


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return document


_WRONG = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            10,
            1e-320,
            1e300,
            "",
            "x" * 2001,
            [],
            {},
            [1],
            {"resourceType": "Medicaton"},
            {"resourceType": True},
            "Medicaton",
        ]
    ),
    st.text(max_size=8),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
)


# Half of the mutations hit the elements the reader walks itself (where the crashes were).
_STRUCTURAL = frozenset(
    {"entry", "resource", "resourceType", "contained", "name", "text", "dosageInstruction"}
)


# tmp_path is one folder for all examples: each writes the whole bundle before the command reads
# it, and neither command writes anything (docs/architecture.md, Tests).
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_a_mutated_shipped_example_is_answered_never_crashes(tmp_path: Path, data: Any) -> None:
    document = copy.deepcopy(data.draw(st.sampled_from(EXAMPLES)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(document)
        structural = [p for p in paths if p and p[-1] in _STRUCTURAL] or paths
        path = data.draw(st.sampled_from(structural) | st.sampled_from(paths))
        document = _set(document, path, copy.deepcopy(data.draw(_WRONG)))  # never shared
    command = data.draw(st.sampled_from([("fhir", "import"), ("mme",)]))
    code, err = _fhir(tmp_path, document, *command)
    assert code in (0, 1, 2), err
    assert "internal error" not in err
