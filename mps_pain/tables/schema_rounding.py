"""How amounts are rounded to what can be given: the tolerances around a sourced range, and
the steps injected amounts are rounded down to."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from mps_pain.tables.schema_types import Cited, Frozen

__all__ = ["InjectedStep", "LadderStep", "RescueRateSlack", "RoundedRateExcess", "ShortTolerance"]


class ShortTolerance(Cited):
    """How far below the sourced range a dose that can be given still counts as within it."""

    fraction: Annotated[float, Field(ge=0, le=0.1)]


class RoundedRateExcess(Cited):
    """How far, as a fraction of the bound, a rate may lie beyond the range's bound and still be
    read as that bound rounded (``check_pump_rate``; also as far as the bound rounded to the
    nearest, and never a pump's step): a pump's step alone can be a tenth of a rate just above
    its two-decimal threshold."""

    fraction: Annotated[float, Field(gt=0, le=0.02)]


class RescueRateSlack(Cited):
    """The most a rescue's top is read above its rule beside a regular rate written per hour
    (one pump step of the rate: the planner rounds rates down to it), as a share of the check's
    rounding tolerance (``short_tolerance``): below 1, so a rescue that tolerance above its
    rule is never read within (CI on da8da49; ``rescue_fit.judged_rescues``)."""

    of_tolerance: Annotated[float, Field(gt=0, lt=1)]


class LadderStep(Frozen):
    """From ``at`` × 10^k (within the decade 10^k), amounts are multiples of ``step`` × 10^k."""

    at: Annotated[float, Field(ge=1, lt=10)]
    step: Annotated[float, Field(gt=0, le=1)]


class InjectedStep(Cited):
    """The one rounding of injected amounts (a 24-h infusion amount, a dose, a bolus): down to a
    multiple of the step its magnitude takes (clinician review 11 #5: "33.6 mg over 24 h")."""

    ladder: Annotated[list[LadderStep], Field(min_length=1)]

    @model_validator(mode="after")
    def _from_one_upwards(self) -> InjectedStep:
        starts = [s.at for s in self.ladder]
        if starts[0] != 1 or starts != sorted(set(starts)):
            raise ValueError("the ladder starts at 1 and rises")
        return self
