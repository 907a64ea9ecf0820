"""Pharmacist review 8, D8: JSPM patch plans ignore the JP fentanyl patch label (3-day matrix
patch, KEGG/JAPIC 00068021: 25 mcg/h ≈ oral morphine 90 mg/day). jspm-2010 reads a patch at
2.4 mg/day OME per mcg/h (25 mcg/h ≈ 60), so 120 mg/day OME → 37.5 mcg/h, which the label puts
at ≈ 135 mg/day (above the current dose, "25% reduction" stated); frail 90 mg/day → 25 mcg/h =
the label's own 90 (0% effective, "30% reduction" stated). No caution named the label.
Now a JP-set patch plan whose patch the label converts differently carries a caution with the
label's figure, what the label makes of this patch and its effective reduction, cited.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.presentation.rotation import reduction_summary
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CODE = "patch-label-conversion"


def _plan(per_dose_mg: float, table: str, **extra: Any) -> Any:
    return plan_rotation(
        {
            "from": {"items": [{"drug": "morphine", "route": "oral", "form": "ER",
                                "dose": f"{per_dose_mg} mg", "frequency": "q12h"}]},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": table,
            **extra,
        },
        tables=TABLES,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("per_dose", "extra", "label_ome", "effective"),
    [
        (60, {}, "135", "12.5% above the current"),  # never "−12.5%" (pharmacist review 9, D-H)
        (45, {"patient": {"age": 85, "frail": True}}, "90", "reduction of 0%"),
    ],
)
def test_d8_a_jspm_patch_plan_names_the_jp_label(
    per_dose: float, extra: dict[str, Any], label_ome: str, effective: str
) -> None:
    plan = _plan(per_dose, "jspm-2010", **extra)
    found = [w for w in plan.warnings if w.code == CODE]
    assert found and found[0].severity == "caution", [w.code for w in plan.warnings]
    message = found[0].message
    assert "25 mcg/h" in message and "90 mg/day" in message, message
    assert f"≈ {label_ome} mg/day" in message and effective in message, message
    assert found[0].source and "patch" in found[0].source.lower()


def test_d8_the_jp_label_does_not_travel_to_another_market() -> None:
    plan = _plan(60, "uk-palliative")
    assert CODE not in {w.code for w in plan.warnings}


@pytest.mark.parametrize("rate", ["25 mcg/h", "50 mcg/h"])
def test_a_route_change_of_fentanyl_is_not_measured_by_the_label(rate: str) -> None:
    """Pharmacist review 9, D-H: IV fentanyl 25 mcg/h → a 25 mcg/h patch (1:1, signed) carried
    "≈ 90 mg/day, an effective reduction of −50%" (the set's IV factor against the label's oral
    morphine figure), inviting a prescriber to halve a correct patch."""
    iv = {"drug": "fentanyl", "route": "iv", "form": "injection", "rate": rate}
    request = {"from": {"items": [iv]}, "to": {"drug": "fentanyl", "route": "transdermal"}}
    plan = plan_rotation({**request, "table": "jspm-2010"}, tables=TABLES)
    assert plan.regimen.rate is not None
    assert CODE not in {w.code for w in plan.warnings}


@pytest.mark.parametrize(
    ("per_dose", "extra", "said"),
    [
        # 37.5 mcg/h ≈ 135 by the label: the headline said "reduction 25%" and nothing else
        (60, {}, "by the patch label (25 mcg/h ≈ oral morphine 90 mg/day) this 37.5 mcg/h patch "
         "≈ 135 mg/day, 12.5% above the current 120 mg/day"),
        (45, {"patient": {"age": 85, "frail": True}}, "≈ 90 mg/day, an effective reduction of 0% "
         "from the current 90 mg/day"),
    ],
)  # fmt: skip
def test_d_b_the_headline_says_the_labels_effective_change(
    per_dose: float, extra: dict[str, Any], said: str
) -> None:
    """Pharmacist review 9, D-B: the label's reading was only in a caution below a headline of
    "25% reduction"; the reduction phrase every renderer prints (``reduction_summary``) now says
    it wherever the label gives less reduction than the plan states (docs/rotation.md)."""
    plan = _plan(per_dose, "jspm-2010", **extra)
    assert plan.patch_label is not None
    assert plan.patch_label.effective_reduction < plan.reduction
    summary = reduction_summary(plan)
    assert said in summary, summary


def test_d_b_no_label_words_where_the_label_agrees_or_another_market() -> None:
    # uk-palliative: no JP label; jspm-2010 180 mg/day -> 50 mcg/h is the label's own 180 (0%)
    # but the plan states 25%: said; 30 mg/day oral morphine -> 12.5 mcg/h = the label's 45
    uk = _plan(60, "uk-palliative")
    assert uk.patch_label is None and "patch label" not in reduction_summary(uk)
