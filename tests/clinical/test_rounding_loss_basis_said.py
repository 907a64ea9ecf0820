"""Pharmacist review 5, wording item 4: g04 printed "rounding loss 42.2%" (against the reduced
target) and "effective reduction 42.2%" (against the equianalgesic dose) on adjacent lines,
with different bases and nothing to say so. Every rounding loss says what it is measured from.
"""

from __future__ import annotations

from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
G04 = {
    "from": {
        "items": [
            {
                "drug": "oxycodone",
                "route": "oral",
                "form": "ER",
                "dose": "30 mg",
                "frequency": "q12h",
            }
        ]
    },
    "to": {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
    "table": "uk-palliative",
}


def test_g04_rounding_loss_names_its_basis_beside_the_effective_reduction() -> None:
    plan = plan_rotation(G04, tables=TABLES)
    view = plan_view(plan)
    step5 = next(s for s in view.steps if s.startswith("5."))
    assert "rounding loss" in step5 and "from the reduced target" in step5, step5
    rounded = next(f.value for f in view.facts if f.label.startswith(("Rounded", "Measured")))
    assert "from the reduced target" in rounded, rounded
    assert "against the equianalgesic" in view.reduction_summary, view.reduction_summary
