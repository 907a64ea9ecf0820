"""The check judges methadone orders by the planner's own rules (fuzz review 8, #1 and #2).

#1: an as-needed methadone order whose prescriber wrote the doses taken in 24 h (a count for the
total, not a sourced minimum interval and maximum) was WITHIN, while ``rotate`` prints no such
order (``methadone-prn-open-ended``) and no methadone breakthrough dose
(``breakthrough-no-source``): both come from one rule, ``as_needed_limits_sourced``, that the
check now calls too. #2: regular methadone 1 mg q1h, q2h or q4h was WITHIN: the check now says
the interval is outside the intervals the cited methods give methadone at, as the planner does
for a ``to.frequency`` it does not use.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.methadone_method import PRN_OPEN_ENDED
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from tests.clinical.helpers import codes, morphine_oral, run_json

SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]
NO_COVER = "breakthrough-no-source"
INTERVAL = "methadone-interval"


def _methadone(dose: float, **shape: Any) -> dict[str, Any]:
    return {"drug": "methadone", "route": "oral", "dose": f"{dose} mg", **shape}


def _document(ome: float, items: list[dict[str, Any]], table: str = "jspm-2010") -> Any:
    document = {"from": {"items": [morphine_oral(ome)]}, "proposed": {"items": items}}
    return {**document, "table": table}


def _check(ome: float, items: list[dict[str, Any]], table: str, tmp_path, capsys) -> Any:
    return run_json("check", _document(ome, items, table), tmp_path, capsys)


def test_an_as_needed_only_order_with_its_count_is_not_within(tmp_path, capsys) -> None:
    """chk_meth_prn.json: methadone 5 mg as needed, 6 doses in 24 h, from morphine 200 mg/day."""
    result = _check(200, [_methadone(5, prn=True, doses_per_day=6)], "jspm-2010", tmp_path, capsys)
    assert result["verdict"] != "within"
    assert codes(result)[PRN_OPEN_ENDED] == "danger"


def test_a_methadone_breakthrough_line_has_the_planners_danger(tmp_path, capsys) -> None:
    """chk_meth_prn3.json: 5 mg tid plus 5 mg as needed (2 doses taken) is the breakthrough
    order the planner refuses to print (no sourced minimum interval and maximum in 24 h)."""
    items = [_methadone(5, frequency="tid"), _methadone(5, prn=True, doses_per_day=2)]
    result = _check(200, items, "jspm-2010", tmp_path, capsys)
    assert codes(result)[NO_COVER] == "danger"
    assert check_view(check_proposal(_document(200, items))).severity.name == "danger"


def _plan(ome: float, table: str, method: str | None) -> Any:
    request = {
        "from": {"items": [morphine_oral(ome)]},
        "to": {"drug": "methadone", "route": "oral"},
        "table": table,
        **({"methadone_method": method} if method else {}),
    }
    return plan_rotation(request)


@given(
    ome=st.integers(60, 600),
    table=st.sampled_from(SETS),
    dose=st.sampled_from([1.0, 2.5, 5.0, 10.0, 20.0]),
    count=st.integers(1, 8),
)
def test_what_rotate_will_not_sign_the_check_never_calls_clean(ome, table, dose, count) -> None:
    """Property: whatever ``rotate`` calls not signable for methadone as needed, ``check`` never
    calls within without that danger (as-needed only: never within at all)."""
    only = _plan(ome, table, "morley-makin")
    said = {w.code: w.severity for w in only.warnings}
    document = {"from": {"items": [morphine_oral(ome)]}, "table": table}
    as_needed = _methadone(dose, prn=True, doses_per_day=count)
    if said.get(PRN_OPEN_ENDED) == "danger":
        result = check_proposal({**document, "proposed": {"items": [as_needed]}})
        assert result.verdict != "within"
        assert PRN_OPEN_ENDED in {w.code for w in result.warnings if w.severity == "danger"}
    regular = _plan(ome, table, None)
    if regular.regimen.dose is None or NO_COVER not in {w.code for w in regular.warnings}:
        return
    line = regular.regimen.model_dump(mode="json", exclude_none=True)
    result = check_proposal({**document, "proposed": {"items": [line, as_needed]}})
    dangers = {w.code for w in result.warnings if w.severity == "danger"}
    assert result.verdict != "within" or NO_COVER in dangers


@pytest.mark.parametrize("frequency", ["q1h", "q2h", "q4h"])
def test_regular_methadone_more_often_than_cited_is_a_danger(frequency, tmp_path, capsys) -> None:
    """chk_meth_q4h.json and 1 mg q1h / q2h: methadone accumulates; the cited methods give it
    tid / q8h. The finding names the interval and the sources."""
    result = _check(200, [_methadone(1, frequency=frequency)], "jspm-2010", tmp_path, capsys)
    warning = next(w for w in result["warnings"] if w["code"] == INTERVAL)
    assert warning["severity"] == "danger"
    assert frequency in warning["message"]
    assert "every 8 h" in warning["message"]
    assert "Methapain" in warning["source"]
    view = check_view(check_proposal(_document(200, [_methadone(1, frequency=frequency)])))
    assert view.severity.name == "danger" and "NOT SIGNABLE" in view.verdict_label


def test_methadone_at_a_cited_interval_has_no_interval_finding(tmp_path, capsys) -> None:
    for frequency in ("tid", "q8h"):
        result = _check(200, [_methadone(10, frequency=frequency)], "jspm-2010", tmp_path, capsys)
        assert INTERVAL not in codes(result)
        assert result["verdict"] == "within"


def test_the_planner_says_the_same_of_a_target_interval_it_does_not_use(tmp_path, capsys) -> None:
    """The planner plans methadone at its method's interval; a ``to.frequency`` of q4h was
    silently ignored. It now carries the same finding as the check (one function); as the plan
    does not print q4h, a caution that says the interval was asked for and not used (pharmacist
    review 10, N-2: the danger read as if the printed plan were q4h; an order at q4h keeps it)."""
    request = {
        "from": {"items": [morphine_oral(200)]},
        "to": {"drug": "methadone", "route": "oral", "frequency": "q4h"},
        "table": "jspm-2010",
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    assert codes(plan)[INTERVAL] == "caution"
    said = next(w["message"] for w in plan["warnings"] if w["code"] == INTERVAL)
    assert "q4h was asked for" in said, said
