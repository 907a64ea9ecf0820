"""What the check's expected range measures is a value, never the words of its unit ("units
are values, never strings", session 17).

Three rules read whether a check's range is in OME a day under the set by comparing its printed
unit with the f-string ``f"mg/day {label}"``: where the rescues are split again at the switch's
top (``rescue_top.switch_top``), whether a patch label reads the order as less of a reduction
(``check_label.with_patch_label``), and whether a dose step's headline adds the summed total
(``presentation.check``). So the rules followed the spelling: the same range said "mg OME/day"
lost its top, its label reading and its total, and a drug's own range spelt like the set's
label ("mg/day OME") was read as an OME. The range's builder now states what it measures
(``CheckResult.measure``) and every rule reads that; the unit is how it is said.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mps_pain.domain.rotation.check import _check
from mps_pain.domain.rotation.check_label import with_patch_label
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.context import resolve_current
from mps_pain.domain.rotation.rescue_top import split_at_switch_top
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal, check_request
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import default_tables_path, get_tables, load_tables_text

TABLES = get_tables()
RESCUES = Path(__file__).parent / "fixtures" / "recheck17b"
#: other words for the same amount a day of OME, and a drug's own amount spelt like a label
SPELT = st.sampled_from(["mg OME/day", "mg/day of OME", "OME mg/24 h", "mg/day oMEDD"])
LABEL_SPELT = st.sampled_from(["mg/day OME", "mg/day oMEDD", "mg/day MME"])


def _spelt(result: CheckResult, unit: str) -> CheckResult:
    return result.model_copy(update={"unit": unit})


def _split(request: Any, unit: str | None) -> tuple[Any, ...]:
    """The rescue rows split out, the regular request's rows and the verdict, the judged
    result's unit said ``unit`` (None: as the check says it)."""

    def judge(tables: TableIndex, regular: Any, kept: tuple[int, ...]) -> CheckResult:
        result = _check(tables, regular, kept)
        return result if unit is None else _spelt(result, unit)

    _, regular, rows, _, result = split_at_switch_top(TABLES, check_request(request), judge)
    return rows, len(regular.proposed.items), result.verdict


def _rescue(name: str) -> Any:
    return json.loads((RESCUES / name).read_text())


#: a switch to oral morphine by the cited oral:SC ratio, a range in mg/day of SC morphine
#: (below the current OME) with an SC rescue beside it
BY_RATIO = {
    "from": {"items": [{"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg",
                        "frequency": "q12h"}]},
    "proposed": {"items": [
        {"drug": "morphine", "route": "sc", "dose": "7.5 mg", "frequency": "q4h"},
        {"drug": "morphine", "route": "sc", "dose": "10 mg", "prn": True,
         "doses_per_day": 6},
    ]},
    "table": "uk-palliative",
}  # fmt: skip


@settings(max_examples=12, deadline=None)
@given(
    name=st.sampled_from(
        ["B5b-mor300-oxy100-rescue30x12.json", "B5e-mor300-oxy100-rescue30x12-jspm-JP.json"]
    ),
    unit=SPELT,
)
def test_the_switch_top_split_does_not_follow_the_units_spelling(name: str, unit: str) -> None:
    """An old-dose rescue beside a halved switch is summed at the switch's top, however the
    OME's unit is spelt (re-check 17b, H3: it read WITHIN when it was an order)."""
    request = _rescue(name)
    assert _split(request, unit) == _split(request, None)


@settings(max_examples=6, deadline=None)
@given(unit=LABEL_SPELT)
def test_a_drugs_own_range_spelt_like_a_label_is_no_ome(unit: str) -> None:
    """A route ratio's range is mg/day of the drug by its new route: its top is no OME a day to
    size a rescue on, whatever its unit is called."""
    assert _split(BY_RATIO, unit) == _split(BY_RATIO, None)  # WITHIN, its rescue an order
    assert check_proposal(BY_RATIO, tables=TABLES).measure == "drug_a_day"


PATCH_AT_120 = {
    "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}]},
    "table": "jspm-2010",
}


