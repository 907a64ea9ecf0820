"""The check's rescue orders split at the switch's own top (pharmacist re-check 17b, H3).

A rescue is an order, not summed, up to 1/6 of the larger of the proposed regular dose and the
dose the patient is tolerant to (``rescue_ceiling``). Beside a switch that calls for a reduced
dose, the unreduced current OME was that second side, so an order sized to the old dose
(oxycodone IR 30 mg x12 beside oxycodone MR 50 mg q12h, from morphine 300 mg/day OME) was never
summed and read WITHIN though at its count it allows 690 mg/day OME. The sourced rule sizes a
rescue on the NEW 24-h dose (clinical-sources §3(d)), and the most the sources allow the new dose
to be is the top of the switch's expected range (the current OME less the smallest sourced
reduction for the switch), which the planner's own target never exceeds. So the rescues are
split once with the current OME, the regular order judged, and, where its expected range is in
OME a day and tops below the current OME, split again at that top: a rescue above it is then
summed by its count, or refused for a missing count, as any rescue too large for its rule.
A dose change (no range), a route ratio or a patch band (not in OME a day) keep the current OME.
"""

from __future__ import annotations

from collections.abc import Callable

from mps_pain.domain.rotation.check_rescues import Rows, split_rescues
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.requests import CheckRequest
from mps_pain.tables.index import TableIndex

__all__ = ["split_at_switch_top", "switch_top"]

Judge = Callable[[TableIndex, CheckRequest, Rows], CheckResult]
Split = tuple[CheckRequest, CheckRequest, Rows, Rows, CheckResult]


def switch_top(result: CheckResult) -> float | None:
    """The top of ``result``'s expected range in OME a day where it is below the current OME;
    None where the range does not measure OME a day (``measure``), or there is none (a dose
    change)."""
    high, now = result.expected_high, result.current_ome_per_day
    if high is None or now is None or result.measure != "ome_a_day":
        return None
    return high if high < now else None


def split_at_switch_top(tables: TableIndex, request: CheckRequest, judge: Judge) -> Split:
    """``split_rescues`` and ``judge``'s result of its regular order (``judge(tables, regular,
    ordered_again)``), split again at the switch's top where that sets fewer rescues aside."""
    read, regular, rows, again = split_rescues(tables, request)
    result = judge(tables, regular, again)
    top = switch_top(result) if rows else None
    if top is None:
        return read, regular, rows, again, result
    read2, regular2, rows2, again2 = split_rescues(tables, request, top)
    if rows2 == rows:
        return read, regular, rows, again, result
    return read2, regular2, rows2, again2, judge(tables, regular2, again2)
