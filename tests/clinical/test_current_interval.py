"""A current regimen's regular line at an interval its form is not given at (fuzz review 21, D1).

``mme`` of morphine MR 30 mg "every 0.5 h" gave 1440 OME/day with no warning (q1h: 720), ``rotate``
planned oxycodone MR 180 mg q12h from it, and ``check`` read a right proposal as BELOW, while the
same interval in a proposal was refused. One rule (``form_inference.outside_interval``): a danger
in ``mme`` (the total kept, the row, the interval written and the form's cited intervals named),
a refusal at ``from.items[N].frequency`` in ``rotate`` and ``check``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.current_interval import INTERVAL_OUTSIDE_FORM
from mps_pain.domain.form_inference import formless_release, interval_citations, interval_rule
from mps_pain.domain.frequency import parse_frequency
from mps_pain.errors import MpsPainError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from tests.fhir.conftest import ORAL, bundle, q, request, rx
from tests.robustness.cli import call

SET = "uk-palliative"


def _mr(frequency: str, dose: str = "30 mg") -> dict[str, Any]:
    return {"drug": "morphine", "route": "oral", "form": "ER", "dose": dose, "frequency": frequency}


_OXY_MR = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "40 mg", "frequency": "q12h"}


def _danger(result: Any) -> list[Any]:
    return [w for w in result.warnings if w.code == INTERVAL_OUTSIDE_FORM]


@pytest.mark.parametrize(("frequency", "total"), [("every 0.5 h", 1440), ("q1h", 720)])
def test_mme_keeps_the_total_and_names_the_row_the_interval_and_the_forms(
    tables: TableIndex, frequency: str, total: float
) -> None:
    result = calculate_mme({"items": [_mr(frequency)], "table": SET}, tables=tables)
    assert result.total_mme_per_day == total
    [danger] = _danger(result)
    written = parse_frequency(frequency).label
    assert danger.severity == "danger" and danger.item == 0
    assert danger.message.startswith("Row 1: ")
    assert f"not {written}" in danger.message
    assert "every 12 h or every 24 h" in danger.message
    assert "confirm the interval" in danger.message and danger.source


def test_rotate_refuses_to_plan_from_it(tables: TableIndex) -> None:
    to = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
    with pytest.raises(MpsPainError) as refused:
        plan_rotation({"from": {"items": [_mr("q1h")]}, "to": to, "table": SET}, tables=tables)
    assert refused.value.location == "from.items[0].frequency"
    assert "every 12 h or every 24 h" in refused.value.message and "q1h" in refused.value.message


def test_check_refuses_to_judge_from_it_and_still_refuses_it_proposed(tables: TableIndex) -> None:
    current = {"from": {"items": [_mr("q1h")]}, "proposed": {"items": [_OXY_MR]}, "table": SET}
    with pytest.raises(MpsPainError) as refused:
        check_proposal(current, tables=tables)
    assert refused.value.location == "from.items[0].frequency"
    proposed = {"from": {"items": [_OXY_MR]}, "proposed": {"items": [_mr("q1h")]}, "table": SET}
    with pytest.raises(MpsPainError) as refused:
        check_proposal(proposed, tables=tables)
    assert refused.value.location == "proposed.items[0].frequency"


def test_the_row_named_is_the_odd_one(tables: TableIndex) -> None:
    ir = {"drug": "morphine", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q4h"}
    to = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
    with pytest.raises(MpsPainError) as refused:
        plan_rotation({"from": {"items": [ir, _mr("q2h")]}, "to": to, "table": SET}, tables=tables)
    assert refused.value.location == "from.items[1].frequency"
    result = calculate_mme({"items": [ir, _mr("q2h")], "table": SET}, tables=tables)
    assert [w.item for w in _danger(result)] == [1]
    assert _danger(result)[0].message.startswith("Row 2: ")


def test_batch_with_and_without_summary_says_the_same_danger(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [{"items": [_mr("q1h")], "table": SET}, {"items": [_mr("q12h")], "table": SET}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    codes = []
    for flags in ([], ["--summary"]):
        outcome = call(["mme", "--batch", str(path), "--jobs", "1", *flags])
        assert outcome.returncode == 0, outcome.stderr
        read = [json.loads(line) for line in outcome.stdout.splitlines()]
        said = [[w if isinstance(w, list) else [w["code"], w["severity"]] for w in r["warnings"]]
                for r in read]  # fmt: skip
        codes.append([[code for code, _ in line] for line in said])
    assert codes[0] == codes[1]
    assert INTERVAL_OUTSIDE_FORM in codes[0][0] and INTERVAL_OUTSIDE_FORM not in codes[0][1]


def test_a_fhir_order_at_such_an_interval_is_read_with_the_danger(tmp_path: Path) -> None:
    hourly = {
        "route": ORAL,
        "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "h"}},
        "doseAndRate": [{"doseQuantity": q(10, "mg")}],
    }  # 12 HR oxycodone 10 mg ER tablet, every hour
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle(request("rx-1", hourly, rx("1049502")))), encoding="utf-8")
    outcome = call(["mme", "--fhir", str(path), "--table", SET, "--json"])
    assert outcome.returncode == 0, outcome.stderr
    read = json.loads(outcome.stdout)
    assert read["total_mme_per_day"] == 360
    assert [w["item"] for w in read["warnings"] if w["code"] == INTERVAL_OUTSIDE_FORM] == [0]


# --- the property: every form with cited intervals, any interval -----------------------------

#: a daily amount in the usual range of each drug whose oral forms have cited intervals (mg/day)
_DAILY_MG = {
    "morphine": 60, "oxycodone": 40, "hydromorphone": 8, "tramadol": 200, "tapentadol": 200,
    "codeine": 180, "dihydrocodeine": 180,
}  # fmt: skip


def _forms_with_cited_intervals() -> list[tuple[str, str, str]]:
    tables = get_tables()
    found = []
    for drug in tables.tables.drugs:
        for form in drug.forms:
            for route in form.routes:
                rule = interval_rule(drug, form.id, route)
                if rule is not None and interval_citations(tables, drug, rule):
                    found.append((drug.id, form.id, route))
        for route in drug.routes:  # a drug given no form, read as a form family ("" : no form)
            if (release := formless_release(drug, None, route)) is not None:
                rule = interval_rule(drug, release, route)
                if rule is not None and interval_citations(tables, drug, rule):
                    found.append((drug.id, "", route))
    return found


FORMS = _forms_with_cited_intervals()
INTERVALS = [0.25, 0.5, 1, 2, 3, 3.5, 4, 5, 6, 7, 8, 10, 11.5, 12, 12.5, 16, 23, 24, 25, 48, 72,
             168]  # fmt: skip


def test_every_form_with_cited_intervals_has_a_usual_daily_amount_here() -> None:
    assert FORMS and {drug for drug, _, _ in FORMS} <= set(_DAILY_MG)
    assert ("morphine", "er", "oral") in FORMS and ("morphine", "oral_solution", "oral") in FORMS
    assert ("codeine", "", "oral") in FORMS and ("dihydrocodeine", "", "oral") in FORMS


def _refusal(run: Any) -> MpsPainError | None:
    try:
        run()
    except MpsPainError as exc:
        return exc
    return None


def _theirs(exc: MpsPainError | None) -> bool:
    """A refusal of this rule: at the current row's frequency, by its reason."""
    return (
        exc is not None
        and exc.location == "from.items[0].frequency"
        and (exc.reason == INTERVAL_OUTSIDE_FORM)
    )


