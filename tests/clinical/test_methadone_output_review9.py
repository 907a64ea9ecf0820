"""The methadone check and plan output say one thing in text and JSON (pharmacist review 9, F1,
D-C, D-G; fuzz review 9, #2, #4).

- F1 / fuzz #2: two methadone-order dangers (an interval shorter than the cited methods', an
  open-ended as-needed order) gave two JSON ``verdict`` values for amounts inside the range
  (``within`` for q1h 12 mg/day, ``above`` for as-needed 15 mg/day). ``verdict`` judges the
  amount; ``not_signable`` says the order is not signable as written, for both; ``headline`` is
  the text's first line (``not_signable``). An open-ended order's daily amount is unbounded (its
  count of doses is no sourced maximum): its amount is ``above``, and the text says so.
- fuzz #2: a methadone dose increase says the titration interval (data, cited).
- fuzz #4: a NO DOSE plan carries no copyable dose in ``rotate --json``.
- D-C: the fill-in rescue line of a methadone plan names no drug in JSON either.
- D-G: the as-needed methadone danger does not name a method nobody chose; a held-down
  methadone plan does not print its reduction alone beside a larger effective one.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from mps_pain_cli.main import main
from tests.clinical.helpers import codes, morphine_oral, run_json

UK = "uk-palliative"
ON_METHADONE = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
TITRATION = "methadone-titration-interval"


def _check(current: dict[str, Any], proposed: dict[str, Any], table: str) -> dict[str, Any]:
    return {"from": {"items": [current]}, "proposed": {"items": [proposed]}, "table": table}


def _methadone(dose: float, **shape: Any) -> dict[str, Any]:
    return {"drug": "methadone", "route": "oral", "form": "tablet", "dose": f"{dose} mg", **shape}


Q05 = _check(morphine_oral(90), _methadone(0.5, frequency="q1h"), UK)  # regular, too often
Q04 = _check(morphine_oral(90), _methadone(5, prn=True, doses_per_day=3), UK)  # open-ended


# ------------------------------------------------------------------------- F1 / fuzz #2 ------
def test_a_too_short_interval_keeps_the_amount_verdict_and_says_not_signable(tmp_path, capsys):
    result = run_json("check", Q05, tmp_path, capsys)
    assert result["verdict"] == "within"  # the amount: 12 mg/day in 3–15
    assert result["not_signable"] is True
    assert result["headline"] == "not_signable"
    view = check_view(check_proposal(Q05))
    assert view.expected == "3–15 mg/day methadone"
    assert "as-needed" not in view.expected


def test_an_open_ended_order_is_not_signable_and_its_amount_unbounded(tmp_path, capsys):
    result = run_json("check", Q04, tmp_path, capsys)
    assert result["not_signable"] is True
    assert result["headline"] == "not_signable"
    assert result["verdict"] == "above"  # the daily amount has no sourced maximum: unbounded
    said = " ".join(result["reasons"])
    assert "unbounded" in said and "15 mg/day" in said


@pytest.mark.parametrize(
    "document",
    [
        _check(morphine_oral(90), _methadone(5, frequency="tid"), UK),
        _check(
            morphine_oral(60), {"drug": "oxycodone", "route": "oral", "daily_dose": "30 mg"}, UK
        ),
    ],
)
def test_a_signable_order_is_not_flagged(document, tmp_path, capsys):
    result = run_json("check", document, tmp_path, capsys)
    assert result["not_signable"] is False
    assert result["headline"] == result["verdict"]


# ----------------------------------------------------------------- fuzz #2 titration ---------
def test_a_methadone_dose_increase_says_the_titration_interval(tmp_path, capsys):
    """jump.py: methadone 10 mg tid → 20 mg tid (+100%) was a plain DOSE CHANGE."""
    document = _check(ON_METHADONE, _methadone(20, frequency="tid"), "jspm-2010")
    result = run_json("check", document, tmp_path, capsys)
    assert codes(result)[TITRATION] == "caution"
    warning = next(w for w in result["warnings"] if w["code"] == TITRATION)
    # jspm-2010: the JP label's own "at least 7 days", not 5–7 (pharmacist review 10, N-4; the
    # sets without a label interval keep 5–7: tests/clinical/test_methadone_titration_per_set.py)
    assert re.search(r"every 7 days\.", warning["message"])
    assert "7 days" in warning["source"]
    said = json.dumps(result)
    assert "Conversion FROM methadone" not in said and "not bidirectional" not in said


@pytest.mark.parametrize("form", ["tablet", "oral_solution"])
def test_methadone_to_methadone_in_a_stated_form_is_a_dose_change(form, tmp_path, capsys):
    """Found writing the test above: methadone 10 mg tid → methadone *tablet* 20 mg tid was a
    switch "to methadone" judged against 247.5 mg/day OME (30 mg × 8.25, the from-methadone
    ratio), and ``rotate`` planned methadone from methadone through a method's band."""
    proposed = {**_methadone(20, frequency="tid"), "form": form}
    result = run_json("check", _check(ON_METHADONE, proposed, "jspm-2010"), tmp_path, capsys)
    assert result["switch_kind"] == "dose_change"
    # a dose change is checked against no range: the amount it is from, no expected ends
    # (pharmacist re-check 13b, #3)
    assert result["dose_change_from"] == 30
    assert result["expected_low"] is None and result["expected_high"] is None
    request = {
        "from": {"items": [ON_METHADONE]},
        "to": {"drug": "methadone", "route": "oral", "form": form},
        "table": "jspm-2010",
    }
    path = tmp_path / "rotate.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    assert main(["rotate", str(path)]) == 2
    assert "dose change" in capsys.readouterr().err


