"""Pharmacist review 19, M1 (medium): an order that stops a syringe driver or a 12-hourly opioid
and starts a patch read WITHIN with one info line, while the plan for the same switch carries
"A new patch takes 12–24 h to reach effect …" and its schedule keeps the infusion 12 h, or gives
the last modified-release dose when the patch goes on. Stopping the driver when the patch goes on
leaves 12–24 h of too little analgesia.

The mirror of review 18 #1 (an order that stops a patch, ``depot_start``): the check of an order
that starts a patch gives the planner's own onset caution (``patches.onset_warning``) and the
planner's own schedule for what the order stops (``to_patch_schedule``). The property: every
``patch-onset`` caution of a plan appears in the check of that plan's own order fed back, with
each of the plan's steps for the lines it stops, in the plan's words.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.domain.rotation.patch_onset import ONSET_COVER
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import LINES, MIXED, PATIENTS, SETS
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
PATCH_TARGET = {"drug": "fentanyl", "route": "transdermal"}
PALLIATIVE = {"cancer_or_palliative": True}
_STEP_VERBS = ("Keep ", "Give ", "Stop ")

V11A = (
    [{"drug": "fentanyl", "route": "iv", "rate": "25 mcg/h"}],
    [{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}],
    "jspm-2010",
)
V11B = (
    [{"drug": "morphine", "route": "sc", "rate": "60 mg/day"}],
    [{"drug": "fentanyl", "route": "transdermal", "rate": "37.5 mcg/h"}],
    "uk-palliative",
)
V11C = (
    [{"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}],
    [
        {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
        {
            "drug": "morphine",
            "route": "oral",
            "form": "IR",
            "dose": "10 mg",
            "prn": True,
            "doses_per_day": "not reported",
        },
    ],
    "uk-palliative",
)


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    request = {
        "from": {"items": current},
        "proposed": {"items": proposed},
        "table": table,
        "patient": PALLIATIVE,
    }
    return check_proposal(request, tables=TABLES)


def _said(result: Any, code: str) -> list[str]:
    return [w.message for w in result.warnings if w.code == code]


def test_a_syringe_driver_stopped_for_a_patch_is_kept_12_h() -> None:
    result = _check(*V11B)
    assert result.verdict == "within"
    assert any("12–24 h to reach effect" in m for m in _said(result, "patch-onset"))
    (cover,) = _said(result, ONSET_COVER)
    assert "0–12 h: Keep the infusion of morphine sc 60 mg/day" in cover
    assert "12 h: Stop morphine sc 60 mg/day" in cover


def test_a_12_hourly_opioid_gives_its_last_dose_when_the_patch_goes_on() -> None:
    (cover,) = _said(_check(*V11C), ONSET_COVER)
    assert "0 h: Give the last dose, oxycodone oral ER 30 mg" in cover
    assert "when the patch goes on" in cover


def test_an_iv_fentanyl_infusion_is_kept_as_the_plan_keeps_it() -> None:
    (cover,) = _said(_check(*V11A), ONSET_COVER)
    assert "Keep the infusion of fentanyl iv 25 mcg/h" in cover


def test_a_patch_taken_off_and_nothing_started_gets_no_onset_words() -> None:
    result = _check(
        [{"drug": "fentanyl", "route": "transdermal", "rate": "50 mcg/h"}],
        [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}],
        "uk-palliative",
    )
    assert not _said(result, "patch-onset")
    assert not _said(result, ONSET_COVER)


@GENERATED
@given(st.one_of(st.lists(LINES, min_size=1, max_size=2), MIXED), st.sampled_from(SETS), PATIENTS)
@example(
    [{"drug": "morphine", "route": "sc", "rate": "60 mg/day"}], "uk-palliative", {}
)  # the reviewer's V11b as a plan (D01, C05)
def test_every_plans_onset_caution_and_steps_are_in_its_own_check(
    lines: list[dict[str, Any]], table: str, patient: dict[str, Any]
) -> None:
    plan = plan_or_discard(generated_request(lines, PATCH_TARGET, table, patient=patient))
    onsets = [w.message for w in plan.warnings if w.code == "patch-onset"]
    assume(onsets and plan.regimen.rate is not None)
    proposal = [i.model_dump(mode="json", exclude_none=True) for i in order_lines(plan)]
    check = {
        "from": {"items": lines},
        "proposed": {"items": proposal},
        "table": table,
        "patient": patient,
    }
    result = check_proposal(check, tables=TABLES)
    context = (lines, proposal, result.warnings)
    assert set(onsets) <= set(_said(result, "patch-onset")), context
    steps = [
        f"{s.when}: {s.action}"
        for s in plan.schedule
        if s.action.startswith(_STEP_VERBS) and s.when not in ("from 0 h", "throughout")
    ]
    covers = " ".join(_said(result, ONSET_COVER))
    for step in steps:
        assert step in covers, (step, context)
