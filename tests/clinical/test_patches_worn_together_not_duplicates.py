"""Final pharmacist re-check 18d, M1: the planner's own patch order, written one row per patch
(``order_lines``: 250 mcg/h as 100 + 100 + 50), fed back to ``check`` read "Proposed rows 1 and 2
are the same order … Remove one if it was entered twice" two to six times a plan; following it
takes 100 mcg/h off the patient. Patches of one drug are worn together: rows of the same patch
strength are one order of several patches (their rates are summed, as the check's one-order rule
and ``mme``'s total sum them), never "the same order entered twice". Other forms keep the rule."""

from __future__ import annotations

from mps_pain.domain.duplicates import DUPLICATE_ITEM
from mps_pain.domain.long_acting import TWO_LONG_ACTING
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation

CURRENT = [
    {"drug": "morphine", "route": "oral", "form": "er", "dose": "400 mg", "frequency": "q12h"}
]


def _codes(warnings) -> list[str]:
    return [w.code for w in warnings]


def test_the_plans_own_patch_order_is_no_duplicate() -> None:
    plan = plan_rotation(
        {
            "from": {"items": CURRENT},
            "to": {"drug": "fentanyl", "route": "transdermal"},
            "table": "uk-palliative",
        }
    )
    lines = order_lines(plan)
    assert len(lines) >= 3, lines  # 100 + 100 + 50
    proposed = [line.model_dump(mode="json", exclude_none=True) for line in lines]
    result = check_proposal(
        {"from": {"items": CURRENT}, "proposed": {"items": proposed}, "table": "uk-palliative"}
    )
    assert DUPLICATE_ITEM not in _codes(result.warnings), [w.message for w in result.warnings]


def test_two_patches_of_one_strength_worn_now_are_no_duplicate() -> None:
    patch = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "100 mcg/h"}
    result = calculate_mme({"items": [patch, patch]}, table_id="uk-palliative")
    assert DUPLICATE_ITEM not in _codes(result.warnings)


def test_two_tablets_rows_alike_are_still_a_duplicate() -> None:
    line = CURRENT[0]
    result = calculate_mme({"items": [line, line]}, table_id="uk-palliative")
    assert DUPLICATE_ITEM in _codes(result.warnings)


def test_patches_of_one_drug_are_one_long_acting_order() -> None:
    """Final clinician re-check 18d, D3: the three patches Apply wrote read "Three regular
    long-acting opioids … doubles the background opioid"."""
    rates = ("100 mcg/h", "75 mcg/h", "12.5 mcg/h")
    patches = [
        {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": r} for r in rates
    ]
    alone = calculate_mme({"items": patches}, table_id="uk-palliative")
    assert TWO_LONG_ACTING not in _codes(alone.warnings)
    with_er = calculate_mme({"items": [*patches, *CURRENT]}, table_id="uk-palliative")
    assert TWO_LONG_ACTING in _codes(with_er.warnings)  # a patch beside morphine ER: still asked
