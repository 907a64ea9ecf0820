"""The dose-step rule reaches methadone at least as strictly as any other opioid (pharmacist
review 12, #1b; docs/clinical-review.md).

U05c: methadone 10 mg tid → 20 mg tid (+100%) had CAUTIONs only, c10 (morphine oral 60 mg q12h
kept + SC 2 mg/h added) the DANGER ``dose-step-above-range``. The rule is one function
(``check_dose_change.step_warnings``, the largest sourced cross-tolerance reduction read both
ways: above twice the current amount) and methadone is not excluded from it: c10 is +80–120%,
judged at the top of the cited range (+120%), while U05c is exactly twice, the top of the range,
for morphine as for methadone. No source gives a smaller methadone step, so none is invented;
methadone keeps its own titration caution on top.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dose_change import STEP_ABOVE, STEP_BELOW, TITRATION
from mps_pain.errors import NoConversionFactorError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import SETS
from tests.rotation.generated import GENERATED

TABLES = get_tables()
_RANK = {"info": 0, "caution": 1, "danger": 2}


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    return check_proposal(document, tables=TABLES)


def _tid(drug: str, mg: float) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "dose": f"{mg:g} mg", "frequency": "tid"}


def _step(result: Any) -> int:
    found = [_RANK[w.severity] for w in result.warnings if w.code in {STEP_ABOVE, STEP_BELOW}]
    return max(found, default=-1)


@settings(GENERATED)
@given(
    st.sampled_from(["morphine", "oxycodone", "hydromorphone"]),
    st.sampled_from(SETS),
    st.integers(2, 20),
    st.integers(1, 80),
)
def test_methadone_step_is_judged_at_least_as_strictly_as_another_opioid(
    other, table, now, new
) -> None:
    mtd = _check([_tid("methadone", now)], [_tid("methadone", new)], table)
    try:
        them = _check([_tid(other, now)], [_tid(other, new)], table)
    except NoConversionFactorError:  # a set without the drug: nothing to compare with
        assume(False)
    assert _step(mtd) >= _step(them), (now, new, mtd.warnings, them.warnings)
    assert (TITRATION in {w.code for w in mtd.warnings}) == (new > now), mtd.warnings


def test_a_methadone_step_beside_an_added_line_is_said_once() -> None:
    sc = {"drug": "morphine", "route": "sc", "rate": "0.5 mg/h"}
    result = _check([_tid("methadone", 10)], [_tid("methadone", 30), sc], "uk-palliative")
    assert [w.code for w in result.warnings].count(STEP_ABOVE) == 1, result.warnings