@settings(max_examples=80, deadline=None)
@given(
    form=st.sampled_from(FORMS),
    interval=st.one_of(st.sampled_from(INTERVALS), st.floats(0.25, 168).map(lambda h: round(h, 2))),
)
@example(form=("morphine", "er", "oral"), interval=1)
@example(form=("morphine", "er", "oral"), interval=8)
@example(form=("morphine", "er", "oral"), interval=12)
@example(form=("oxycodone", "ir", "oral"), interval=4)
@example(form=("oxycodone", "ir", "oral"), interval=12)
@example(form=("codeine", "", "oral"), interval=1)
@example(form=("codeine", "", "oral"), interval=12)
def test_outside_the_cited_intervals_is_a_danger_and_a_refusal_inside_neither(
    form: tuple[str, str, str], interval: float
) -> None:
    tables = get_tables()
    drug_id, form_id, route = form
    drug = tables.resolve_drug(drug_id, location=None)
    frequency = parse_frequency(f"every {interval:g} h")
    rule = interval_rule(drug, form_id or formless_release(drug, None, route), route)
    assert rule is not None
    outside = not rule.accepts(frequency.interval_h)
    # more often than the form's shortest cited interval: a danger and no plan or check (the
    # total as written is too high if it is a slip); less often: a caution, and both go on
    more_often = frequency.interval_h < min(low for low, _ in rule.accepted_h)
    said = "danger" if more_often else "caution"
    dose = _DAILY_MG[drug_id] * min(frequency.interval_h, 24) / 24  # at most a day's in one
    line = {"drug": drug_id, "route": route, "form": form_id, "dose": f"{dose:.6g} mg",
            "frequency": frequency.label}  # fmt: skip
    if not form_id:
        del line["form"]  # codeine: the catalogue gives it no form, so a line names none
    result = calculate_mme({"items": [line], "table": SET}, tables=tables, on_item_error="exclude")
    assert not [e for e in result.excluded if e.location != "items[0].route"], result.excluded
    assert [w.severity for w in _danger(result)] == ([said] if outside else [])
    other = "oxycodone" if drug_id == "morphine" else "morphine"
    to = {"drug": other, "route": "oral", "form": "ER", "frequency": "q12h"}
    rotated = _refusal(
        lambda: plan_rotation({"from": {"items": [line]}, "to": to, "table": SET}, tables=tables)
    )
    proposal = {**to, "dose": "10 mg"}
    checked = _refusal(
        lambda: check_proposal(
            {"from": {"items": [line]}, "proposed": {"items": [proposal]}, "table": SET},
            tables=tables,
        )
    )
    assert _theirs(rotated) == more_often and _theirs(checked) == more_often


