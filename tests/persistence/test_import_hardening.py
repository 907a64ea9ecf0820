"""Malicious and careless imports: identifiers, `--as`, NaN, duplicate keys, nesting; and a fuzz
property over `patients import` (exit 0 or 2, never 3; one line of error; a refusal leaves the
records as they were), each fuzzed document imported into empty records of its own."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mps_pain.errors import DocumentFormatError, InputError
from mps_pain.persistence.database import Database
from mps_pain.persistence.records import JSON_MAX_DEPTH, PatientInfo
from mps_pain.services.patient_service import PatientService
from tests.cli_runner import run_cli

CASE = "takamatsu-2018-case-1"
BAD_IDENTIFIERS = [
    "P-001\x1b[31m",  # ANSI escape
    "P-\u202e100",  # right-to-left override
    "P-\u2066100",  # bidi isolate
    "P-0\u200b01",  # zero-width space
    "P-001\nroot",  # line break
    "P-001\x00",
]


@pytest.mark.parametrize("identifier", BAD_IDENTIFIERS)
def test_identifiers_with_control_or_invisible_characters_are_refused(identifier: str) -> None:
    with pytest.raises(ValueError, match="control or invisible character"):
        PatientInfo(identifier=identifier)


def test_identifiers_are_nfc_normalised_and_trimmed() -> None:
    assert PatientInfo(identifier="  Jose\u0301-1 \t").identifier == "Jos\u00e9-1"


def _document(service: PatientService, identifier: str) -> dict[str, Any]:
    service.create_patient(PatientInfo(identifier=identifier))
    service.save_plan(
        identifier,
        kind="check",
        title="t",
        inputs={"a": 1},
        outputs={"b": 2.5},
        table_id="uk-palliative",
    )
    document: dict[str, Any] = service.export_patient(identifier).model_dump(mode="json")
    return document


@pytest.fixture
def source(sqlite_url: str) -> PatientService:
    return PatientService(Database.open(sqlite_url), user="tester")


def _import(url: str, tmp_path: Path, text: str, *extra: str) -> Any:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    return run_cli("patients", "import", str(path), "--database", url, *extra)


@pytest.mark.parametrize("as_id", ["", "   ", "x" * 201, "new\x1b[2J", "new\u202eid"])
def test_a_blank_over_long_or_hidden_as_is_refused(
    source: PatientService, sqlite_url: str, tmp_path: Path, as_id: str
) -> None:
    text = json.dumps(_document(source, "p"))
    done = _import(sqlite_url, tmp_path, text, "--as", as_id)
    assert done.returncode == 2 and "--as" in done.stderr and done.stderr.count("\n") == 1
    assert [p.info.identifier for p in source.list_patients()] == ["p"]


def test_a_look_alike_identifier_is_imported_with_a_warning(
    source: PatientService, sqlite_url: str, tmp_path: Path
) -> None:
    text = json.dumps(_document(source, "case-01"))
    for look_alike in ("CASE-01", "case-O1", "саse-01", "ｃａｓｅ－０１"):  # Cyrillic а; full width
        done = _import(sqlite_url, tmp_path, text, "--as", look_alike)
        assert done.returncode == 0, done.stderr
        assert "warning" in done.stderr and "'case-01'" in done.stderr, look_alike
    unrelated = _import(sqlite_url, tmp_path, text, "--as", "case-02")
    assert unrelated.returncode == 0 and "warning" not in unrelated.stderr


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
@pytest.mark.parametrize("where", ["plan", "audit"])
def test_non_finite_numbers_in_plans_or_audit_entries_are_refused(
    source: PatientService, sqlite_url: str, tmp_path: Path, constant: str, where: str
) -> None:
    document = _document(source, "p")
    document["patient"]["identifier"] = "other"
    if where == "plan":
        document["plans"][0]["outputs"]["b"] = "@@"
    else:
        document["audit"][0]["after"] = {"b": "@@"}
    text = json.dumps(document).replace('"@@"', constant)
    done = _import(sqlite_url, tmp_path, text)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert [p.info.identifier for p in source.list_patients()] == ["p"]


def test_a_key_given_twice_is_refused(
    source: PatientService, sqlite_url: str, tmp_path: Path
) -> None:
    document = _document(source, "p")
    text = json.dumps(document).replace(
        '"identifier": "p"', '"identifier": "p2", "identifier": "p3"', 1
    )
    done = _import(sqlite_url, tmp_path, text)
    assert done.returncode == 2 and "written twice" in done.stderr


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth - 1):
        value = {"k": value}
    return value


def test_what_imports_also_exports_and_deeper_nesting_is_refused(
    source: PatientService, sqlite_url: str, tmp_path: Path
) -> None:
    document = _document(source, "p")
    document["patient"]["identifier"] = "deep"
    document["plans"][0]["inputs"] = _nested(JSON_MAX_DEPTH)
    assert _import(sqlite_url, tmp_path, json.dumps(document)).returncode == 0
    exported = run_cli("patients", "export", "deep", "--database", sqlite_url)
    assert exported.returncode == 0
    assert json.loads(exported.stdout)["plans"][0]["inputs"] == _nested(JSON_MAX_DEPTH)
    document["patient"]["identifier"] = "deeper"
    document["plans"][0]["inputs"] = _nested(JSON_MAX_DEPTH + 1)
    done = _import(sqlite_url, tmp_path, json.dumps(document))
    assert done.returncode == 2 and "nested more than" in done.stderr
    hostile = "[" * 100_000 + "]" * 100_000
    done = _import(sqlite_url, tmp_path, hostile)
    assert done.returncode == 2 and done.stderr.count("\n") == 1


REPRO = Path(__file__).parent / "repro"


def test_a_huge_integer_in_a_regimen_is_refused_like_in_mme(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Outside fuzz review: a 401-digit doses_per_day crashed import; mme refused it (exit 2)."""
    text = (REPRO / "patients_import_overflow_min.json").read_text(encoding="utf-8")
    done = _import(sqlite_url, tmp_path, text, "--as", "x")
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "digits" in done.stderr


