"""Clinician review 16 #12: "Target daily dose 8.438 mg/day" (methadone) and "3.094 mg/day". The
target before rounding is an estimate, as each set's row of the spread is: it is shown with the
spread's significant figures, and the current set's row of the spread reads the same amount."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
METHADONE = {"drug": "methadone", "route": "oral"}
TARGETS = (  # (target, methadone method)
    (METHADONE, "ccdhb"),
    (METHADONE, "msd-quill"),
    ({"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}, None),
    ({"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"}, None),
)


def _significant_figures(amount: str) -> int:  # "8.44 mg/day" → 3
    digits = re.match(r"[\d.,]+", amount)
    assert digits is not None, amount
    return len(digits.group().replace(",", "").replace(".", "").lstrip("0"))


@given(
    dose_mg=st.integers(min_value=31, max_value=300),
    target=st.sampled_from(TARGETS),
    table=st.sampled_from(("uk-palliative", "fpm-2021")),
)
def test_the_target_before_rounding_has_the_spreads_figures(
    dose_mg: int, target: tuple[dict[str, str], str | None], table: str
) -> None:
    item = {"drug": "morphine", "route": "oral", "form": "ER", "dose": f"{dose_mg} mg"}
    to, method = target
    document = {"from": {"items": [{**item, "frequency": "q12h"}]}, "to": to, "table": table}
    if method is not None:
        document["methadone_method"] = method
    plan = plan_rotation(RotationRequest.model_validate(document), tables=TABLES)
    view = plan_view(plan)
    facts = {fact.label: fact.value for fact in view.facts}
    shown = facts["Target daily dose"]
    if not shown[:1].isdigit():
        return  # no dose proposed: no number to read
    assert _significant_figures(shown) <= 3, shown
    # the equianalgesic amount and its range are estimates too (re-check 17b, shot-36:
    # "5.333 mg/day (range 4–7.199)")
    equianalgesic = next(v for k, v in facts.items() if k.startswith("Equianalgesic"))
    for amount in re.findall(r"[\d.,]+(?= mg| mcg|\)|–)", equianalgesic):
        assert _significant_figures(amount) <= 3, equianalgesic
    current = [row for row in view.spread if row.current and row.before_rounding[:1].isdigit()]
    for row in current:
        assert row.before_rounding == shown
