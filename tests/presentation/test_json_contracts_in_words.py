"""Review 15: the JSON contracts said in stored citation wording what the text said in plain
words: ``rotate --json`` kept "Dannyb685 tool [CODE] … NOT FOUND" and "row factors[2]" in
``breakthrough.note``/``source``, ``reduction_source`` and the methadone methods' sources,
``check --json`` in its warnings' sources and messages. Every human-readable string of a JSON
contract is the string the text view prints (one wording place: ``presentation/json_words``);
the machine fields (codes, ids, units, the tables' ``row`` id) keep their values.

Sweep: the review-15 case files (pharmacist/cases and pharmacist-b/v, ``review15_cases.jsonl``)
through ``rotate``, ``check`` and ``mme`` (the current regimen of each case): no JSON string
holds a raw citation marker unless the text view prints the same string."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.presentation.json_words import MACHINE_KEYS, check_record, mme_record
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, check_request, plan_rotation
from mps_pain_cli.render import render_mme
from mps_pain_cli.render_rotation import render_check, render_plan
from mps_pain_cli.rotate_command import plan_json

MARKER = re.compile(r"\[CODE|NOT FOUND|Dannyb685|\.md\b|\bfactors\[\d+\]")
CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "review15_cases.jsonl").read_text("utf-8").splitlines()
]


def _case(name: str) -> dict[str, Any]:
    request: dict[str, Any] = next(c["request"] for c in CASES if c["case"].endswith(name))
    return request


def _strings(record: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(record, dict):
        for k, value in record.items():
            yield from _strings(value, k)
    elif isinstance(record, list):
        for value in record:
            yield from _strings(value, key)
    elif isinstance(record, str):
        yield key, record


def _raw_in_words(record: dict[str, Any], text: str) -> list[tuple[str, str]]:
    """The texts of ``record`` with a raw citation marker the text view does not print."""
    return [
        (key, s)
        for key, s in _strings(record)
        if key not in MACHINE_KEYS and MARKER.search(s) and s not in text
    ]


def _outputs(request: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(command, its JSON record, its text) for the case and for ``mme`` of its current lines."""
    if "items" in request:  # an ``mme`` document
        mme = calculate_mme(request)
        yield "mme", mme_record(mme), render_mme(mme)
        return
    try:
        if "proposed" in request:
            checked = check_request(request)
            result = check_proposal(checked)
            yield "check", check_record(result), render_check(result, checked)
        else:
            plan = plan_rotation(request)
            yield "rotate", plan_json(plan), render_plan(plan)
    except MpsPainError:
        pass
    try:
        mme = calculate_mme(request["from"], table_id=request.get("table"))
    except MpsPainError:
        return
    yield "mme", mme_record(mme), render_mme(mme)


def test_the_sweep_reads_the_raw_citations_it_words() -> None:
    """The cases do reach stored citations with the markers (the sweep is not vacuous)."""
    raw = []
    for case in CASES:
        try:
            plan = plan_rotation(case["request"]) if "to" in case["request"] else None
        except MpsPainError:
            continue
        if plan is not None:
            raw += [s for _, s in _strings(plan.model_dump(mode="json")) if MARKER.search(s)]
    assert raw


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_no_json_text_holds_a_raw_citation_the_text_does_not_print(case: dict[str, Any]) -> None:
    for command, record, text in _outputs(case["request"]):
        assert not _raw_in_words(record, text), (command, _raw_in_words(record, text))


def test_machine_fields_keep_their_values() -> None:
    """A row id stays the tables' path; a code, a set id, a unit stay as computed."""
    plan = plan_rotation(_case("R03-gaba-renal-patch"))
    record = plan_json(plan)
    raw = plan.model_dump(mode="json")
    assert [line["row"] for line in record["current"]] == [line["row"] for line in raw["current"]]
    assert record["current"][0]["row"].startswith("reference_sets[")
    assert [w["code"] for w in record["warnings"]] == [w["code"] for w in raw["warnings"]]
    assert [r["table"] for r in record["spread"]] == [r["table"] for r in raw["spread"]]
    assert record["table"] == raw["table"]


