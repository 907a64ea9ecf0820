"""The practice remembers its last plans (``key.planned``, ``memo.recent``): a remembered plan is
the planner's plan for an equal request, each caller's own copy, and a request that differs in
any input is planned anew."""

from __future__ import annotations

import pytest

from mps_pain.domain.memo import recent
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.practice.key import planned
from mps_pain.practice.service import new_exercises
from mps_pain.practice.templates import TEMPLATES
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.index import TableIndex


def _fresh(tables: TableIndex) -> TableIndex:
    """The same validated table in a new index: nothing remembered yet."""
    return TableIndex(tables.tables, sha256=tables.sha256, origin=tables.origin)


def test_recent_keeps_the_answers_used_last_and_never_a_refusal(tables: TableIndex) -> None:
    index = _fresh(tables)
    calls: list[str] = []

    def answer(key: str) -> str:
        return recent(index, "t", key, lambda: calls.append(key) or key.upper(), 2)

    assert [answer(k) for k in ["a", "b", "a", "c", "a", "b"]] == list("ABACAB")
    assert calls == ["a", "b", "c", "b"]  # "b" gave way to "c" ("a" was used after it)

    def refuse() -> str:
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError):
            recent(index, "t", "d", refuse, 2)
    assert "d" not in index.memo["t"]


def _requests(tables: TableIndex) -> list[RotationRequest]:
    exercises = [new_exercises(topic=t.topic, seed=2, count=1, tables=tables)[0] for t in TEMPLATES]
    found = [e.switch for e in exercises if e.switch is not None]
    assert len(found) >= 3
    return found


def test_a_remembered_plan_is_the_planners_plan_and_the_callers_own(tables: TableIndex) -> None:
    warm = _fresh(tables)
    for request in _requests(tables):
        first = planned(warm, request)
        expected = plan_rotation(request, tables=_fresh(tables))
        assert first == expected
        first.warnings.clear()  # the caller's own copy
        first.steps.append("changed by the caller")
        again = planned(warm, RotationRequest.model_validate(request.model_dump(by_alias=True)))
        assert again == expected and again is not first


def test_a_request_that_differs_is_planned_anew(tables: TableIndex) -> None:
    warm = _fresh(tables)
    request = _requests(tables)[0]
    base = planned(warm, request)
    for fraction in (0.0, 0.1, 0.4):
        changed = request.model_copy(update={"reduction": fraction})
        assert planned(warm, changed).reduction == fraction
        assert planned(warm, changed) == plan_rotation(changed, tables=_fresh(tables))
    assert planned(warm, request) == base
