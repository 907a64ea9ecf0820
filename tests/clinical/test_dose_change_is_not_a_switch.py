"""Outside review, 2 December (pharmacist D2 / clinician D2, D16): a titration is not a switch.

Current oral oxycodone 60 mg/day, proposed oral oxycodone 80 mg/day: the check said "DANGER: ABOVE
the expected range … risk of overdose. Reduce it", "expected 60–60 mg/day (reduction 0–0%)" and
"Switch: the same drug by another route" although the route was the same. ``classify_switch``
now calls the same drug by the same route in one form family a dose change: the check says so
(severity info), the planner refuses it with the same reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_rescues import NO_BREAKTHROUGH
from mps_pain.domain.rotation.classify import SwitchTarget, is_dose_change
from mps_pain.domain.rotation.context import resolve_current
from mps_pain.domain.rotation.requests import CurrentRegimen
from mps_pain.errors import NoConversionFactorError, PlanningError
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main
from tests.clinical.helpers import oxycodone_oral

TABLES = get_tables()


def _check(current: dict[str, Any], proposed: dict[str, Any], table: str) -> Any:
    request = {"from": {"items": [current]}, "proposed": {"items": [proposed]}, "table": table}
    return check_proposal(request, tables=TABLES)


@pytest.mark.parametrize("proposed_mg", [80, 120])
def test_titration_is_a_dose_change_not_an_overdose(
    proposed_mg: float, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "from": {"items": [oxycodone_oral(60)]},
        "proposed": {"items": [oxycodone_oral(proposed_mg)]},
        "table": "uk-palliative",
    }
    path = tmp_path / "check.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "This is a dose change, not a switch: not checked against a switching range" in out
    for wrong in ("ABOVE", "overdose", "Reduce it", "another route", "60–60"):
        assert wrong not in out
    result = _check(oxycodone_oral(60), oxycodone_oral(proposed_mg), "uk-palliative")
    assert result.verdict == "dose_change"
    assert result.switch_kind == "dose_change"
    # the order has no breakthrough dose: its own caution (clinician review 15, #1)
    assert {w.code: w.severity for w in result.warnings}[NO_BREAKTHROUGH] == "caution"
    assert {w.severity for w in result.warnings if w.code != NO_BREAKTHROUGH} == {"info"}
    view = check_view(result)
    assert view.severity.name == "info"
    assert "not checked" in view.expected


def test_the_planner_refuses_a_dose_change_with_the_same_reason() -> None:
    request = {
        "from": {"items": [oxycodone_oral(60)]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q12h"},
        "table": "uk-palliative",
    }
    with pytest.raises(PlanningError, match="dose change, not a switch"):
        plan_rotation(request, tables=TABLES)


def test_a_change_of_form_at_another_amount_is_a_dose_change() -> None:
    """Oral oxycodone IR 10 mg q4h → ER 40 mg q12h: not 'ABOVE 60–60'."""
    ir = {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "10 mg", "frequency": "q4h"}
    result = _check(ir, oxycodone_oral(80), "uk-palliative")
    assert result.verdict == "dose_change"
    assert any("same total daily amount" in r for r in result.reasons)
    assert _check(ir, oxycodone_oral(60), "uk-palliative").verdict == "within"


def test_a_route_change_is_still_a_switch() -> None:
    sc = {"drug": "oxycodone", "route": "sc", "rate": "1.25 mg/h"}
    result = _check(oxycodone_oral(60), sc, "uk-palliative")
    assert result.switch_kind == "route_change"
    assert result.verdict == "within"


def test_transmucosal_fentanyl_products_are_not_one_family() -> None:
    """Buccal tablets and lozenges are not interchangeable dose for dose: not a dose change."""
    buccal = {"drug": "fentanyl", "route": "buccal", "form": "buccal", "dose": "200 mcg"}
    current = CurrentRegimen.model_validate({"items": [{**buccal, "frequency": "q6h"}]})
    items, _prn, _ = resolve_current(TABLES, current, "from")
    same = SwitchTarget("fentanyl", "buccal", False, frozenset({"buccal"}))
    other = SwitchTarget("fentanyl", "buccal", False, frozenset({"lozenge"}))
    assert is_dose_change(items, same)
    assert not is_dose_change(items, other)


ORAL_SHAPES = {
    "morphine": [("er", "q12h"), ("ir", "q4h")],
    "oxycodone": [("er", "q12h"), ("ir", "q4h")],
    "hydromorphone": [("ir", "q4h")],
    "tramadol": [("ir", "qid")],
    "methadone": [("tablet", "q8h")],
}


@st.composite
def _same_route(draw: st.DrawFn) -> tuple[str, tuple[str, str], tuple[str, str]]:
    drug = draw(st.sampled_from(sorted(ORAL_SHAPES)))
    shapes = st.sampled_from(ORAL_SHAPES[drug])
    return drug, draw(shapes), draw(shapes)


@settings(max_examples=150, deadline=None)
@given(
    case=_same_route(),
    current=st.floats(5, 40),
    factor=st.floats(0.5, 2),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_check_never_says_above_or_below_for_the_same_drug_and_route(
    case: tuple[str, tuple[str, str], tuple[str, str]], current: float, factor: float, table: str
) -> None:
    drug, (form, frequency), (new_form, new_frequency) = case

    def item(dose: float, form: str, frequency: str) -> dict[str, Any]:
        return {
            "drug": drug,
            "route": "oral",
            "form": form,
            "dose": f"{round(dose, 1)} mg",
            "frequency": frequency,
        }

    try:
        result = _check(
            item(current, form, frequency), item(current * factor, new_form, new_frequency), table
        )
    except NoConversionFactorError:
        assume(False)  # the set does not cover the drug: refused with a named field
        return
    view = check_view(result)
    rendered = " ".join([*view.reasons, view.verdict_sentence, *(w.message for w in view.warnings)])
    assert "ABOVE" not in rendered
    # more than twice the current daily amount is the step danger (fuzz review 8, #3), and only
    # then is overdose said
    doubled = result.switch_kind == "dose_change" and (
        result.proposed_ome_per_day > 2 * (result.dose_change_from or 0) * (1 + 1e-6)
    )
    assert ("overdose" in rendered) == doubled, rendered
    assert any(w.code == "dose-step-above-range" for w in result.warnings) == doubled
    if form == new_form:  # one form family: a dose change, never above or below
        assert result.switch_kind == "dose_change"
        assert result.verdict in ("dose_change", "within")
        assert "BELOW" not in rendered
    elif result.verdict == "below":  # another form: only the planner's own rounding gap
        assert any("rounding policy explains" in r for r in result.reasons), result.reasons
    else:
        assert result.verdict in ("dose_change", "within")


@pytest.mark.parametrize(("dose", "times"), [("5 mL", 5), ("10 mL", 10)])
def test_a_five_or_tenfold_jump_is_a_danger_in_the_headline(
    dose: str, times: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fuzz review 8, #3 (chk_dosechange.json): morphine oral 120 mg/day → 5 mL × 20 mg/mL q4h
    (the concentrate for the 2 mg/mL solution, 600 mg/day, +400%) was a DOSE CHANGE with an info
    note. No source gives a largest titration step; the check reads its own sourced range (the
    largest cross-tolerance reduction, 50%) both ways: above ×2 a danger, in the headline."""
    proposed = {
        "drug": "morphine",
        "route": "oral",
        "dose": dose,
        "concentration": "20 mg/mL",
        "frequency": "q4h",
    }
    current = {"drug": "morphine", "route": "oral", "daily_dose": "120 mg/day"}
    document = {"from": {"items": [current]}, "proposed": {"items": [proposed]}}
    path = tmp_path / "check.json"
    path.write_text(json.dumps({**document, "table": "uk-palliative"}), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    change = f"+{(times - 1) * 100}%"
    headline = out.split("Reasons:")[0]
    assert "DANGER" in headline and change in headline, headline
    result = _check(current, proposed, "uk-palliative")
    assert result.verdict == "dose_change"
    danger = next(w for w in result.warnings if w.code == "dose-step-above-range")
    assert danger.severity == "danger" and "Milton Keynes" in (danger.source or "")
    assert check_view(result).severity.name == "danger"


def test_a_step_down_to_less_than_half_is_a_caution() -> None:
    result = _check(oxycodone_oral(60), oxycodone_oral(20), "uk-palliative")
    assert {w.code: w.severity for w in result.warnings}["dose-step-below-range"] == "caution"
    for kept in (30, 120):  # half and double are the range's ends: no finding
        assert {
            w.severity
            for w in _check(oxycodone_oral(60), oxycodone_oral(kept), "uk-palliative").warnings
            if w.code != NO_BREAKTHROUGH  # no breakthrough dose in the order: its own caution
        } == {"info"}