@pytest.mark.parametrize(
    "value", [10**400, -(10**30), float("nan"), float("inf")], ids=["e400", "-e30", "nan", "inf"]
)
def test_a_parsed_document_takes_the_same_boundary_as_text(
    source: PatientService, value: Any
) -> None:
    document = _document(source, "p")
    document["patient"]["identifier"] = "x"
    document["plans"][0]["outputs"]["b"] = value
    with pytest.raises(DocumentFormatError):
        source.import_patient(document)
    assert [p.info.identifier for p in source.list_patients()] == ["p"]


def test_the_service_refuses_the_same_things_without_the_cli(source: PatientService) -> None:
    document = _document(source, "p")
    document["patient"]["identifier"] = "x"
    with pytest.raises(DocumentFormatError, match="written twice"):
        source.import_patient('{"a": 1, "a": 2}')
    with pytest.raises(InputError):
        source.import_patient(document, as_identifier="\u202e")


# --- fuzzing -----------------------------------------------------------------------------------
JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.extend(_paths(item, (*prefix, i)))
    return out


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


HUGE_NUMBERS = st.one_of(
    st.integers(min_value=10**18, max_value=10**500),
    st.integers(min_value=-(10**500), max_value=-(10**18)),
    st.floats(min_value=1e300, allow_infinity=True),
    st.just(float("nan")),
)


def _numeric_paths(document: Any) -> list[tuple[Any, ...]]:
    """Every field that holds a number (including the 0.0s and the nulls beside them)."""
    out = []
    for path in _paths(document):
        target = document
        for step in path:
            target = target[step]
        if isinstance(target, int | float) and not isinstance(target, bool):
            out.append(path)
    return out


