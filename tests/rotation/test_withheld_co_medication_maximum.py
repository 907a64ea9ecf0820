"""Review 15 (pharmacist-b, R02 with a target the planner withholds): a NO DOSE plan's only
schedule line said "Keep the current regimen until another opioid or route is chosen" while the
regimen held paracetamol 1 g q4h (6 g/day) and the plan's own DANGER called it above its maximum.
A withheld plan keeps the current OPIOID regimen; each co-medication has its own line, worded by
the one co-medication wording (``schedule_current.co_medication_entry``) and judged by the one
rule (``gate_given.continued_maximum``): reduced when above its maximum, as a continued plan says.

Property (every plan, withheld or not): no schedule line or step tells the reader to keep or
continue unchanged a line the plan's own warnings call above its maximum."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from tests.rotation.generated import GENERATED
from tests.rotation.plans import planned

MORPHINE = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
METHADONE = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
CODEINE = {"drug": "codeine", "route": "oral", "dose": "30 mg", "frequency": "qid"}
PARA_6G = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "q4h"}
PARA_4G = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "frequency": "qid"}
OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
PATCH = {"drug": "fentanyl", "route": "transdermal"}

#: requests the planner withholds (NO DOSE), each for its own reason: the patient rules (QTc
#: 520 ms and methadone), a switch from methadone (specialist only), a patch below the smallest
_WITHHELD: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (MORPHINE, {"drug": "methadone", "route": "oral"}, {"qtc": "520"}),
    (METHADONE, OXY_ER, {}),
    (CODEINE, PATCH, {"opioid_tolerant": True}),
]


def _request(current: dict[str, Any], co: dict[str, Any], to: dict[str, Any], patient: Any) -> Any:
    return {
        "from": {"items": [current, co]},
        "to": to,
        "patient": patient,
        "table": "uk-palliative",
    }


def _over_maximum(plan: dict[str, Any]) -> set[int]:
    return {
        w["item"]
        for w in plan["warnings"]
        if w["code"] == "max-daily-dose" and w["severity"] == "danger" and w["item"] is not None
    }


def _kept_or_unchanged(plan: dict[str, Any], drug: str) -> list[str]:
    """The lines that keep the whole current regimen, or continue ``drug`` unchanged."""
    lines = [e["action"] for e in plan["schedule"]] + list(plan["steps"])
    return [
        line
        for line in lines
        if "keep the current regimen" in line.lower() or (drug in line and "unchanged" in line)
    ]


def test_r02_withheld_methadone_keeps_the_opioid_and_reduces_paracetamol() -> None:
    plan = planned(_request(MORPHINE, PARA_6G, *_WITHHELD[0][1:]))
    assert plan["regimen_detail"]["no_dose"] is not None, plan["regimen"]
    assert _over_maximum(plan) == {1}, plan["warnings"]
    actions = [e["action"] for e in plan["schedule"]]
    assert not _kept_or_unchanged(plan, "acetaminophen"), actions
    assert any("Keep the current opioid regimen" in a for a in actions), actions
    reduce = [a for a in actions if "acetaminophen" in a]
    assert reduce and all(a.startswith("Reduce") and "above its maximum" in a for a in reduce)


def test_withheld_plan_within_maximum_continues_the_co_medication_unchanged() -> None:
    plan = planned(_request(MORPHINE, PARA_4G, *_WITHHELD[0][1:]))
    actions = [e["action"] for e in plan["schedule"]]
    assert any("Keep the current opioid regimen" in a for a in actions), actions
    assert any(a.startswith("Continue acetaminophen") and "unchanged" in a for a in actions)


def test_withheld_plan_without_co_medication_keeps_the_current_regimen() -> None:
    plan = planned(
        {"from": {"items": [MORPHINE]}, "to": _WITHHELD[0][1], "patient": _WITHHELD[0][2]}
    )
    assert [e["action"] for e in plan["schedule"]][-1].endswith(
        "Keep the current regimen until another opioid or route is chosen."
    ), plan["schedule"]


def test_text_view_of_the_withheld_plan_says_reduce() -> None:
    from mps_pain.services.rotation_service import plan_rotation
    from mps_pain_cli.render_rotation import render_plan

    text = render_plan(plan_rotation(_request(MORPHINE, PARA_6G, *_WITHHELD[0][1:])))
    assert "Keep the current regimen" not in text
    assert "Reduce acetaminophen" in text and "above its maximum" in text


_CO_MEDICATIONS = [
    ("acetaminophen", ["500 mg", "1 g"], ["q4h", "qid", "q8h"]),
    ("gabapentin", ["600 mg", "1200 mg"], ["tid", "bid"]),
    ("naproxen", ["250 mg", "750 mg"], ["bid", "tid"]),
]
_TARGETS = [
    (MORPHINE, OXY_ER, {}),
    (MORPHINE, PATCH, {}),
    *_WITHHELD,
]


@GENERATED
@given(
    co=st.sampled_from(_CO_MEDICATIONS).flatmap(
        lambda c: st.tuples(st.just(c[0]), st.sampled_from(c[1]), st.sampled_from(c[2]))
    ),
    case=st.sampled_from(_TARGETS),
    egfr=st.sampled_from([None, 20, 90]),
)
def test_no_plan_keeps_unchanged_what_its_warning_calls_above_maximum(
    co: tuple[str, str, str], case: tuple[dict[str, Any], dict[str, Any], dict[str, Any]], egfr: Any
) -> None:
    drug, dose, frequency = co
    current, to, patient = case
    item = {"drug": drug, "route": "oral", "dose": dose, "frequency": frequency}
    patient = {**patient, **({"egfr": egfr} if egfr is not None else {})}
    try:
        plan = planned(_request(current, item, to, patient))
    except MpsPainError:
        return
    if 1 not in _over_maximum(plan):
        return
    assert not _kept_or_unchanged(plan, drug), (plan["schedule"], plan["steps"])
    # another danger naming the line (an NSAID at eGFR < 30: avoid it) outranks "reduce it"
    # (re-check 16b, A05)
    avoided = any(
        w["severity"] == "danger" and w["item"] == 1 and w["code"] != "max-daily-dose"
        for w in plan["warnings"]
    )
    said = f"Review {drug}" if avoided else f"Reduce {drug}"
    assert any(e["action"].startswith(said) for e in plan["schedule"]), plan["schedule"]
