"""The plan says which injected step rounded the amount and why (pharmacist re-check 12b, #2):
R01 (oxycodone IV 1 mg/h -> SC CSCI) printed the ladder "2-5 x 10^k in steps of 0.25 x 10^k",
which at 24 gives 22.5, then "Rounded: 24 mg/day"; U08 (SC morphine 40 mg/day -> diamorphine)
the same ladder (26.67 -> 25), then 26 mg/24 h. The finer step the planner used
(``Grid.finer_inside``) is said from the plan's own rounding record."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()

R01 = {
    "from": {
        "items": [{"drug": "oxycodone", "route": "iv", "form": "injection", "rate": "1 mg/h"}]
    },
    "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
    "table": "uk-palliative",
}
U08 = {
    "from": {"items": [{"drug": "morphine", "route": "sc", "daily_dose": "40 mg/day"}]},
    "to": {"drug": "diamorphine", "route": "sc", "continuous": True},
    "table": "uk-palliative",
}


@pytest.mark.parametrize(
    ("request_", "said"),
    [
        (R01, "Here 24 mg/day: the step of its size (2.5 mg/day) gives 22.5 mg/day"),
        (U08, "Here 26.67 mg/day: the step of its size (2.5 mg/day) gives 25 mg/day"),
    ],
)
def test_the_finer_step_is_said_with_the_ladder_amount(request_: dict[str, Any], said: str) -> None:
    plan = plan_rotation(request_, tables=TABLES)
    text = "\n".join(plan.steps)
    assert said in text, text
    line = next(s for s in plan.steps if "Here " in s)
    rounded = next(s for s in plan.steps if s.lstrip().startswith("5. Rounded:"))
    # the amount the finer step gives is the amount rounded
    assert line.rstrip(".").rsplit(": ", 1)[1] in rounded, (line, rounded)


def test_a_ladder_step_inside_the_range_says_nothing_more() -> None:
    """Oral morphine 60 mg/day -> SC morphine: 30 mg/24 h is on the ladder, no finer step."""
    request = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "morphine", "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }
    plan = plan_rotation(request, tables=TABLES)
    assert not any("finer step" in s for s in plan.steps), plan.steps
