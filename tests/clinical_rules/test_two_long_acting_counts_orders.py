"""Pharmacist review 19, L1: two fentanyl patches and oxycodone ER read "Three regular long-acting
opioids (proposed rows 1, 2 and 3: fentanyl patch; fentanyl patch; oxycodone …)" (vin/V10d).
One drug's patches are worn together, one order (``DailyItem.worn_together``,
``long_acting._order``): the caution already fired by orders, but counted and listed rows. The
count and the list now say the orders ("Two …: fentanyl patch, rows 1 and 2; oxycodone …").
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.domain.long_acting import TWO_LONG_ACTING
from mps_pain.services.mme_service import calculate_mme

OXY_ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}
MOR_MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
_COUNT = {2: "Two", 3: "Three", 4: "Four"}


def _patch(rate: float) -> dict[str, Any]:
    return {"drug": "fentanyl", "route": "transdermal", "rate": f"{rate} mcg/h"}


def _caution(items: list[dict[str, Any]]) -> str:
    result = calculate_mme({"items": items, "table": "uk-palliative"})
    [message] = [w.message for w in result.warnings if w.code == TWO_LONG_ACTING]
    return message


def test_v10d_two_patches_and_oxycodone_are_two_orders() -> None:
    message = _caution([_patch(100), _patch(100), OXY_ER])
    assert message.startswith("Two regular long-acting opioids"), message
    assert "fentanyl patch, rows 1 and 2; oxycodone modified-release" in message
    assert "fentanyl patch; fentanyl patch" not in message


@given(
    st.lists(st.sampled_from([12.5, 25, 50, 100]), min_size=1, max_size=3),
    st.lists(st.sampled_from([OXY_ER, MOR_MR]), min_size=1, max_size=2, unique_by=str),
    st.booleans(),
)
@example([100, 100], [OXY_ER], True)  # V10d
def test_the_caution_counts_orders_not_rows(
    rates: list[float], others: list[dict[str, Any]], patches_first: bool
) -> None:
    patches = [_patch(r) for r in rates]
    items = [*patches, *others] if patches_first else [*others, *patches]
    message = _caution(items)
    orders = 1 + len(others)
    assert message.startswith(f"{_COUNT[orders]} regular long-acting opioids"), message
    assert message.count("fentanyl patch") == 1, message
    if len(rates) > 1:
        assert "fentanyl patch, rows " in message, message