@pytest.mark.parametrize("rate", ["12.5 mcg/h", "37.5 mcg/h"])
@pytest.mark.parametrize("unit", ["mg OME/day", "mg/day morphine"])
def test_the_patch_label_reading_does_not_follow_the_units_spelling(rate: str, unit: str) -> None:
    """Whether the check says the label's reading of a patch (review 10, D-B) is decided by the
    reduction the range states in OME, not by how its unit is spelt."""
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": rate}
    request = check_request({**PATCH_AT_120, "proposed": {"items": [patch]}})
    proposed, _, _ = resolve_current(TABLES, request.proposed, "proposed")
    result = check_proposal(request, tables=TABLES)
    said = with_patch_label(TABLES, request, _spelt(result, unit), proposed).patch_label_said
    assert said == with_patch_label(TABLES, request, result, proposed).patch_label_said


#: two regular lines kept; one raised beyond twice its own amount, the total by less
TWO_LINES = {
    "from": {"items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "5 mg", "frequency": "q12h"},
    ]},
    "proposed": {"items": [
        {"drug": "morphine", "route": "oral", "form": "MR", "dose": "60 mg", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "MR", "dose": "20 mg", "frequency": "q12h"},
    ]},
}  # fmt: skip
#: one line raised beyond twice its amount: its range is its own mg/day, no total to add
ONE_LINE = {
    "from": {"items": [{"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg",
                        "frequency": "q12h"}]},
    "proposed": {"items": [{"drug": "morphine", "route": "oral", "form": "MR", "dose": "100 mg",
                            "frequency": "q12h"}]},
}  # fmt: skip


@pytest.mark.parametrize(
    ("request_", "unit"), [(TWO_LINES, "mg OME/day"), (ONE_LINE, "mg/day OME")]
)
def test_the_dose_steps_headline_does_not_follow_the_units_spelling(
    request_: dict[str, Any], unit: str
) -> None:
    """A step of one line beside others names the summed total in OME (clinician re-check 12b,
    #7b); a one-line change has no total to name, whatever its unit is called."""
    result = check_proposal(request_, tables=TABLES)
    assert result.dose_steps, result.reasons
    assert check_view(_spelt(result, unit)).verdict_sentence == check_view(result).verdict_sentence
    assert ("in total" in check_view(result).verdict_sentence) is (request_ is TWO_LINES)


def _relabelled(set_id: str, label: str) -> TableIndex:
    """A copy of the shipped tables whose set ``set_id`` says its OME as ``label``."""
    text = default_tables_path().read_text(encoding="utf-8")
    head = f"  - id: {set_id}\n"
    start = text.index(head)
    at = text.index("    output_label: ", start)
    end = text.index("\n", at)
    return load_tables_text(
        (text[:at] + f"    output_label: {label}" + text[end:]).encode(), origin="relabelled"
    )


@pytest.mark.parametrize(
    "name",
    ["B5b-mor300-oxy100-rescue30x12.json", "CE1-mor300-oxy100-rescue33.json"],
)
def test_a_set_whose_label_is_spelt_otherwise_splits_and_heads_alike(name: str) -> None:
    """The same switch under a copy of uk-palliative whose OME is called oMEDD: the same
    rescues set aside, the same verdict and headline, the same range; only the words differ."""
    request = _rescue(name)
    shipped = check_proposal(request, tables=TABLES)
    relabelled = check_proposal(request, tables=_relabelled("uk-palliative", "oMEDD"))
    same = ("proposed_rescues", "verdict", "measure", "expected_low", "expected_high")
    assert [getattr(relabelled, k) for k in same] == [getattr(shipped, k) for k in same]
    assert check_view(relabelled).verdict == check_view(shipped).verdict
    assert (shipped.unit, relabelled.unit) == ("mg/day OME", "mg/day oMEDD")


@pytest.mark.parametrize(
    "request_",
    [BY_RATIO, TWO_LINES, ONE_LINE, _rescue("B5b-mor300-oxy100-rescue30x12.json")],
)
def test_a_check_saved_before_the_measure_reads_back_with_it(request_: dict[str, Any]) -> None:
    """A record saved before ``measure`` reads back (the records' saved-check line) with the
    measure its range's builder states now; a result computed without one is refused."""
    result = check_proposal(request_, tables=TABLES)
    saved = result.model_dump(mode="json", exclude={"measure"})
    assert CheckResult.saved(saved).measure == result.measure
    assert check_view(CheckResult.saved(saved)) == check_view(result)
    with pytest.raises(ValidationError):
        CheckResult.model_validate(saved)
