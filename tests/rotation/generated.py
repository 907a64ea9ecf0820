"""What the generated rotation properties share: their settings, a request with its optional
keys, and the plan (an example the planner refuses with a named field is discarded: nothing is
proposed, so there is nothing to test; ``tests.discarded``: never a refusal of the request's own
form)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.discarded import discard

#: a few hundred examples per property in the default run (README, "Run the tests")
GENERATED = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
#: a property that costs more than 15 ms of CPU per example (the planner run on every draw,
#: most of them discarded) runs 100 examples in the default run; under ``ci-long`` it runs
#: 1,000 (GENERATED's 200 there before). Measured per property in the README, "Run the tests".
DEAR = settings(GENERATED, max_examples=1000 if settings.default.max_examples > 1000 else 100)
MARKETS = st.sampled_from([None, "UK", "JP", "US"])


def generated_request(
    lines: list[dict[str, Any]], to: dict[str, Any], table: str, **optional: Any
) -> dict[str, Any]:
    """A rotation request; each optional key (market, reduction, patient…) only when given.
    A generated target may carry the methadone method the strategies draw with it: it is the
    request's own key (``methadone_method``), lifted out of ``to``."""
    if "methadone_method" in to:
        optional = {"methadone_method": to["methadone_method"], **optional}
        to = {k: v for k, v in to.items() if k != "methadone_method"}
    request: dict[str, Any] = {"from": {"items": lines}, "to": to, "table": table}
    request.update({key: value for key, value in optional.items() if value is not None})
    return request


def plan_or_discard(request: dict[str, Any]) -> RotationPlan:
    try:
        return plan_rotation(request, tables=get_tables())
    except MpsPainError as refusal:
        discard(refusal)
