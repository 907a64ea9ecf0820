"""Clinician re-check 20c, L2 (and M1's edit): once any amount of a row Apply wrote is changed,
the row keeps the dose the plan applied as typed data and loses the plan's first part; the
printed regimen row and the order line then say the dose has no plan timing, in one wording
(``staged_words.changed_words``). The same amount typed again changes nothing; a Note the
clinician wrote is theirs, and so is the row."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenItem
from mps_pain.presentation.changed_after_apply import AMOUNT_FIELDS, fields_after_edit
from mps_pain.presentation.orders import order_line
from mps_pain.presentation.staged_words import changed_words, printed_amount
from tests.ui.test_applied_dose_edited_after_apply import _APPLIED_NOTE

FIRST_PART = {"full_from_hours": 17, "rate": "22.5 mg/day"}
APPLIED = {
    "drug": "morphine",
    "route": "sc",
    "form": "injection",
    "dose": "",
    "frequency": "",
    "rate": "50 mg/day",
    "daily_dose": "",
    "note": _APPLIED_NOTE,
    "first_part": FIRST_PART,
}
TYPED = st.text(alphabet="0123456789 mg/hbidt.", min_size=1, max_size=12)


@given(st.sampled_from(AMOUNT_FIELDS), TYPED)
def test_any_changed_amount_keeps_the_plans_dose_and_drops_its_first_part(
    name: str, typed: str
) -> None:
    changed = fields_after_edit(APPLIED, name, typed)
    if typed.strip() == str(APPLIED[name]).strip():
        assert changed == {}
        return
    assert changed["changed_from_plan"] == "50 mg/day"
    assert changed["first_part"] == ""


@given(st.sampled_from(AMOUNT_FIELDS), TYPED)
def test_a_row_the_clinician_wrote_is_theirs(name: str, typed: str) -> None:
    theirs = {**APPLIED, "note": "pump in the left arm", "first_part": ""}
    assert fields_after_edit(theirs, name, typed) == {}


@given(st.sampled_from(["40 mg/24h", "1.5 mg/h", "20 mg/day"]), st.booleans())
def test_an_edited_row_says_it_has_no_plan_timing_wherever_printed(rate: str, staged: bool) -> None:
    fields = {"drug": "morphine", "route": "sc", "form": "injection", "rate": rate}
    item = RegimenItem.model_validate(
        fields | {"changed_from_plan": "50 mg/day"} | ({"first_part": FIRST_PART} if staged else {})
    )
    words = changed_words("50 mg/day")
    assert printed_amount("40 mg/day continuous", item) == f"40 mg/day continuous {words}"
    assert words in order_line(item)
    plain = RegimenItem.model_validate(fields)
    assert printed_amount("40 mg/day continuous", plain) == "40 mg/day continuous"
    assert words not in order_line(plain)
