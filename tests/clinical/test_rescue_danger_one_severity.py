"""Pharmacist re-check 20c, L-A: `mme` called a rescue 4–24 times the top of its breakthrough
rule a CAUTION where `check` called the same dose a DANGER (more than twice the top:
``rotation.breakthrough.above_danger``, the program's own rule in data/). One rule, one place
(``rescue_danger.above_danger``): the size warning every command gives (`mme`, and so the
app's Regimen tab; `rotate` for its current regimen; `check`) is a danger exactly where the
check's headline calls that dose a danger, a caution where it is above the top by less, and
it says the multiple as computed."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
REGULARS = [
    {"drug": "morphine", "route": "sc", "rate": "50 mg/24h"},  # top 8.33 mg SC
    {"drug": "morphine", "route": "oral", "form": "mr", "dose": "30 mg", "frequency": "bid"},
    {"drug": "oxycodone", "route": "oral", "form": "mr", "dose": "20 mg", "frequency": "bid"},
]
RESCUE = {"sc": ("morphine", "sc", None), "oral": (None, "oral", "ir")}


def _rescue(regular: dict[str, str], dose: float) -> dict[str, Any]:
    route = regular["route"]
    form = {"form": "ir"} if route == "oral" else {}
    return {"drug": regular["drug"], "route": route, **form, "dose": f"{dose} mg", "prn": True,
            "doses_per_day": 0}  # fmt: skip


def _severities(warnings: Any) -> list[str]:
    return [w.severity for w in warnings if w.code == RESCUE_OUTSIDE_RULE]


@settings(max_examples=30, deadline=None)
@given(regular=st.sampled_from(REGULARS), dose=st.integers(9, 240))
@example(regular=REGULARS[0], dose=200)  # the reviewer's mme-rescue200: 24 times the top
@example(regular=REGULARS[0], dose=17)  # 2.04 times: a danger in check
def test_every_command_grades_a_rescue_as_the_check_does(
    regular: dict[str, str], dose: int
) -> None:
    table = "uk-palliative"
    rescue = _rescue(regular, dose)
    check = check_proposal(
        {"table": table, "from": {"items": [regular]}, "proposed": {"items": [regular, rescue]}},
        tables=TABLES,
    )
    if not check.rescues_above:
        return  # within its rule: nothing to grade
    (above,) = check.rescues_above
    expected = "danger" if above.danger else "caution"
    mme = calculate_mme({"table": table, "items": [regular, rescue]}, tables=TABLES)
    assert _severities(mme.warnings) == [expected], (above.times, mme.warnings)
    to = {"drug": "hydromorphone", "route": "oral", "form": "mr", "frequency": "q12h"}
    plan = plan_rotation({"table": table, "from": {"items": [regular, rescue]}, "to": to},
                         tables=TABLES)  # fmt: skip
    assert _severities(plan.warnings) == [expected], (above.times, plan.warnings)
    assert _severities(check.warnings) == [expected], (above.times, check.warnings)
    said = next(w.message for w in mme.warnings if w.code == RESCUE_OUTSIDE_RULE)
    assert ("times the top" in said) == above.danger, said


def test_a_current_rescue_written_again_keeps_the_checks_caution() -> None:
    """The check's documented exception (docs/cli-rotate.md): a current as-needed line written
    again as it is is the patient's rescue now, not a change the proposal makes; a regimen
    checked against itself stays WITHIN and its size warning a caution, while ``mme`` grades
    the same regimen as it stands (a danger, 24 times the top)."""
    regular, rescue = REGULARS[0], _rescue(REGULARS[0], 200)
    items = [regular, rescue]
    check = check_proposal(
        {"table": "uk-palliative", "from": {"items": items}, "proposed": {"items": items}},
        tables=TABLES,
    )
    assert check.verdict == "within" and not check.rescues_above
    assert _severities(check.warnings) == ["caution"]
    mme = calculate_mme({"table": "uk-palliative", "items": items}, tables=TABLES)
    assert _severities(mme.warnings) == ["danger"]
