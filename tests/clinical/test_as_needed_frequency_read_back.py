"""Pharmacist re-check 15b, #9 (low): the plan's breakthrough line pasted into ``check``.

The plan's JSON gives ``breakthrough.frequency`` "as needed (bolus)"; an item with it (A01:
``prn: true``, ``doses_per_day: "not reported"``) was refused: "'as needed (bolus)' is not a
frequency". The class: whatever frequency words the product prints for an as-needed order read
back as that order wherever an item is read (``RegimenItem``: the command line's documents, the
app's rows). As-needed words on an as-needed line (``prn: true``, or its doses a day given)
restate it; the line is read with no frequency.

A prescriber's minimum interval ("q4h prn", or ``prn: true`` with ``frequency: "q4h"``, B11)
cannot be carried: the order has no minimum-interval field, and reading it as "as needed"
would drop the interval unseen. It is refused, naming ``frequency`` and saying how to write
the line (the app's own words: an interval such as q4h can go in the note).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given

from mps_pain.domain.regimen import RegimenItem
from mps_pain.errors import InputError
from mps_pain.services.documents import parse_regimen
from tests.cli_runner import run_cli
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

FIXTURES = Path(__file__).parent / "fixtures" / "recheck15b"
RESCUE = {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "prn": True,
          "doses_per_day": "not reported"}  # fmt: skip


def _item(**more: Any) -> RegimenItem:
    return parse_regimen({"items": [RESCUE | more]}).items[0]


def _refusal(**more: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_regimen({"items": [RESCUE | more]})
    return caught.value


def test_a01_the_plans_breakthrough_line_as_printed_is_checked() -> None:
    done = run_cli("check", str(FIXTURES / "A01-nr-freq-as-printed.json"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Verdict: WITHIN"), done.stdout[:200]
    assert "Breakthrough order (row 2)" in done.stdout


@pytest.mark.parametrize(
    "words",
    [
        "as needed (bolus)",
        "as needed (dose)",
        "as needed",
        "PRN",
        "when required",
        # JSPM's rapid bolus (the plan's infusion rescue): its repeat in minutes is the cited
        # rule's own text, no dosing interval this program reads (docs/rotation.md)
        "as needed, repeatable every 15–30 min (rapid bolus)",
    ],
)
def test_as_needed_words_on_an_as_needed_line_restate_it(words: str) -> None:
    item = _item(frequency=words)
    assert item.shape == "prn" and item.frequency is None and item.prn
    # its doses a day given and the tick left out: the words say it is as needed
    unticked = {k: v for k, v in RESCUE.items() if k != "prn"} | {"frequency": words}
    read = parse_regimen({"items": [unticked]}).items[0]
    assert read.shape == "prn" and read.frequency is None and read.prn


def test_as_needed_words_on_a_line_with_neither_stay_refused() -> None:
    """Words alone are no order: without the tick or its doses a day, the line is still refused
    (the command line's sentence names prn and doses_per_day: tests/cli)."""
    line = {"drug": "oxycodone", "route": "oral", "dose": "5 mg", "frequency": "as needed"}
    with pytest.raises(InputError) as caught:
        parse_regimen({"items": [line]})
    assert caught.value.location == "items[0].frequency"


@pytest.mark.parametrize("words", ["q4h prn", "every 4 h as needed", "4-hourly p.r.n.",
                                   "prn bid", "as needed, q 6 h"])  # fmt: skip
def test_a_minimum_interval_is_refused_saying_how_to_write_it(words: str) -> None:
    error = _refusal(frequency=words)
    assert error.location == "items[0].frequency", error
    assert "note" in error.message and "doses_per_day" in error.message, error.message


def test_b11_prn_with_a_frequency_names_the_field_and_the_way() -> None:
    done = run_cli("check", str(FIXTURES / "B11-prn-with-freq.json"))
    assert done.returncode == 2
    assert "proposed.items[1]" in done.stderr and "frequency" in done.stderr
    assert "note" in done.stderr and "exactly one dosing shape" not in done.stderr, done.stderr


@GENERATED
@given(**ARGS)
def test_every_printed_breakthrough_frequency_reads_back_as_needed(
    lines, to, table, market, patient, pain
) -> None:
    """Every frequency text a plan prints for its breakthrough dose reads back, in the line the
    plan prints, as the same as-needed order (no frequency, as needed); a breakthrough record
    with no order ("—": no rule gave a number) prints no frequency to read."""
    request = generated_request(
        lines, to, table, patient=patient, market=market, pain_controlled=pain
    )
    plan = plan_or_discard(request)
    rescue = plan.breakthrough
    assume(rescue is not None and rescue.frequency != "—")
    assert rescue is not None
    printed = json.loads(plan.model_dump_json())["breakthrough"]
    line = {"drug": rescue.drug, "route": rescue.route, "dose": "5 mg", "prn": True,
            "doses_per_day": "not reported", "frequency": printed["frequency"]}  # fmt: skip
    item = parse_regimen({"items": [line]}).items[0]
    assert (item.shape, item.frequency, item.prn) == ("prn", None, True), printed["frequency"]
