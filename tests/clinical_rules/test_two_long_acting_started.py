"""The check's two-long-acting caution asks about a long-acting line the proposal STARTS beside
another, not one already given and kept (pharmacist re-check 13b, #5a).

N01: fentanyl patch 25 mcg/h kept, morphine ER 30 mg q12h -> oxycodone ER 5 mg q12h said "Two
regular long-acting opioids (proposed rows 1 and 2 ...): is the first meant to stop?" -- asking
whether the kept patch should stop; V12-V14 (methadone and oxycodone ER both kept) the same. The
caution is about a new long-acting opioid started without the previous one stopped: it fires when
the proposal starts more regular long-acting lines than it stops, and two or more are proposed.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from tests.clinical_rules.test_two_long_acting import LONG_ACTING, OTHERS, _cautions

_MOR_ER = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_OXY_ER5 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "5 mg", "frequency": "q12h"}
_PATCH = {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}
_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_OXY_ER10 = {**_OXY_ER5, "dose": "10 mg"}


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]]) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}}
    return check_proposal({**document, "table": "uk-palliative"})


@pytest.mark.parametrize(
    ("current", "proposed"),
    [
        ([_PATCH, _MOR_ER], [_PATCH, _OXY_ER5]),  # N01: the patch kept, the ER line switched
        ([_PATCH, _MOR_ER], [_PATCH, _OXY_ER10]),  # N01b
        ([_MTD, _OXY_ER10], [_MTD, _OXY_ER10]),  # V12: both kept
        ([_MTD, _OXY_ER10], [_MTD, {**_OXY_ER10, "dose": "40 mg"}]),  # V13: one titrated
        ([_PATCH, _MOR_ER], [_OXY_ER10, {**_MOR_ER, "dose": "15 mg"}]),  # one replaced by another
    ],
)
def test_long_acting_lines_kept_or_replaced_are_not_asked_about(
    current: list[dict[str, Any]], proposed: list[dict[str, Any]]
) -> None:
    result = _check(current, proposed)
    assert _cautions(result) == [], result.warnings


@pytest.mark.parametrize(
    ("current", "proposed"),
    [
        ([_MOR_ER], [_MOR_ER, _PATCH]),  # a patch started beside the kept ER line
        ([_PATCH], [_PATCH, _OXY_ER5]),  # an ER line started beside the kept patch
        ([_MOR_ER], [_OXY_ER10, _PATCH]),  # two started, one stopped
        ([_PATCH, _MOR_ER], [_PATCH, _MOR_ER, _OXY_ER5]),  # a third added
    ],
)
def test_a_long_acting_line_started_beside_another_is_asked_about(
    current: list[dict[str, Any]], proposed: list[dict[str, Any]]
) -> None:
    result = _check(current, proposed)
    [caution] = _cautions(result)
    assert "proposed rows" in caution.message, caution.message


_POOL = [*LONG_ACTING[:4], *OTHERS[:2]]


def _key(item: dict[str, Any]) -> tuple[str, str, bool]:
    return item["drug"], item["route"], item.get("form") in {"ER", "MR"}


def _long(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i in LONG_ACTING]


@pytest.mark.parametrize(
    ("now", "new"),
    [
        (a, b)
        for a, b in itertools.product(
            itertools.combinations(range(len(_POOL)), 2),
            itertools.combinations(range(len(_POOL)), 2),
        )
        if a != b and (a[0] < 3 or b[0] < 3)
    ][::3],
)
def test_the_caution_follows_the_started_lines(now: tuple[int, ...], new: tuple[int, ...]) -> None:
    """Over pairs of current and proposed lines: the caution exactly when more long-acting lines
    are started than stopped and two or more are proposed."""
    current, proposed = [_POOL[i] for i in now], [_POOL[i] for i in new]
    try:
        result = _check(current, proposed)
    except MpsPainError:  # refused with a named field (methadone away, no factor): not this rule
        return
    before, after = {_key(i) for i in _long(current)}, {_key(i) for i in _long(proposed)}
    started, stopped = len(after - before), len(before - after)
    expected = len(after) >= 2 and started > stopped
    assert bool(_cautions(result)) == expected, (current, proposed, result.warnings)
