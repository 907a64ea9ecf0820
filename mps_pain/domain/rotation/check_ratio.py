"""The check's expected range of a switch by a cited route ratio (same drug by another route,
or a prodrug): the proposal's own mg/day against the cited ratio range, no cross-tolerance
reduction; the range measures that drug's daily amount (``drug_a_day``), never an OME."""

from __future__ import annotations

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_band import Expectation
from mps_pain.domain.rotation.check_dose_change import counted_mg
from mps_pain.domain.rotation.classify import SwitchClass
from mps_pain.domain.rotation.rounding_policy import rounding_top
from mps_pain.domain.rotation.summed_lines import regular_part
from mps_pain.numbers import format_number_span
from mps_pain.units import format_number

__all__ = ["proposed_said", "ratio_expectation"]


def proposed_said(mg_per_day: float, what: str) -> str:
    """'Proposed regimen: 30 mg/day morphine sc.'"""
    return f"Proposed regimen: {format_number(mg_per_day)} mg/day {what}."


def ratio_expectation(switch: SwitchClass, proposed: list[DailyItem], prn: str) -> Expectation:
    low, high = switch.ratio_range_mg_per_day
    # the target node's lines: the whole proposal, or the new route's part beside kept lines
    node = switch.ratios[0].conversion.target if switch.ratios else None
    lines = regular_part(proposed, prn)  # a summed rescue: ``with_summed``
    value = counted_mg([d for d in lines if (d.drug.id, d.item.route) == node], prn)
    drug = (f"{node[0]} {node[1]}" if switch.kept else node[0]) if node else ""  # by route: part
    reasons = [
        "Cited ratio range, no cross-tolerance reduction: "
        f"{format_number_span(low, high, 'mg/day')} {drug}.",
        proposed_said(value, drug),
    ]
    # the planner rounds within the cited range, a patch never above the point it uses
    # (``rounding_top``): the rounding is explained in the same range
    patch = any(d.item.route == "transdermal" for d in proposed if d.is_opioid)
    point = (low, max(low, rounding_top(high, switch.used_mg_per_day, patch=patch)))
    return Expectation(
        value,
        low,
        high,
        f"mg/day {drug}",
        "drug_a_day",
        0.0,
        0.0,
        reasons,
        point,
        switch.used_mg_per_day,
    )
