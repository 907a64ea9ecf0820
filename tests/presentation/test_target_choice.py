"""The planner target's kept route and Continuous (clinician review 21, N5): the rule the app
calls (``tests/ui/test_planner_keeps_route_on_drug_change.py`` drives it by keys)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import TargetSpec
from mps_pain.presentation.target_choice import kept_continuous, kept_route
from mps_pain.tables.schema import ROUTES

_routes = st.lists(st.sampled_from(ROUTES), unique=True, max_size=4)


@given(_routes, st.none() | st.sampled_from(ROUTES))
def test_the_route_kept_is_one_of_the_new_drugs(routes: list[str], before: str | None) -> None:
    kept = kept_route(routes, before)
    assert kept == (before if before in routes else (routes[0] if routes else None))


def _may_be_continuous(route: str) -> bool:
    try:
        TargetSpec(drug="morphine", route=route, continuous=True)
    except ValueError:
        return False
    return True


@given(st.sampled_from(ROUTES))
def test_continuous_is_kept_exactly_where_the_planner_takes_it(route: str) -> None:
    """Ticked, it stays ticked wherever the planner's target may be continuous; unticked, only
    a patch (continuous by itself) ticks it."""
    assert kept_continuous(route, ticked=True) == _may_be_continuous(route)
    assert kept_continuous(route, ticked=False) == (route == "transdermal")


def test_the_reviewers_case() -> None:
    assert kept_route(("oral", "sc", "iv"), "sc") == "sc"
    assert kept_continuous("sc", ticked=True)
    assert kept_route(("oral",), "sc") == "oral" and not kept_continuous("oral", ticked=True)
