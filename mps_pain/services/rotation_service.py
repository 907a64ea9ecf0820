"""Use cases: a rotation plan, and the pharmacist check of a proposed regimen.

Both accept the validated model or a parsed JSON/YAML object (a dict); errors are InputError /
PlanningError naming the field (``to.drug``, ``from.items[0].rate``, ``table``, ``reduction``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from mps_pain.domain.rotation import check, plan
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.models import RotationPlan
from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest
from mps_pain.tables.index import TableIndex
from mps_pain.tables.loader import get_tables
from mps_pain.validation import field_names, validate_model

__all__ = [
    "CheckRequest",
    "CheckResult",
    "RotationPlan",
    "RotationRequest",
    "check_proposal",
    "check_request",
    "plan_rotation",
]


Request = TypeVar("Request", RotationRequest, CheckRequest)


def _validated(model: type[Request], request: Request | dict[str, Any]) -> Request:
    """The request itself, or a parsed document validated as one (errors name the field)."""
    if isinstance(request, model):
        return request
    return validate_model(model, request, known_keys=field_names(model) | {"from"})


def plan_rotation(
    request: RotationRequest | dict[str, Any], *, tables: TableIndex | None = None
) -> RotationPlan:
    """A switching plan for ``request`` under its equianalgesic set (see docs/rotation.md)."""
    tables = tables if tables is not None else get_tables()
    return plan(tables, _validated(RotationRequest, request))


def check_proposal(
    request: CheckRequest | dict[str, Any], *, tables: TableIndex | None = None
) -> CheckResult:
    """Verdict within / below / above for a proposed regimen against the current one."""
    tables = tables if tables is not None else get_tables()
    return check(tables, _validated(CheckRequest, request))


def check_request(request: CheckRequest | dict[str, Any]) -> CheckRequest:
    """A parsed check document as the ``CheckRequest`` it is (errors name the field): the
    command line words its orders from it."""
    return _validated(CheckRequest, request)
