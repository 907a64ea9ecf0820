"""The same switch under every set shows each set's rounded dose as it is given: a per-dose
amount with its interval and its daily total, never a bare per-dose amount under the
"Target daily dose" heading (clinician review 5, item 5: "159.4 mg/day → 75 mg" under a daily
heading read as 75 mg/day, half the dose). The converter's "before rounding" column reads the
view record's own field, not a split of the formatted text."""

from __future__ import annotations

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.index import TableIndex
from mps_pain.units import format_number

REQUEST = {
    "from": {
        "items": [
            {
                "drug": "morphine",
                "route": "oral",
                "form": "ER",
                "dose": "100 mg",
                "frequency": "q12h",
            }
        ]
    },
    "to": {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
    "table": "uk-palliative",
}


def test_each_sets_rounded_per_dose_amount_names_its_interval_and_daily_total(
    tables: TableIndex,
) -> None:
    plan = plan_rotation(RotationRequest.model_validate(REQUEST), tables=tables)
    view = plan_view(plan)
    rounded = [row for row in plan.spread if row.rounded is not None]
    assert rounded, "the switch is covered by at least one set"
    for row in rounded:
        shown = next(v for v in view.spread if v.table == row.table)
        assert row.rounded_frequency == "q12h"
        assert row.rounded_daily_dose is not None
        assert row.rounded_daily_dose.value == 2 * row.rounded.value
        per_dose = f"{format_number(row.rounded.value)} {row.rounded.unit}"
        daily = f"{format_number(row.rounded_daily_dose.value)} {row.rounded_daily_dose.unit}"
        assert shown.value_text.endswith(f"→ {per_dose} q12h ({daily})")
        assert "→" not in shown.before_rounding
        assert shown.value_text.startswith(shown.before_rounding)
