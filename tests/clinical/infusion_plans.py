"""A plan's infusion rate and a checker of rates in its unit, for the pump-rate properties
(``test_rate_written_to_fewer_decimals``, ``test_pump_rate_monotone``): one copy."""

from __future__ import annotations

from typing import Any

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()


def _planned(daily: int, to: tuple[str, str], table: str) -> tuple[Any, dict[str, Any]] | None:
    """The plan from oral morphine MR ``daily`` mg a day to an infusion of ``to``, and the check
    request's shared keys (its 'from', set and patient), or None (refused, or no rate)."""
    current = {"items": [{"drug": "morphine", "route": "oral", "form": "MR",
                          "dose": f"{daily / 2:g} mg", "frequency": "q12h"}]}  # fmt: skip
    request = {
        "from": current,
        "to": {"drug": to[0], "route": to[1], "continuous": True},
        "table": table,
        "patient": {"cancer_or_palliative": True},
    }
    try:
        plan = plan_rotation(request, tables=TABLES)
    except MpsPainError:
        return None
    rate = plan.regimen.rate
    if rate is None or rate.unit not in ("mg/h", "mcg/h") or rate.value <= 0:
        return None
    return plan, {"from": current, "table": table, "patient": {"cancer_or_palliative": True}}


def infusion_plan(daily: int, to: tuple[str, str], table: str) -> tuple[Any, Any] | None:
    """The plan's infusion rate and a function checking a rate in the plan's unit, or None."""
    found = _planned(daily, to, table)
    if found is None:
        return None
    plan, base = found
    rate = plan.regimen.rate

    def verdict(value: object) -> Any:
        item = {"drug": to[0], "route": to[1], "rate": f"{value} {rate.unit}"}
        try:
            return check_proposal({**base, "proposed": {"items": [item]}}, tables=TABLES)
        except MpsPainError:  # refused (implausible amount): no verdict to judge
            return None

    return rate, verdict


def plan_within(daily: int, to: tuple[str, str], table: str) -> tuple[Any, Any, Any] | None:
    """``infusion_plan`` with the check of the plan's own rate, when that reads within (a plan's
    own cautioned gap is not the pump-rate rule's), else None."""
    planned = infusion_plan(daily, to, table)
    if planned is None:
        return None
    rate, verdict = planned
    exact = verdict(repr(rate.value))
    if exact is None or exact.verdict != "within":
        return None
    return rate, verdict, exact


def planned_infusion(
    daily: int, to: tuple[str, str], table: str
) -> tuple[Any, dict[str, Any]] | None:
    """The plan and the check request's shared keys, where ``plan_within`` holds (the plan's
    own rate reads within), else None: for properties that add lines beside the plan's rate."""
    if plan_within(daily, to, table) is None:
        return None
    return _planned(daily, to, table)