@st.composite
def mutated_documents(draw: st.DrawFn, base: dict[str, Any]) -> str:
    document = json.loads(json.dumps(base))
    if draw(st.booleans()):  # a huge or non-finite number in any numeric field
        path = draw(st.sampled_from(_numeric_paths(document)))
        document = _replace(document, path, draw(HUGE_NUMBERS))
    for _ in range(draw(st.integers(0 if document != base else 1, 3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        document = _replace(document, path, draw(JSON_VALUES))
    text = json.dumps(document, allow_nan=True)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=5)) + text[cut:]
    return text


@functools.cache
def _fuzz_base() -> dict[str, Any]:
    """The document the fuzzing mutates: the first published case as ``patients export`` writes
    it (its audit trail included), cut to two regimen versions and two events. Made once per
    process, when the first fuzzed document is drawn (where pytest's own folders are)."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("PYTEST_DEBUG_TEMPROOT")) as folder:
        database = Database.open(f"sqlite:///{Path(folder) / 'src.sqlite3'}")
        try:
            service = PatientService(database, user="tester")
            service.import_examples()
            base: dict[str, Any] = service.export_patient(CASE).model_dump(mode="json")
        finally:
            database.close()
    base["regimen_versions"] = base["regimen_versions"][:2]
    base["events"] = base["events"][:2]
    return base


FUZZED = st.deferred(lambda: mutated_documents(_fuzz_base()))
AS_IDS = st.one_of(st.none(), st.text(max_size=12))
# A document that imports (two explicit examples of it in a row: the second must be judged on
# its own, as the first was, not refused because the first example's patient is there).
ACCEPTED = json.dumps(
    {
        "exported_at": "2026-01-01T00:00:00Z",
        "app_version": "0.1.0",
        "patient": {"identifier": "fz"},
        "regimen_versions": [],
        "events": [],
        "plans": [],
        "audit": [],
    }
)


def _patients(url: str) -> list[str]:
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        return [i for (i,) in conn.execute("select identifier from patients order by id")]


def _import_fuzzed(url: str, folder: Path, text: str, as_id: str | None) -> None:
    """An import ends in the patient imported, whole, or in a one-line refusal that left the
    records as they were: each example starts from empty records."""
    path = folder / "fuzzed.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    extra = [] if as_id is None or as_id.startswith("-") else ["--as", as_id]
    done = run_cli("patients", "import", str(path), "--database", url, *extra)
    assert done.returncode in (0, 2), done.stderr
    if done.returncode == 2:
        assert done.stderr.startswith("mps-pain: ") and done.stderr.count("\n") == 1, done.stderr
        assert _patients(url) == [], done.stderr
    else:
        assert len(_patients(url)) == 1, done.stderr


FUZZ_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=50, **FUZZ_SETTINGS)  # type: ignore[arg-type]
@given(text=FUZZED, as_id=AS_IDS)
@example(text=ACCEPTED, as_id=None).via("an accepted document, then the same on its own")
@example(text=ACCEPTED, as_id=None).via("an accepted document, then the same on its own")
def test_fuzzed_imports_end_in_a_result_or_a_one_line_refusal(
    fresh_records: Callable[[], str],
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    as_id: str | None,
) -> None:
    _import_fuzzed(fresh_records(), tmp_path_factory.getbasetemp(), text, as_id)


@pytest.mark.slow
@settings(max_examples=5000, **FUZZ_SETTINGS)  # type: ignore[arg-type]
@given(text=FUZZED, as_id=AS_IDS)
def test_fuzzed_imports_long_campaign(
    fresh_records: Callable[[], str],
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    as_id: str | None,
) -> None:
    """The same property over 5,000 documents (.ci/run's long step)."""
    _import_fuzzed(fresh_records(), tmp_path_factory.getbasetemp(), text, as_id)


@pytest.mark.parametrize(
    "field", ["display_name", "note", "regimen_reason", "event_detail", "event_title"]
)
def test_terminal_escapes_in_any_shown_text_are_refused_on_import(
    source: PatientService, sqlite_url: str, tmp_path: Path, field: str
) -> None:
    """`patients show` prints these fields: an imported ANSI sequence or bidi override would
    rewrite what the terminal shows. Line breaks and tabs stay allowed in notes and details."""
    source.create_patient(PatientInfo(identifier="p0"))
    source.add_event("p0", kind="note", occurred_at=datetime(2026, 1, 1, tzinfo=UTC), title="t")
    source.add_regimen_version(
        "p0",
        {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "10 mg/day"}]},
        effective_from=datetime(2026, 1, 1, tzinfo=UTC),
        reason="start",
    )
    document = source.export_patient("p0").model_dump(mode="json")
    document["patient"]["identifier"] = "p1"
    document["patient"]["note"] = "line one\n\tline two"
    assert _import(sqlite_url, tmp_path, json.dumps(document)).returncode == 0
    document["patient"]["identifier"] = "p2"
    evil = "ok\x1b[2J\x1b[Hfaked"
    if field == "display_name":
        document["patient"]["display_name"] = evil
    elif field == "note":
        document["patient"]["note"] = "a\u202eb"
    elif field == "regimen_reason":
        document["regimen_versions"][0]["reason"] = evil
    elif field == "event_detail":
        document["events"][0]["detail"] = evil
    else:
        document["events"][0]["title"] = evil
    done = _import(sqlite_url, tmp_path, json.dumps(document))
    assert done.returncode == 2 and "control or invisible character" in done.stderr


def test_imported_audit_entries_dated_in_the_future_are_flagged_and_marked(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Outside fuzz review: a 2030 'chief_pharmacist approve' entry was accepted without remark."""
    text = (REPRO / "forged_audit_local.json").read_text(encoding="utf-8")
    done = _import(sqlite_url, tmp_path, text, "--as", "forged")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "in the future" in line]
    assert len(warnings) == 1 and "chief_pharmacist approve plan x" in warnings[0]
    assert "2030-01-01" in warnings[0]
    shown = run_cli("patients", "show", "forged", "--database", sqlite_url).stdout.splitlines()
    marked = [line for line in shown if "DATED IN THE FUTURE" in line]
    assert len(marked) == 1 and "chief_pharmacist approve" in marked[0]
