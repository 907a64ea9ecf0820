"""Frozen models of the cited same-drug route ratios and prodrug ratios (``rotation.route_ratios``).

A ratio row says: a daily amount of ``from`` ÷ ``ratio`` is the equianalgesic daily amount of
``to`` (both in mg/day of the drug named). Sources disagree, so every row is a range whose two
ends each cite their own source; a switching dose takes the end that gives the lower new dose.
``flags`` list the sets whose two OME factors imply a ratio outside the cited range (or a drug with
oral and parenteral rows but no cited ratio): the data lint requires every such case to be listed,
and every listed case to be real, so the list cannot go stale.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.schema_types import Identifier, Ratio, Text, check_order

__all__ = ["InfusionRescue", "RatioEnd", "RouteEndpoint", "RouteRatio", "RouteRatioFlag"]


class RatioEnd(_Cited):
    """One end of a cited range: the ratio and where it is printed."""

    ratio: Ratio


class RouteEndpoint(_Frozen):
    drug: Identifier
    routes: Annotated[
        list[Literal["oral", "iv", "sc", "im", "rectal", "transdermal"]], Field(min_length=1)
    ]


class RouteRatio(_Frozen):
    """``from`` mg/day ÷ ratio = ``to`` mg/day; ``low``/``high`` are the cited ends."""

    id: Identifier
    kind: Literal["route", "prodrug"]
    from_: RouteEndpoint = Field(alias="from")
    to: RouteEndpoint
    low: RatioEnd
    high: RatioEnd
    note: str | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _valid(self) -> RouteRatio:
        check_order(self.low.ratio, self.high.ratio)
        if self.kind == "route" and self.from_.drug != self.to.drug:
            raise ValueError("a 'route' ratio joins two routes of one drug; use kind 'prodrug'")
        if self.kind == "prodrug" and self.from_.drug == self.to.drug:
            raise ValueError("a 'prodrug' ratio joins two different drugs")
        return self


class RouteRatioFlag(_Frozen):
    """A set whose factors imply a ratio outside the cited range, or a drug with no cited ratio."""

    set: Identifier
    drug: Identifier
    routes: Annotated[list[str], Field(min_length=2, max_length=2)]
    reason: Text


class InfusionRescue(_Cited):
    """Rescue dose of a continuous infusion: the amount the infusion gives in ``hours``."""

    hours: Annotated[float, Field(gt=0, le=4, allow_inf_nan=False)]
    frequency: Text
