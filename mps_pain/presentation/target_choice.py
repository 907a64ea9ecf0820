"""What the planner's target keeps when its drug or route is chosen again (no Qt).

Clinician review 21, N5: choosing another Drug put the Route back to the new drug's first route
(oral) and unticked Continuous, so a registrar comparing SC options (morphine refused at eGFR
25, then oxycodone) set both again each time. The route is kept when the new drug is given by
it (the catalogue's routes); Continuous is kept where the route takes an infusion, and a patch
is always continuous (as ``TargetSpec`` reads it).
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.unit_kinds import INFUSION_ROUTES

__all__ = ["kept_continuous", "kept_route"]


def kept_route(routes: Sequence[str], before: str | None) -> str | None:
    """The route chosen before when the drug is given by it (``routes``: the catalogue's),
    else the drug's first route; None for a drug with no route."""
    if before in routes:
        return before
    return routes[0] if routes else None


def kept_continuous(route: str | None, *, ticked: bool) -> bool:
    """Continuous after a change to ``route``: always for a patch; kept as ``ticked`` where the
    route takes an infusion; never by any other route."""
    return route == "transdermal" or (ticked and route in INFUSION_ROUTES)
