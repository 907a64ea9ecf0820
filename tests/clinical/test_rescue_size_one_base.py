"""Pharmacist re-check 16b, #5 (medium): the rescue-size caution compared a rescue with the
regular line of its own drug only, while the set-aside judged it against the whole regular OME.
A morphine IR 10 mg rescue beside a fentanyl patch 25 and morphine MR 15 mg q12h (90 mg/day OME)
read "outside the breakthrough rule for the proposed regular 30 mg/day: 3-5 mg" (C12, C20); an
oxycodone 5 mg rescue beside oxycodone MR and a morphine or oxycodone SC infusion read "outside
2-3.33 mg" (P14, C21). The breakthrough dose is 1/10-1/6 of the 24-h REGULAR opioid dose
(clinical-sources §3(d)): one base, the whole regular dose (``rescue_size``), for the caution and
the set-aside alike, so a rescue's verdict depends on the regular OME, not on which lines make it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
RECHECK = Path(__file__).parent / "fixtures" / "recheck16b"
OUTSIDE = "breakthrough-dose-outside-rule"
FROM = {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}]}


@pytest.mark.parametrize(
    "name",
    [
        "C12-patch-morprn-add-morMR-uncontrolled.json",
        "C20-patch-morprn-to-patch+morMR-same-amount.json",
        "C21-oxyER+hmSC-rescue-total.json",
        "P14-two-regular-plus-prn.json",
    ],
)
def test_a_rescue_within_the_whole_regular_dose_is_not_called_outside(name: str) -> None:
    done = run_cli("check", "--json", str(RECHECK / name))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert not [w for w in result["warnings"] if w["code"] == OUTSIDE], result["warnings"]
    assert result["proposed_rescues"], "the rescue within 1/6 is set aside as an order"


def test_a_too_small_rescue_names_the_whole_regular_dose() -> None:
    document = json.loads((RECHECK / "C12-patch-morprn-add-morMR-uncontrolled.json").read_text())
    document["proposed"]["items"][2]["dose"] = "2 mg"  # below 1/10 of 90 mg/day OME
    done = run_cli("check", "--json", "-", stdin=json.dumps(document))
    assert done.returncode == 0, done.stderr
    outside = [w for w in json.loads(done.stdout)["warnings"] if w["code"] == OUTSIDE]
    assert outside and "90 mg/day OME" in outside[0]["message"], outside


def _er(drug: str, mg_per_day: float) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "form": "ER", "dose": f"{mg_per_day / 2} mg",
            "frequency": "q12h"}  # fmt: skip


def _verdict(regular: list[dict[str, Any]], rescue: dict[str, Any], table: str) -> tuple[Any, ...]:
    """(set aside as an order, the size caution) for ``rescue`` beside ``regular``; a rescue not
    set aside, with no count, is refused for its count."""
    document = {"from": FROM, "proposed": {"items": [*regular, rescue]}, "table": table}
    try:
        result = check_proposal(document, tables=TABLES)
    except MpsPainError as error:
        return ("refused", type(error).__name__)
    return (bool(result.proposed_rescues), any(w.code == OUTSIDE for w in result.warnings))


@given(
    # every (n, k) with 1 <= n <= 12 and 0 <= k < n, drawn directly (a filter discarded 46%)
    steps=st.sampled_from([(n, k) for n in range(1, 13) for k in range(n)]),
    rescue=st.sampled_from(["oxycodone", "morphine"]),
    dose=st.integers(1, 60),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_a_rescues_verdict_depends_on_the_regular_ome_not_on_its_lines(
    steps: tuple[int, int], rescue: str, dose: int, table: str
) -> None:
    """Oxycodone ER alone against part of it given as morphine MR of the same OME (oxycodone is
    1.5 mg OME per mg in each of these sets): the same rescue reads the same either way.

    With none of it kept as oxycodone the "split" is morphine MR alone, a dose change of the
    current opioid, not a switch (re-check 17b, H3): its rescue ceiling's current side is the
    current 120 mg/day OME (no sourced reduction for the same opioid), the switch's the top of
    its expected range (120 less 25%: 90), so the two may differ, and only so: every rescue the
    switch sets aside the dose change sets aside, and one they part on lies between 1/6 of 90
    and 1/6 of 120 mg/day OME."""
    oxycodone, kept = 20.0 * steps[0], 20.0 * steps[1]  # mg/day; exact in binary
    morphine = (oxycodone - kept) * 1.5
    line = {"drug": rescue, "route": "oral", "form": "IR", "dose": f"{dose} mg", "prn": True,
            "doses_per_day": "not reported"}  # fmt: skip
    alone = _verdict([_er("oxycodone", oxycodone)], line, table)
    split = [_er("oxycodone", kept)] if kept else []
    split.append(_er("morphine", morphine))
    if kept:
        assert _verdict(split, line, table) == alone
        return
    changed = _verdict(split, line, table)
    if changed != alone:
        ome = dose * (1.5 if rescue == "oxycodone" else 1.0)
        assert changed[0] is True and alone[0] is not True, (changed, alone)
        assert 90 / 6 < ome <= 120 / 6 * (1 + 1e-6), (changed, alone, ome)


PATCH_SETS = ["uk-palliative", "fpm-2021", "jspm-2010"]


@pytest.mark.parametrize("table", PATCH_SETS)
@pytest.mark.parametrize("rate", [12.5, 25, 37.5, 50, 75, 100])
def test_the_patch_linked_rescue_is_inside_the_one_range(table: str, rate: float) -> None:
    """The planner's rescue beside a fentanyl patch is the linked oral morphine table, 0.4 mg
    per mcg/h (the Canadian card): it lies inside 1/10-1/6 of the patch's OME under every set,
    so one range judges a rescue beside a patch and beside any other regular line."""
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": f"{rate} mcg/h"}
    rescue = {"drug": "morphine", "route": "oral", "form": "IR", "dose": f"{0.4 * rate} mg",
              "prn": True, "doses_per_day": "not reported"}  # fmt: skip
    try:
        assert _verdict([patch], rescue, table) == (True, False)
    except MpsPainError:
        pytest.skip("the set has no factor for this patch")
