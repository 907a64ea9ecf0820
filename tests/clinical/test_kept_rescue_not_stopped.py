"""Pharmacist re-check 16b, #10 (low): methadone 10 mg q8h with a morphine IR rescue, raised to
15 mg q8h with the same morphine rescue (C17), read "CAUTION Another opioid stopped beside
methadone … Its amount is not replaced: watch for withdrawal", and its reasons said "stopped: 20
mg/day morphine oral". Nothing was stopped: the rescue order, set aside and not summed, writes
the current rescue again. A current as-needed line that a rescue order of the same drug and
route writes again is a rescue kept, said as a rescue, never stopped; one the proposal leaves
out is still stopped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.rotation.check_kept import STOPPED_BESIDE_METHADONE
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
RECHECK = Path(__file__).parent / "fixtures" / "recheck16b"
C17 = json.loads((RECHECK / "C17-methadone-prn-methadone-up.json").read_text())


def _check(document: dict[str, Any]) -> Any:
    return check_proposal(document, tables=TABLES)


@pytest.mark.parametrize("count", ["not reported", 2, 4])
def test_c17_a_kept_rescue_beside_methadone_is_not_stopped(count: Any) -> None:
    document = json.loads(json.dumps(C17))
    document["proposed"]["items"][1]["doses_per_day"] = count
    result = _check(document)
    assert result.verdict == "dose_change"
    assert STOPPED_BESIDE_METHADONE not in {w.code for w in result.warnings}
    assert not any("stopped" in reason for reason in result.reasons), result.reasons
    assert any("is a rescue" in reason for reason in result.reasons), result.reasons


def test_a_rescue_the_proposal_leaves_out_is_still_stopped() -> None:
    document = json.loads(json.dumps(C17))
    document["proposed"]["items"] = document["proposed"]["items"][:1]
    assert STOPPED_BESIDE_METHADONE in {w.code for w in _check(document).warnings}
