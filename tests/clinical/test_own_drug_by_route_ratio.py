"""The target's own drug beside other opioids goes by its cited route ratio, the others by the
set's factors (N1 class, conversion half; pharmacist review 9; docs/rotation.md, "Mixed
regimens").

Oxycodone IV 1 mg/h (24 mg/day) -> oxycodone SC continuous under uk-palliative is 24 mg/day by
the set's own IV:SC 1:1 (BNF palliative). With morphine oral IR 3 mg q4h (18 OME) added the whole
66 OME used to be converted by the set's factors: the oxycodone's 48 OME / the SC factor 3 gave
16, 20.5 mg/day in all, less than without the morphine. Now the oxycodone's 24 mg/day stays 24
(valued at the SC factor: 72 OME) and the morphine's 18 OME / 3 = 6: 30 mg/day, less the
morphine share's own 25% (18/90 of the valued amount: 5%): 28.5 mg/day. The check values the
current regimen by the same function, so the plan is ``within`` its own check and the former
20.5 mg/day reading is ``below``.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.rotation.generated import generated_request

TABLES = get_tables()
OXY_IV = {"drug": "oxycodone", "route": "iv", "rate": "1.0 mg/h"}
MORPHINE = {"drug": "morphine", "route": "oral", "form": "ir", "dose": "3 mg", "frequency": "q4h"}
TO = {"drug": "oxycodone", "route": "sc", "continuous": True}


def _check(lines: list[dict[str, Any]], proposal: dict[str, Any]) -> Any:
    request = {
        "from": {"items": lines},
        "proposed": {"items": [proposal]},
        "table": "uk-palliative",
    }
    return check_proposal(request, tables=TABLES)


def test_the_own_drug_keeps_its_cited_route_ratio_beside_another_opioid() -> None:
    alone = plan_rotation(generated_request([OXY_IV], TO, "uk-palliative"), tables=TABLES)
    mixed = plan_rotation(generated_request([OXY_IV, MORPHINE], TO, "uk-palliative"), tables=TABLES)
    assert alone.target_daily_dose is not None and mixed.target_daily_dose is not None
    assert alone.target_daily_dose.value == pytest.approx(24)
    assert mixed.ome_per_day == pytest.approx(66)  # step 1 stays the set's own OME
    assert mixed.equianalgesic_daily_dose.value == pytest.approx(30)  # was 22 (66 / 3)
    assert mixed.reduction == pytest.approx(0.05)  # 18/90 of the valued amount at 25%
    assert mixed.target_daily_dose.value == pytest.approx(28.5)  # was 20.5
    said = "\n".join(mixed.steps)
    assert "by the cited ratio = 72 mg/day OME (not 48)" in said, said


def test_the_check_values_the_regimen_by_the_same_rule() -> None:
    lines = [OXY_IV, MORPHINE]
    plan = plan_rotation(generated_request(lines, TO, "uk-palliative"), tables=TABLES)
    own = _check(lines, plan.regimen.model_dump(mode="json", exclude_none=True))
    assert own.verdict == "within", own.reasons
    assert (own.expected_low, own.expected_high) == pytest.approx((81, 85.5))  # 90 x (1 - 5-10%)
    assert any("72 mg/day OME (not 48)" in r for r in own.reasons), own.reasons
    former = _check(lines, {"drug": "oxycodone", "route": "sc", "rate": "0.85 mg/h"})
    assert former.verdict == "below", former.reasons  # 20.4 mg/day: the factors' reading


def test_a_patch_of_the_target_drug_goes_by_its_ratio_beside_another_opioid() -> None:
    # fpm-2021: fentanyl 12.5 mcg/h -> fentanyl IV is 200 mcg/day by the cited ratio, 0%;
    # with morphine oral 18 mg/day added the patch took the from-patch 30%: 198.75 mcg/day
    patch = {"drug": "fentanyl", "route": "transdermal", "rate": "12.5 mcg/h"}
    to = {"drug": "fentanyl", "route": "iv", "continuous": True}
    alone = plan_rotation(generated_request([patch], to, "fpm-2021"), tables=TABLES)
    mixed = plan_rotation(generated_request([patch, MORPHINE], to, "fpm-2021"), tables=TABLES)
    assert alone.target_daily_dose is not None and mixed.target_daily_dose is not None
    assert alone.target_daily_dose.value == pytest.approx(200)
    assert mixed.target_daily_dose.value > 200
    assert "fentanyl (the same drug)" in mixed.reduction_reason, mixed.reduction_reason