def test_r03_breakthrough_note_says_the_row_as_the_steps_do() -> None:
    """The rescue's note said "fpm-2021 row factors[2]" where step 6 said "ANZCA FPM oMEDD table
    2021 row 3"; the app's planner showed the raw note too (``PlanView.breakthrough_note``)."""
    from mps_pain.presentation.rotation import plan_view

    plan = plan_rotation(_case("R03-gaba-renal-patch"))
    note = plan_json(plan)["breakthrough"]["note"]
    assert "factors[" not in note and note in render_plan(plan)
    assert plan_view(plan).breakthrough_note == note


# The class, as a property: generated regimens (a regular line, an as-needed line, a
# co-medication) switched under every set, with the patient factors and methadone methods that
# reach the stored citations most ("Dannyb685 … [CODE]", "NOT FOUND", "row factors[n]").

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.rotation.generated import GENERATED, generated_request, plan_or_discard  # noqa: E402

_REGULAR = st.sampled_from(
    [
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"},
        {
            "drug": "hydromorphone",
            "route": "oral",
            "form": "IR",
            "dose": "2 mg",
            "frequency": "q4h",
        },
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {"drug": "morphine", "route": "sc", "rate": "30 mg/day"},
        {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"},
    ]
)
_OTHER = st.sampled_from(
    [
        [],
        [
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "IR",
                "dose": "5 mg",
                "prn": True,
                "doses_per_day": 3,
            }
        ],
        [{"drug": "acetaminophen", "route": "oral", "dose": "1 g", "frequency": "q4h"}],
        [{"drug": "gabapentin", "route": "oral", "dose": "600 mg", "frequency": "tid"}],
    ]
)
_TO = st.sampled_from(
    [
        {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "oxycodone", "route": "sc", "continuous": True},
        {"drug": "fentanyl", "route": "transdermal"},
        *(
            {"drug": "methadone", "route": "oral", "methadone_method": m}
            for m in ("jp-label", "msd-quill", "ccdhb", "morley-makin")
        ),
    ]
)


@GENERATED
@given(
    regular=_REGULAR,
    other=_OTHER,
    to=_TO,
    # the switching sets: a risk-MME set (cdc-2022) is refused for a switch, so it gave no plan
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
    patient=st.sampled_from([{}, {"egfr": 20}, {"qtc": "470"}, {"hepatic_impairment": "severe"}]),
)
def test_no_generated_plan_json_holds_a_raw_citation_the_text_does_not_print(
    regular: dict[str, Any],
    other: list[dict[str, Any]],
    to: dict[str, Any],
    table: str,
    patient: dict[str, Any],
) -> None:
    plan = plan_or_discard(generated_request([regular, *other], to, table, patient=patient))
    record = plan_json(plan)
    assert not _raw_in_words(record, render_plan(plan)), _raw_in_words(record, render_plan(plan))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_line_says_what_mme_json_says(tmp_path: Path, jobs: str) -> None:
    """``mme --batch`` (the full line) is the ``mme --json`` contract line by line: the same
    worded record (it printed "Dannyb685 logic [CODE], clinical_logic.md" in the renal danger's
    source where ``mme --json`` and the text said "an open-source opioid calculator")."""
    from tests.cli_runner import cli_json, run_cli

    document = {
        "items": [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg",
                   "frequency": "q12h"}],
        "patient": {"egfr": "20"},
        "table": "fpm-2021",
    }  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(document) + "\n", encoding="utf-8")
    done = run_cli("mme", "--batch", str(path), "--jobs", jobs)
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout.splitlines()[0])
    assert line.pop("line") == 1
    single = cli_json("mme", document)
    assert line == single
    assert not MARKER.search(json.dumps(line["warnings"])), line["warnings"]


def _shape(record: Any) -> Any:
    """The keys and value types of a record (the contract), without the values."""
    if isinstance(record, dict):
        return {key: _shape(value) for key, value in record.items()}
    if isinstance(record, list):
        return [_shape(value) for value in record]
    return type(record).__name__


def test_check_and_mme_records_keep_the_contracts_keys_and_types() -> None:
    for case in CASES:
        request = case["request"]
        if "proposed" not in request:
            continue
        try:
            result = check_proposal(check_request(request))
        except MpsPainError:
            continue
        raw = result.model_dump(mode="json")
        record = check_record(result)
        assert record.pop("headline")
        assert _shape(record) == _shape(raw), case["case"]
        try:
            mme = calculate_mme(request["from"], table_id=request.get("table"))
        except MpsPainError:
            continue
        assert _shape(mme_record(mme)) == _shape(mme.model_dump(mode="json")), case["case"]
