"""Outside pharmacist review (review3, 2 December), finding 1: no maximum daily dose in rotate
or check. ``check`` of tramadol 150 mg q6h (600 mg/day) said WITHIN with no warning although the
catalogue cites "tramadol max 400 mg/day (Ultram label)" and ``mme`` cautions it; the planner
added tramadol 50 mg as needed on top of a regular 400 mg/day, silently; codeine 450 mg/day was
proposed with no word about a maximum (none is cited in the reference).

The class: one rule (``proposal_max_dose_warnings``, which calls mme's ``drug_max_dose_warning``)
judges every regimen to be given: a regular daily dose above the cited maximum is a danger in
check and NO DOSE in rotate; the breakthrough doses' possible daily total is stated.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli_runner import run_cli
from tests.rotation.plans import checked, planned

MORPHINE_ER = {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"}


def _tramadol_check(dose_mg: int, frequency: str, morphine_mg: int = 45) -> dict[str, Any]:
    return {
        "from": {"items": [{**MORPHINE_ER, "dose": f"{morphine_mg} mg"}]},
        "proposed": {
            "items": [
                {
                    "drug": "tramadol",
                    "route": "oral",
                    "form": "IR",
                    "dose": f"{dose_mg} mg",
                    "frequency": frequency,
                }
            ]
        },
        "table": "uk-palliative",
    }


def _to_tramadol(morphine_mg: int, frequency: str = "q6h") -> dict[str, Any]:
    return {
        "from": {"items": [{**MORPHINE_ER, "dose": f"{morphine_mg} mg"}]},
        "to": {"drug": "tramadol", "route": "oral", "form": "IR", "frequency": frequency},
        "table": "uk-palliative",
    }


def _codes(result: dict[str, Any]) -> dict[str, str]:
    return {w["code"]: w["severity"] for w in result["warnings"]}


def test_check_of_tramadol_600_mg_a_day_is_a_danger() -> None:  # review3 wrong/w15.json
    result = checked(_tramadol_check(150, "q6h"))
    assert _codes(result).get("max-daily-dose") == "danger", result["warnings"]


def test_the_command_line_check_says_the_maximum(tmp_path) -> None:
    path = tmp_path / "w15.json"
    path.write_text(json.dumps(_tramadol_check(150, "q6h")), encoding="utf-8")
    run = run_cli("check", str(path))
    assert run.returncode == 0, run.stderr
    assert "600 mg/day is above the maximum of 400 mg/day" in run.stdout
    assert "DANGER" in run.stdout


def test_rotate_gives_no_tramadol_dose_above_the_maximum(tmp_path) -> None:
    plan = planned(_to_tramadol(60))  # 120 OME → tramadol 900 mg/day after 25%
    assert plan["regimen"]["dose"] is None, plan["regimen"]
    assert "above the cited maximum" in plan["regimen_detail"]["no_dose"]
    assert _codes(plan).get("max-daily-dose") == "danger"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(_to_tramadol(60)), encoding="utf-8")
    run = run_cli("rotate", str(path))
    assert run.returncode == 0, run.stderr
    assert "above the cited maximum" in run.stdout


def test_rotate_states_the_breakthrough_daily_total_against_the_maximum() -> None:
    plan = planned(_to_tramadol(30))  # review3 oo16: 100 mg q6h = 400 mg/day + 50 mg PRN
    assert plan["regimen"]["dose"] == {"value": 100.0, "unit": "mg"}
    found = [w for w in plan["warnings"] if w["code"] == "max-daily-dose-as-needed"]
    assert found and found[0]["severity"] == "danger", plan["warnings"]
    assert "at most 0 as-needed dose" in found[0]["message"]


def test_codeine_has_no_cited_maximum_and_says_so() -> None:  # review3 cases/oo15.json
    morphine_ir = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}
    current = {"items": [{**morphine_ir, "form": "IR"}]}
    codeine = {"drug": "codeine", "route": "oral", "frequency": "q4h"}
    plan = planned({"from": current, "to": codeine, "table": "uk-palliative"})
    # pharmacist review 17, M1: no codeine strength is listed and a tablet is not measured, so
    # the switch gives no dose (it said 450 mg/day "measured to the dose"); the missing maximum
    # is said wherever a codeine dose is given: a proposed order
    assert plan["regimen"]["dose"] is None, plan["regimen"]
    assert "no-dose-in-form" in _codes(plan), plan["warnings"]
    proposed = {"items": [{**codeine, "dose": "60 mg"}]}
    result = checked({"from": current, "proposed": proposed, "table": "uk-palliative"})
    assert _codes(result).get("max-daily-dose-not-cited") == "caution", result["warnings"]


@settings(max_examples=60, deadline=None)
@given(
    dose_mg=st.sampled_from([50, 100, 150, 200]),
    frequency=st.sampled_from(["q4h", "q6h", "qid"]),  # immediate-release: every 4–6 h
    morphine_mg=st.sampled_from([10, 20, 30, 45, 60, 90]),
)
def test_every_check_above_the_maximum_carries_a_danger(
    dose_mg: int, frequency: str, morphine_mg: int
) -> None:
    per_day = {"q4h": 6, "q6h": 4, "qid": 4}[frequency]
    result = checked(_tramadol_check(dose_mg, frequency, morphine_mg))
    over = dose_mg * per_day > 400
    assert (_codes(result).get("max-daily-dose") == "danger") is over, result["warnings"]


@settings(max_examples=40, deadline=None)
@given(
    morphine_mg=st.integers(min_value=5, max_value=200),
    frequency=st.sampled_from(["q4h", "q6h"]),
)
def test_no_plan_proposes_a_regular_dose_above_the_maximum(
    morphine_mg: int, frequency: str
) -> None:
    plan = planned(_to_tramadol(morphine_mg, frequency))
    daily = plan["regimen_detail"].get("daily_dose")
    if daily is not None:
        assert daily["value"] <= 400, plan["regimen"]
    else:
        assert plan["regimen"]["dose"] is None