@pytest.mark.parametrize("dose", [10.0, 5.0])
def test_no_titration_warning_without_an_increase(dose, tmp_path, capsys):
    document = _check(ON_METHADONE, _methadone(dose, frequency="tid"), "jspm-2010")
    assert TITRATION not in codes(run_json("check", document, tmp_path, capsys))


def test_no_titration_warning_on_another_drugs_increase(tmp_path, capsys):
    morphine = {"drug": "morphine", "route": "oral", "form": "IR", "frequency": "q4h"}
    document = _check({**morphine, "dose": "10 mg"}, {**morphine, "dose": "15 mg"}, UK)
    assert TITRATION not in codes(run_json("check", document, tmp_path, capsys))


# ------------------------------------------------------------------------- fuzz #4 -----------
def _amounts(payload: Any, path: str = "") -> list[str]:
    """Every path in the JSON holding a number with a dose unit (a copyable amount)."""
    if isinstance(payload, dict):
        if "value" in payload and "unit" in payload and payload["value"] is not None:
            return [path]
        return [p for k, v in payload.items() for p in _amounts(v, f"{path}.{k}")]
    if isinstance(payload, list):
        return [p for i, v in enumerate(payload) for p in _amounts(v, f"{path}[{i}]")]
    return []


def test_a_no_dose_methadone_plan_carries_no_copyable_dose(tmp_path, capsys):
    """md_uk-palliative.json: Morley-Makin (the UK default) proposes no dose, yet the JSON had
    ``target_daily_dose`` 12 mg (a per-dose amount in a daily key) and the working's amounts."""
    request = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": UK,
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    assert plan["regimen"]["dose"] is None and plan["regimen_detail"]["no_dose"]
    assert plan["target_daily_dose"] is None
    assert plan["equianalgesic_daily_dose"] is None
    current = {p for p in _amounts(plan) if p.startswith(".current")}
    assert set(_amounts(plan)) == current  # the current regimen's own amounts only
    steps = "\n".join(plan["steps"])
    assert "12 mg" not in steps and "× 0.1" not in steps
    assert all("=" not in (o["note"] or "") for o in plan["methadone_options"])


def test_a_plan_with_a_dose_keeps_its_amounts(tmp_path, capsys):
    request = {
        "from": {"items": [morphine_oral(120)]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "jspm-2010",
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    assert plan["target_daily_dose"]["value"] > 0
    assert plan["regimen"]["dose"]["value"] > 0


# ---------------------------------------------------------------------------- D-C ------------
def test_the_methadone_fill_in_rescue_names_no_drug_in_json(tmp_path, capsys):
    request = {
        "from": {"items": [morphine_oral(161)]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "jspm-2010",
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    rescue = plan["breakthrough"]
    assert rescue["dose"] is None and rescue["to_agree"]
    assert rescue["drug"] is None and rescue["form"] is None
    assert rescue["fill_in"] is True


# ---------------------------------------------------------------------------- D-G ------------
def test_the_as_needed_danger_names_no_method_nobody_chose(tmp_path, capsys):
    result = run_json("check", Q04, tmp_path, capsys)
    danger = next(w for w in result["warnings"] if w["code"] == "methadone-prn-open-ended")
    assert "Morley-Makin" not in danger["message"]


def test_a_held_down_methadone_plan_says_its_effective_reduction(tmp_path, capsys):
    """M06: CCDHB at 89 OME, held down to 7.5 mg/day (45% of the band's own 22.25 × 0.75 …):
    "Reduction 25%" alone beside an effective 55% below the band."""
    request = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "89 mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": "ccdhb",
        "table": UK,
    }
    path = tmp_path / "m06.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    assert main(["rotate", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip().startswith("Reduction"))
    assert "band's own" in line, line


# ----------------------------------------------------------- the JSON reads back -------------
def test_a_methadone_plans_json_still_exports_to_fhir(tmp_path, capsys):
    """The fill-in rescue names no drug in JSON; ``fhir export`` reads the plan back and
    exports the regular methadone order only (no rescue order without a dose)."""
    request = {
        "from": {"items": [morphine_oral(161)]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": "jspm-2010",
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    assert main(["fhir", "export", str(path)]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert [e["resource"]["id"] for e in bundle["entry"]] == ["plan-regimen"]


def test_a_no_dose_plans_json_is_refused_by_fhir_export_with_its_reason(tmp_path, capsys):
    request = {
        "from": {"items": [morphine_oral(120)]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": UK,
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    assert main(["fhir", "export", str(path)]) == 2
    err = capsys.readouterr().err
    assert "no dose with a frequency or rate to propose" in err and "Morley-Makin" in err
