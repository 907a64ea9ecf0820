"""Fuzz review 19, D1 (medium): the same fentanyl patch read twice was counted twice with no
caution (`mme`, `rotate`, `check`), since 18d exempted patch rows from the duplicate rule (the
planner's own 250 mcg/h order is 100 + 100 + 50). Rows of one patch strength that a single made
patch would replace (25 + 25: a 50 mcg/h patch is made) are either worn together or entered
twice: a caution says both, counts them as worn together and tells no one to remove one. The
planner never writes such rows (the fewest patches that make the dose), so its own order fed
back reads with no doubt about its rows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.duplicates import DUPLICATE_ITEM
from mps_pain.domain.patches_alike import PATCHES_ALIKE
from mps_pain.domain.rotation.order_lines import order_lines
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables


def _patch(drug: str, rate: str) -> dict[str, str]:
    return {"drug": drug, "route": "transdermal", "form": "patch", "rate": rate}


def _made(drug: str) -> set[float]:
    form = next(
        f for f in get_tables().resolve_drug(drug, location="drug").forms if f.id == "patch"
    )
    return {v for s in form.strengths for v in s.values}


def test_the_same_patch_twice_is_cautioned_both_ways_never_remove_one() -> None:
    patch = _patch("fentanyl", "25 mcg/h")
    result = calculate_mme({"items": [patch, patch]}, table_id="uk-palliative")
    alike = [w for w in result.warnings if w.code == PATCHES_ALIKE]
    assert len(alike) == 1, [w.message for w in result.warnings]
    warning = alike[0]
    assert warning.severity == "caution"
    assert warning.items == (0, 1)
    assert "worn together" in warning.message and "entered twice" in warning.message
    assert "50 mcg/h in all" in warning.message
    assert "Remove" not in warning.message and "remove" not in warning.message
    assert result.total_mme_per_day == 120  # counted as worn together: the user may mean it


def test_the_same_patch_in_a_proposal_is_cautioned() -> None:
    current = [
        {"drug": "morphine", "route": "oral", "form": "er", "dose": "30 mg", "frequency": "q12h"}
    ]
    patch = _patch("fentanyl", "12.5 mcg/h")
    result = check_proposal(
        {
            "from": {"items": current},
            "proposed": {"items": [patch, patch]},
            "table": "uk-palliative",
        }
    )
    alike = [w for w in result.warnings if w.code == PATCHES_ALIKE]
    assert len(alike) == 1 and alike[0].message.startswith("Proposed rows 1 and 2"), alike


@given(
    drug=st.sampled_from(["fentanyl", "buprenorphine"]),
    pick=st.integers(0, 20),
    count=st.integers(2, 4),
)
@settings(max_examples=60, deadline=None)
def test_rows_of_one_strength_are_cautioned_when_a_single_patch_is_made(
    drug: str, pick: int, count: int
) -> None:
    made = sorted(_made(drug))
    strength = made[pick % len(made)]
    rows = [_patch(drug, f"{strength:g} mcg/h")] * count
    result = calculate_mme({"items": rows}, table_id="uk-palliative")
    cautioned = PATCHES_ALIKE in [w.code for w in result.warnings]
    fewer = any(round(strength * m, 6) in {round(v, 6) for v in made} for m in range(2, count + 1))
    assert cautioned == fewer, (strength, count, [w.message for w in result.warnings])
    assert DUPLICATE_ITEM not in [w.code for w in result.warnings]


@given(
    mg=st.sampled_from([30, 60, 90, 120, 200, 300, 400, 600, 900]),
    market=st.sampled_from(["UK", "US", "JP"]),
    drug=st.sampled_from(["fentanyl", "buprenorphine"]),
)
@settings(max_examples=25, deadline=None)
def test_the_planners_own_patch_order_is_never_doubted(mg: int, market: str, drug: str) -> None:
    current = [
        {"drug": "morphine", "route": "oral", "form": "er", "dose": f"{mg} mg", "frequency": "q12h"}
    ]
    request = {"from": {"items": current}, "table": "uk-palliative", "market": market}
    plan = plan_rotation({**request, "to": {"drug": drug, "route": "transdermal"}})
    lines = [line.model_dump(mode="json", exclude_none=True) for line in order_lines(plan)]
    if not lines:
        return
    checked = check_proposal({**request, "proposed": {"items": lines}})
    codes = [w.code for w in checked.warnings]
    assert PATCHES_ALIKE not in codes and DUPLICATE_ITEM not in codes, lines
    applied = calculate_mme({"items": lines}, table_id="uk-palliative")  # Apply's rows, now worn
    assert PATCHES_ALIKE not in [w.code for w in applied.warnings], lines
