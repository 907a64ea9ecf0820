"""How an oral solution is measured: its volume step, and the most of it one dose is measured in."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from mps_pain.tables.schema_types import Cited

__all__ = ["LargeVolume", "OralSolutionStep"]


class LargeVolume(Cited):
    """The most of the weakest oral solution one dose is measured in (pharmacist review 18d,
    M2: 37.5-150 mL per breakthrough dose); above it the market's stronger solution is used."""

    ml: Annotated[float, Field(gt=0, le=100)]


class OralSolutionStep(Cited):
    """The smallest volume step an oral solution is measured in, and its ``large_volume``."""

    ml: Annotated[float, Field(gt=0, le=5)]
    large_volume: LargeVolume
