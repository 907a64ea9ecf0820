"""The planner's remembered answers change no output: a plan (and the check of its regimen)
made with everything remembered is byte for byte the plan made with nothing remembered.

Remembered per table (``TableIndex.memo``): the gates' read of a planned regimen and of a
breakthrough dose by their fields (``gate._planned_item``, ``gate._breakthrough_implausible``),
normalisations and worked lines; remembered per process (``functools.lru_cache``): the
combination of strengths under a target (``rounding.combination``, ``rounding.grid_steps``), a
frequency's text (``frequency.parse_frequency``), a quantity's text (``units.parse_quantity``)
and a quantity field's value (``fields.forget_quantities`` empties them). Generated requests
(the planner-check property's strategies) are planned on the suite's shared tables, after
other requests and again at once (every answer remembered), and on a new index of the same
tables with the process's caches emptied (nothing remembered): the JSON of the plans, and of
the checks of the planned regimen, are the same text.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from mps_pain.domain.frequency import _parse_text
from mps_pain.domain.rotation.rounding import combination, grid_steps
from mps_pain.errors import MpsPainError
from mps_pain.fields import forget_quantities
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.units import _parse_text as _parse_quantity_text
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import GENERATED, generated_request

TABLES = get_tables()


def _nothing_remembered() -> TableIndex:
    """The same validated tables in a new index (its memo empty), the process's caches emptied."""
    for cached in (combination, grid_steps, _parse_text, _parse_quantity_text):
        cached.cache_clear()
    forget_quantities()
    return TableIndex(TABLES.tables, sha256=TABLES.sha256, origin=TABLES.origin)


def _answer(request: dict[str, Any], tables: TableIndex) -> tuple[str, str | None]:
    """The plan's JSON (or the refusal's code, location and message) and its check's JSON."""
    try:
        plan = plan_rotation(request, tables=tables)
    except MpsPainError as exc:
        return repr((exc.code, exc.location, exc.message)), None
    if plan.regimen.dose is None and plan.regimen.rate is None:
        return plan.model_dump_json(), None
    check: dict[str, Any] = {
        "from": request["from"],
        "proposed": {"items": [plan.regimen.model_dump(mode="json", exclude_none=True)]},
        "table": request["table"],
        "patient": request.get("patient", {}),
    }
    if "market" in request:
        check["market"] = request["market"]
    return plan.model_dump_json(), check_proposal(check, tables=tables).model_dump_json()


@settings(GENERATED, max_examples=60)
@given(**ARGS)
def test_a_plan_with_answers_remembered_is_the_plan_computed_afresh(
    lines: list[dict[str, Any]],
    to: dict[str, Any],
    table: str,
    market: Any,
    patient: dict[str, Any],
    pain: Any,
) -> None:
    request = generated_request(
        lines, to, table, patient=patient, market=market, pain_controlled=pain
    )
    remembered = _answer(request, TABLES)
    again = _answer(request, TABLES)  # every answer of this request remembered now
    afresh = _answer(request, _nothing_remembered())
    assert remembered == again == afresh, request
