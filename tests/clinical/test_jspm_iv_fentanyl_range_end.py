"""Pharmacist review 7, D1 (OVERDOSE): jspm-2010 oral opioid → continuous IV fentanyl.

Source: the JSPM 2010 conversion table row "IV fentanyl 0.2–0.3 mg/day ≈ oral morphine 30 mg"
(clinical-sources.md §A9; `data/conversion_tables.yaml`, jspm-2010 fentanyl iv, factor 0.1–0.15
mg OME per mcg/day). The Japanese 3-day matrix patch label's conversion table puts "fentanyl
injection 0.5 mg/day" beside "oral morphine 90 mg/day" (clinical-sources.md, the label addendum:
0.18 mg OME per mcg/day, beyond the set's potent end). Converted at 0.1 (300 mcg ≈ 30 mg), 60 OME
gave 600 mcg/day, −25% = 448.8 mcg/day (18.7 mcg/h): 67 OME at 0.15 and ~81 OME by the label,
above the current 60 OME. Converted at the end giving less fentanyl, 0.15 (200 mcg ≈ 30 mg):
60 OME → 400 mcg/day, −25% → 300 mcg/day = 12.5 mcg/h, i.e. 45 OME at 0.15 and 54 OME by the
label (the reviewer's 250–333 mcg/day). The breakthrough is the 1-hour amount of the infusion
(JSPM 2010, chapter 3, recommendation 21), so it follows the new base: 12.5 mcg.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main

TABLES = get_tables()
IV_FENTANYL = {"drug": "fentanyl", "route": "iv", "continuous": True}
#: Takamatsu 2018 case 3 (case-regimens.md): oral long-acting oxycodone 20 mg/day with rescue
#: short-acting oxycodone 5 mg; four rescues a day taken, as the reviewer's reproducer
#: (F_tak3_oxy_ivfent.json): 20 + 20 mg/day oxycodone × 1.5 (JSPM "oral oxycodone 20 mg ≈ oral
#: morphine 30 mg") = 60 OME
TAKAMATSU_3 = [
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"},
    {
        "drug": "oxycodone",
        "route": "oral",
        "form": "IR",
        "dose": "5 mg",
        "prn": True,
        "doses_per_day": 4,
    },
]
MORPHINE_120 = [
    {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q12h"}
]


def _plan(items: list[dict[str, Any]]) -> Any:
    request = {"from": {"items": items}, "to": IV_FENTANYL, "table": "jspm-2010"}
    return plan_rotation(request, tables=TABLES)


def _check(items: list[dict[str, Any]], rate: str) -> Any:
    proposal = {"drug": "fentanyl", "route": "iv", "rate": rate}
    request = {"from": {"items": items}, "proposed": {"items": [proposal]}, "table": "jspm-2010"}
    return check_proposal(request, tables=TABLES)


def test_takamatsu_3_to_iv_fentanyl_is_converted_at_the_end_giving_less_fentanyl() -> None:
    """60 OME ÷ 0.15 (JSPM 0.2 mg/day ≈ 30 mg) = 400 mcg/day; −25% = 300 mcg/day = 12.5 mcg/h
    (45 OME at 0.15, 54 OME by the JP label's 0.5 mg/day ≈ 90 mg; both below the current 60)."""
    plan = _plan(TAKAMATSU_3)
    assert plan.ome_per_day == 60
    assert plan.equianalgesic_daily_dose.value == 400
    assert (plan.equianalgesic_daily_dose.low, plan.equianalgesic_daily_dose.high) == (400, 600)
    assert plan.reduction == 0.25
    assert plan.regimen.rate is not None
    assert (plan.regimen.rate.value, plan.regimen.rate.unit) == (12.5, "mcg/h")
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 300
    assert plan.rounded_daily_dose.value * 0.15 <= plan.ome_per_day * (1 - plan.reduction)
    assert plan.rounded_daily_dose.value * 0.5 * 90 / 500 < plan.ome_per_day  # JP label
    step2 = next(s for s in plan.steps if s.startswith("2."))
    assert "÷ 0.15" in step2 and "the high end of the row's cited range 0.1–0.15" in step2
    assert "less of the new opioid" in step2


def test_morphine_60_q12h_to_iv_fentanyl_under_jspm() -> None:
    """120 OME ÷ 0.15 = 800 mcg/day; −25% = 600 mcg/day = 25 mcg/h (was 37.5 mcg/h, 900 mcg/day:
    135 OME at 0.15, above the current 120)."""
    plan = _plan(MORPHINE_120)
    assert plan.equianalgesic_daily_dose.value == 800
    assert plan.regimen.rate is not None and plan.regimen.rate.value == 25
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 600


def test_the_breakthrough_is_the_one_hour_amount_of_the_new_base() -> None:
    # the 1-hour amount rounded down by the injected step (clinician review 11 #5): 12.5 → 12 mcg
    for items, rate in ((TAKAMATSU_3, 12), (MORPHINE_120, 25)):
        plan = _plan(items)
        assert plan.breakthrough is not None and plan.breakthrough.dose is not None
        assert (plan.breakthrough.dose.value, plan.breakthrough.dose.unit) == (rate, "mcg")
        assert plan.breakthrough.drug == "fentanyl" and plan.breakthrough.route == "iv"


def test_the_check_values_a_proposal_at_the_potent_end() -> None:
    """The old plan's 18.7 mcg/h = 448.8 mcg/day is 67.3 OME at 0.15: above 30–45 OME."""
    old = _check(TAKAMATSU_3, "18.7 mcg/h")
    assert old.verdict == "above"
    assert round(old.proposed_ome_per_day, 2) == 67.32
    assert (old.expected_low, old.expected_high) == (30, 45)
    new = _check(TAKAMATSU_3, "12.5 mcg/h")
    assert new.verdict == "within" and new.proposed_ome_per_day == 45
    assert any("the high end of the row's cited range 0.1–0.15" in r for r in new.reasons)


def test_mme_says_which_end_it_uses_and_why(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "ivfent.json"
    item = {"drug": "fentanyl", "route": "iv", "form": "injection", "rate": "18.7 mcg/h"}
    path.write_text(json.dumps({"items": [item], "table": "jspm-2010"}), encoding="utf-8")
    assert main(["mme", str(path)]) == 0
    text = capsys.readouterr().out
    assert "× 0.1 (0.1–0.15)" in text
    assert "0.1 is the set's point, its low end, the lower OME from this line" in text
    assert "as a switch target, and when the check values a proposal, 0.15" in text
