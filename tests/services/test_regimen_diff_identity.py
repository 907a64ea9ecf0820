"""The version diff matches medicines by identity, never by row position (clinician review 5,
defect 3: removing the fentanyl patch read as "Row 3: Drug fentanyl → naproxen" and so on)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.services.regimen_diff import diff_regimens

CASE_ONE = [
    {"drug": "oxycodone", "route": "oral", "form": "ER", "daily_dose": "80 mg/day"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg",
     "prn": True, "doses_per_day": 2},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "naproxen", "route": "oral", "daily_dose": "300 mg/day"},
    {"drug": "betamethasone", "route": "oral", "daily_dose": "4 mg/day"},
]  # fmt: skip


def _document(items: list[dict]) -> RegimenDocument:
    return RegimenDocument.model_validate({"items": items})


def test_removing_the_patch_and_raising_oxycodone_reads_as_two_changes() -> None:
    before = _document(CASE_ONE)
    after_items = [dict(item) for item in CASE_ONE if item["drug"] != "fentanyl"]
    after_items[0]["daily_dose"] = "100 mg/day"
    changes = diff_regimens(before, _document(after_items))
    assert [(c.kind, c.drug) for c in changes] == [
        ("changed", "oxycodone"),
        ("removed", "fentanyl"),
    ], changes
    assert changes[0].before == "80 mg/day" and changes[0].after == "100 mg/day"
    assert "fentanyl transdermal" in (changes[1].before or "")
    assert "25 mcg/h" in (changes[1].before or "")


@given(st.permutations(range(len(CASE_ONE))), st.integers(0, len(CASE_ONE) - 1))
def test_removing_any_one_item_is_exactly_one_removed_line(order: list[int], gone: int) -> None:
    items = [CASE_ONE[i] for i in order]
    removed = items[gone]
    changes = diff_regimens(_document(items), _document(items[:gone] + items[gone + 1 :]))
    assert [(c.kind, c.drug) for c in changes] == [("removed", removed["drug"])]


@given(st.permutations(range(len(CASE_ONE))), st.integers(0, len(CASE_ONE)))
def test_adding_one_item_anywhere_is_exactly_one_added_line(order: list[int], at: int) -> None:
    items = [CASE_ONE[i] for i in order]
    new = {"drug": "morphine", "route": "sc", "daily_dose": "10 mg/day"}
    changes = diff_regimens(_document(items), _document([*items[:at], new, *items[at:]]))
    assert [(c.kind, c.drug) for c in changes] == [("added", "morphine")]
