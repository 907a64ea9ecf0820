"""Clinician review 8, finding 1: oxycodone ER 30 mg q12h with a fentanyl patch 25 mcg/h added
(Takamatsu 2018 case 1) gave 150 OME/day and no word that a second long-acting opioid runs on
top of the first, the classic omission at a switch.

One rule (``domain.long_acting.long_acting_warnings``): a regimen with two or more regular
long-acting opioid lines (patch, modified-release oral, methadone) carries one caution naming
exactly those rows, in ``mme`` (the app's total) and a proposal ``check`` is asked about; none
with fewer than two.

Pharmacist review 9, D-E: the planner and the check also said it of the CURRENT regimen, the one
the rotation stops ("is the first meant to stop?" about a patch + oral MR that the plan stops
anyway): noise that teaches users to ignore the caution. It now speaks only of a regimen that
will be given (the proposal; a plan's target is one drug)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
PATCH_25 = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}

LONG_ACTING: list[dict[str, Any]] = [
    OXY_ER,
    PATCH_25,
    {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"},
    {"drug": "methadone", "route": "oral", "dose": "5 mg", "frequency": "q8h"},
    {"drug": "buprenorphine", "route": "transdermal", "rate": "10 mcg/h"},
    {"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"},
]
OTHERS: list[dict[str, Any]] = [
    {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q6h"},
    {"drug": "morphine", "route": "sc", "rate": "0.5 mg/h"},  # a syringe driver beside a patch
    {
        "drug": "oxycodone",
        "route": "oral",
        "form": "IR",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": 2,
    },
    {"drug": "acetaminophen", "route": "oral", "dose": "1000 mg", "frequency": "qid"},
]


def _cautions(result: Any) -> list[Any]:
    return [w for w in result.warnings if w.code == "two-long-acting-opioids"]


def test_oxycodone_er_with_a_patch_added_is_named_in_every_output() -> None:
    items = [OXY_ER, PATCH_25]
    found = _cautions(calculate_mme({"table": "uk-palliative", "items": items}))
    [caution] = found
    assert caution.severity == "caution" and caution.items == (0, 1) and caution.item == 0
    assert "rows 1 and 2" in caution.message and "is the first meant to stop?" in caution.message


MR_MORPHINE = {
    "drug": "morphine",
    "route": "oral",
    "form": "ER",
    "dose": "30 mg",
    "frequency": "q12h",
}
TO_PATCH = {"drug": "fentanyl", "route": "transdermal"}
TO_SC_MORPHINE = {"drug": "morphine", "route": "sc", "continuous": True}
#: pharmacist review 9's rotations whose current regimen holds two long-acting opioids
#: (E_patch_oral_to_patch, M15, E_patch_oral_prn_to_scmor_*, E_patch_oxy_to_hm)
SWITCHED_AWAY = [
    ([PATCH_25, {**OXY_ER, "dose": "20 mg"}], TO_PATCH, "uk-palliative"),
    ([{**OXY_ER, "dose": "20 mg"}, MR_MORPHINE], TO_PATCH, "uk-palliative"),
    ([PATCH_25, MR_MORPHINE, OTHERS[3]], TO_SC_MORPHINE, "uk-palliative"),
    ([PATCH_25, MR_MORPHINE, OTHERS[3]], TO_SC_MORPHINE, "jspm-2010"),
    ([PATCH_25, MR_MORPHINE, OTHERS[3]], TO_SC_MORPHINE, "fpm-2021"),
    (
        [PATCH_25, OXY_ER],
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        "fpm-2021",
    ),
]


@pytest.mark.parametrize(("items", "target", "table"), SWITCHED_AWAY)
def test_the_regimen_switched_away_from_is_not_cautioned(
    items: list[dict[str, Any]], target: dict[str, Any], table: str
) -> None:
    plan = plan_rotation({"from": {"items": items}, "to": target, "table": table})
    assert _cautions(plan) == [], plan.warnings
    assert _cautions(calculate_mme({"table": table, "items": items}))  # as a regimen: named


def test_the_check_speaks_of_the_proposal_not_the_current_regimen() -> None:
    # K11: a patch + morphine MR (+ as needed) -> SC morphine 6.25 mg/h
    current = {"items": [PATCH_25, MR_MORPHINE, OTHERS[3]]}
    proposed = {"items": [{"drug": "morphine", "route": "sc", "rate": "6.25 mg/h"}]}
    report = check_proposal({"from": current, "proposed": proposed, "table": "uk-palliative"})
    assert _cautions(report) == [], report.warnings
    # Q10: the proposal itself holds two, one of them started: named as proposed (and only once).
    # (From a patch + morphine MR, the patch replaced by the oxycodone, nothing is started beside
    # the lines already given: no caution, pharmacist re-check 13b #5a,
    # tests/clinical_rules/test_two_long_acting_started.py.)
    both = {"items": [{**OXY_ER, "dose": "10 mg"}, {**MR_MORPHINE, "dose": "15 mg"}]}
    also = {"items": [MR_MORPHINE]}
    report = check_proposal({"from": also, "proposed": both, "table": "uk-palliative"})
    [caution] = _cautions(report)
    assert "proposed rows 1 and 2" in caution.message


def test_a_proposal_with_two_long_acting_opioids_is_named_as_proposed() -> None:
    current = {"items": [{**OXY_ER, "dose": "60 mg"}]}
    report = check_proposal({"from": current, "proposed": {"items": [OXY_ER, PATCH_25]}})
    [caution] = _cautions(report)
    assert "proposed rows 1 and 2" in caution.message and caution.item is None


def test_a_switch_to_a_patch_does_not_caution_its_own_transition() -> None:
    """The plan keeps oxycodone ER for the patch's onset: a schedule, not two regimens."""
    plan = plan_rotation(
        {"from": {"items": [OXY_ER]}, "to": {"drug": "fentanyl", "route": "transdermal"}}
    )
    assert _cautions(plan) == []


@given(
    picked=st.lists(
        st.sampled_from(range(len(LONG_ACTING) + len(OTHERS))), min_size=1, max_size=5, unique=True
    )
)
@example(picked=[5, 1])  # two fentanyl patches: one order (the clean-clone CI found it)
def test_the_caution_names_exactly_the_long_acting_rows(picked: list[int]) -> None:
    pool = LONG_ACTING + OTHERS
    items = [pool[i] for i in picked]
    expected = tuple(row for row, i in enumerate(picked) if i < len(LONG_ACTING))
    # as the app asks (a row the set cannot count is set aside): uk-palliative has no factor for
    # methadone, which still runs beside the others and is named
    document = {"table": "uk-palliative", "items": items}
    found = _cautions(calculate_mme(document, on_item_error="exclude"))
    # patches of one drug are worn together, one order (final re-checks 18d): 12.5 + 25 mcg/h of
    # fentanyl is one long-acting order, never "is the first meant to stop?"
    orders = {
        (pool[i]["drug"], "patch") if pool[i]["route"] == "transdermal" else (pool[i]["drug"], row)
        for row, i in enumerate(picked)
        if i < len(LONG_ACTING)
    }
    if len(orders) >= 2:
        assert [w.items for w in found] == [expected]
    else:
        assert found == []