@pytest.mark.parametrize(
    "line",
    [
        {"drug": "tramadol", "route": "oral", "form": "IR", "dose": "50 mg", "frequency": "q8h"},
        {"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg", "frequency": "q24h"},
        {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg", "frequency": "q12h"},
    ],
)
def test_less_often_than_the_form_is_a_caution_and_the_plan_goes_on(
    tables: TableIndex, line: dict[str, str]
) -> None:
    """Tramadol IR three times a day is given in practice; as written the total is lower than
    at the form's interval, the safe side of a switch: a caution on the row, never a refusal.
    (Morphine ER q24h stays inside the cited 12 or 24 h: no word.)"""
    result = calculate_mme({"items": [line], "table": SET}, tables=tables)
    drug = tables.resolve_drug(line["drug"], location=None)
    rule = interval_rule(drug, tables.resolve_form(drug, line["form"]) or "", "oral")
    inside = rule is not None and rule.accepts(parse_frequency(line["frequency"]).interval_h)
    assert [w.severity for w in _danger(result)] == ([] if inside else ["caution"])
    to = {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"}
    plan = plan_rotation({"from": {"items": [line]}, "to": to, "table": SET}, tables=tables)
    assert plan.ome_per_day == pytest.approx(result.total_mme_per_day)


# --- a drug the catalogue gives no form (fuzz re-check 21b, N1) -------------------------------


def _codeine(frequency: str, dose: str = "30 mg") -> dict[str, Any]:
    return {"drug": "codeine", "route": "oral", "dose": dose, "frequency": frequency}


@pytest.mark.parametrize(("line", "total"), [(_codeine("q1h"), 72), (_codeine("q2h", "60 mg"), 72)])
def test_codeine_more_often_than_immediate_release_is_a_danger(
    tables: TableIndex, line: dict[str, str], total: float
) -> None:
    """Codeine 30 mg q1h (720 mg/day) was read as 72 OME with no word: codeine takes no form,
    and the rule read only forms. Its tablets are read as immediate-release (every 4-6 h)."""
    result = calculate_mme({"items": [line], "table": SET}, tables=tables)
    assert result.total_mme_per_day == total
    [danger] = _danger(result)
    assert danger.severity == "danger" and danger.item == 0
    assert "read as immediate-release" in danger.message and "every 4–6 h" in danger.message
    assert danger.source


def test_rotate_refuses_to_plan_from_codeine_q1h(tables: TableIndex) -> None:
    to = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
    request = {"from": {"items": [_codeine("q1h")]}, "to": to, "table": SET}
    with pytest.raises(MpsPainError) as refused:
        plan_rotation(request, tables=tables)
    assert refused.value.location == "from.items[0].frequency"
    assert refused.value.reason == INTERVAL_OUTSIDE_FORM
    assert "read as immediate-release" in refused.value.message


def test_check_refuses_codeine_q1h_proposed(tables: TableIndex) -> None:
    request = {"from": {"items": [_codeine("q4h")]}, "proposed": {"items": [_codeine("q1h")]},
               "table": SET}  # fmt: skip
    with pytest.raises(MpsPainError) as refused:
        check_proposal(request, tables=tables)
    assert refused.value.location == "proposed.items[0].frequency"
    assert "read as immediate-release" in refused.value.message


@pytest.mark.parametrize("frequency", ["q4h", "q6h"])
def test_codeine_four_to_six_hourly_is_unchanged(tables: TableIndex, frequency: str) -> None:
    line = _codeine(frequency)
    result = calculate_mme({"items": [line], "table": SET}, tables=tables)
    assert not _danger(result)
    to = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
    plan = plan_rotation({"from": {"items": [line]}, "to": to, "table": SET}, tables=tables)
    assert plan.ome_per_day == pytest.approx(result.total_mme_per_day)
    checked = check_proposal(
        {"from": {"items": [_codeine("q4h")]}, "proposed": {"items": [line]}, "table": SET},
        tables=tables,
    )
    assert checked is not None


def test_codeine_by_injection_is_not_read_as_tablets(tables: TableIndex) -> None:
    """The reading is of tablets by mouth: a codeine SC line keeps no interval rule here."""
    drug = tables.resolve_drug("codeine", location=None)
    assert formless_release(drug, None, "oral") == "ir"
    assert formless_release(drug, None, "sc") is None
    assert formless_release(tables.resolve_drug("morphine", location=None), None, "oral") is None
