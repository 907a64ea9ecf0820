"""Pharmacist review 15, D3 (high): `rotate` printed "throughout: Continue acetaminophen oral
1000 mg q4h (6 doses/day) = 6000 mg/day unchanged (co-medication)" with no warning, while
`check` called the same 6 g/day a danger. A co-medication the plan continues is a regimen to be
given: the one maximum-dose rule for what is given (`proposal_max_dose_warnings`, as `check`
applies it) judges it, the patient's renal function included (pregabalin 600 mg/day at eGFR 20)."""

from __future__ import annotations

from typing import Any

from tests.rotation.plans import planned

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
TO = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}


def _codes(plan: dict[str, Any]) -> dict[str, str]:
    return {w["code"]: w["severity"] for w in plan["warnings"]}


def _plan(co: dict[str, Any], patient: dict[str, Any] | None = None) -> dict[str, Any]:
    return planned({"from": {"items": [OXY, co]}, "to": TO, "patient": patient or {}})


def test_g14_six_grams_of_paracetamol_continued_is_a_danger() -> None:
    plan = _plan({"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "q4h"})
    assert _codes(plan).get("max-daily-dose") == "danger", plan["warnings"]
    warning = next(w for w in plan["warnings"] if w["code"] == "max-daily-dose")
    assert "6000 mg/day" in warning["message"] or "6,000 mg/day" in warning["message"]


def test_four_grams_continued_is_no_finding() -> None:
    plan = _plan({"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "qid"})
    assert "max-daily-dose" not in _codes(plan)


def test_g15_pregabalin_above_its_renal_maximum_is_a_danger() -> None:
    co = {"drug": "pregabalin", "route": "oral", "dose": "300 mg", "frequency": "bid"}
    plan = _plan(co, {"egfr": 20})
    assert _codes(plan).get("max-daily-dose") == "danger", plan["warnings"]


# Pharmacist re-check 15b, #6: the DANGER printed, but the schedule still said "Continue
# acetaminophen oral 1000 mg q4h = 6000 mg/day unchanged". A plan never tells the nurse to
# continue unchanged what its own warning calls above the maximum.

_CO_MEDICATIONS = [
    ("acetaminophen", ["500 mg", "1000 mg", "1 g"], ["q4h", "q6h", "qid", "q8h"]),
    ("gabapentin", ["300 mg", "600 mg", "1200 mg"], ["tid", "bid", "q8h"]),
    ("pregabalin", ["75 mg", "150 mg", "300 mg"], ["bid", "q12h"]),
    ("naproxen", ["250 mg", "500 mg", "750 mg"], ["bid", "tid"]),
    ("ketamine", ["10 mg", "50 mg", "100 mg"], ["qid", "q4h"]),
]
_TARGETS = [
    TO,
    {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    {"drug": "methadone", "route": "oral"},
    {"drug": "fentanyl", "route": "transdermal"},
]


def _over_maximum_lines_unchanged(plan: dict[str, Any], drug: str) -> list[str]:
    """The schedule lines and warnings that say "unchanged" for the co-medication (item 1,
    ``drug``) when a max-daily-dose warning names it."""
    if not any(w["code"] == "max-daily-dose" and w["item"] == 1 for w in plan["warnings"]):
        return []
    lines = [e["action"] for e in plan["schedule"] if drug in e["action"]]
    lines += [w["message"] for w in plan["warnings"] if w["item"] == 1]  # "stays … unchanged"
    return [line for line in lines if "unchanged" in line]


def test_g14_schedule_says_reduce_not_unchanged() -> None:
    plan = _plan({"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "q4h"})
    line = next(e["action"] for e in plan["schedule"] if "acetaminophen" in e["action"])
    assert "unchanged" not in line, line
    assert "above its maximum" in line and "reduce" in line.lower(), line


def test_a_co_medication_within_its_maximum_is_still_continued_unchanged() -> None:
    plan = _plan({"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "qid"})
    line = next(e["action"] for e in plan["schedule"] if "acetaminophen" in e["action"])
    assert "unchanged" in line and "maximum" not in line, line


def test_text_and_view_records_say_reduce() -> None:
    from mps_pain.presentation.rotation import plan_view
    from mps_pain.services.rotation_service import plan_rotation
    from mps_pain_cli.render_rotation import render_plan

    co = {"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "q4h"}
    made = plan_rotation({"from": {"items": [OXY, co]}, "to": TO})
    view = plan_view(made)
    shown = [f.value for f in view.schedule if "acetaminophen" in f.value]
    assert shown and all("unchanged" not in s and "above its maximum" in s for s in shown)
    text = render_plan(made)
    assert "6000 mg/day unchanged" not in text and "above its maximum" in text


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.rotation.generated import GENERATED  # noqa: E402


@GENERATED
@given(
    co=st.sampled_from(_CO_MEDICATIONS).flatmap(
        lambda c: st.tuples(st.just(c[0]), st.sampled_from(c[1]), st.sampled_from(c[2]))
    ),
    to=st.sampled_from(_TARGETS),
    egfr=st.sampled_from([None, 10, 20, 45, 90]),
    table=st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
)
def test_no_schedule_line_continues_unchanged_what_its_warning_calls_above_maximum(
    co: tuple[str, str, str], to: dict[str, Any], egfr: int | None, table: str
) -> None:
    drug, dose, frequency = co
    item = {"drug": drug, "route": "oral", "dose": dose, "frequency": frequency}
    patient = {"egfr": egfr} if egfr is not None else {}
    from mps_pain.errors import MpsPainError

    try:
        plan = planned(
            {"from": {"items": [OXY, item]}, "to": to, "patient": patient, "table": table}
        )
    except MpsPainError:
        return
    assert not _over_maximum_lines_unchanged(plan, drug), (plan["warnings"], plan["schedule"])
