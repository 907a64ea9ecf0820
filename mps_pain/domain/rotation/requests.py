"""The rotation planner's input documents: ``RotationRequest`` (``mps-pain rotate``) and
``CheckRequest`` (``mps-pain check``). They refuse unknown keys like every other document; a
reduction is a percentage or a fraction (``parse_reduction``), never an ambiguous bare number.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from mps_pain.domain.frequency import FrequencyField
from mps_pain.domain.proposed_order import proposed_line_fields
from mps_pain.domain.regimen import Patient, PrnPolicy, RegimenItem
from mps_pain.fields import MAX_ITEMS, MAX_TEXT_CHARS, Flag, InputModel, SetId
from mps_pain.json_kinds import json_kind
from mps_pain.numbers import refuse_unusual_digits
from mps_pain.tables.schema import Route
from mps_pain.unit_kinds import CONTINUOUS_ROUTES

__all__ = [
    "CONTINUOUS_ROUTES",
    "CheckRequest",
    "CurrentRegimen",
    "MethadoneSchedule",
    "RotationRequest",
    "TargetSpec",
    "parse_reduction",
]

MethadoneSchedule = Literal["immediate", "three-step"]


_WRITE_REDUCTION = "write the reduction as a percentage ('N%') or a fraction"


def parse_reduction(raw: Any) -> float:
    """``"N%"`` → N/100; a fraction is kept; a bare number above 1 is refused as ambiguous."""
    if isinstance(raw, bool):
        raise ValueError(_WRITE_REDUCTION)
    if isinstance(raw, int | float):
        value = _in_range(float(raw), repr(raw))
        if value > 1:
            raise ValueError(f"{raw} is ambiguous; write '{raw:g}%' or a fraction")
        return value
    if isinstance(raw, str):
        text = raw.strip()[:40]
        refuse_unusual_digits(text, text)  # "１０%" (fuzz review 5, R4)
        try:
            if text.endswith("%"):
                return _percentage(text)
            value = _in_range(float(text), text)
        except ValueError as exc:
            if "reduction" in str(exc):
                raise
            raise ValueError(
                f"'{text}' is not a reduction; write a percentage ('N%') or a fraction"
            ) from None
        if value > 1:
            raise ValueError(f"'{text}' is ambiguous; write '{text}%' or a fraction")
        return value
    raise ValueError(f"{_WRITE_REDUCTION}, got {json_kind(raw)}")


def _percentage(text: str) -> float:
    """``"N%"`` → N/100. A percentage strictly between 0% and 1% is refused as ambiguous (fuzz
    review 5: "0.25%" was read as 0.0025 where a quarter was meant, the fraction 0.25 written
    with a percent sign); a reduction that small is written as a fraction (0.0025)."""
    number = float(text[:-1].strip())
    if 0 < number < 1:
        raise ValueError(
            f"'{text}' is ambiguous: it reads as {number:g} of one percent; write "
            f"'{number * 100:g}%' (the fraction {number:g}) for {number * 100:g} percent, or the "
            f"fraction {number / 100:g} for {number:g} percent — a reduction below 1% is written "
            "as a fraction"
        )
    return _in_range(number / 100, text, at_most=1.0)


def _in_range(value: float, shown: str, at_most: float = math.inf) -> float:
    """A reduction is a finite fraction from 0 to 1 (0% to 100%); a number written without %
    above 1 is ambiguous rather than out of range, so its caller checks it."""
    if not math.isfinite(value) or value < 0 or value > at_most:
        raise ValueError(f"'{shown}' is not a reduction from 0% to 100%")
    return value


_PATCH_TABLE = "Patch band table id, or 'factor'."


class CurrentRegimen(InputModel):
    items: Annotated[list[RegimenItem], Field(min_length=1, max_length=MAX_ITEMS)]
    prn: PrnPolicy | None = Field(
        default=None, description="Count as-needed doses: include/exclude."
    )


class TargetSpec(InputModel):
    drug: Annotated[str, Field(min_length=1)]
    route: Route
    form: Annotated[str, Field(min_length=1)] | None = None
    frequency: FrequencyField | None = None
    continuous: Flag = False

    @model_validator(mode="after")
    def _one_timing(self) -> TargetSpec:
        # words for the app and the command line alike, never the file's syntax (session 20:
        # the planner pane said "'continuous: true' is for …" to a clinician)
        if self.frequency is not None and self.continuous:
            raise ValueError("give either a frequency or continuous, not both")
        if self.route == "transdermal" and self.frequency is not None:
            raise ValueError("a patch is continuous: leave out the frequency")
        if self.continuous and self.route not in CONTINUOUS_ROUTES:
            raise ValueError(
                "continuous is for an infusion or a patch "
                f"({', '.join(CONTINUOUS_ROUTES)}), "
                f"not the {self.route} route"
            )
        return self

    @property
    def is_continuous(self) -> bool:
        return self.continuous or self.route == "transdermal"


class RotationRequest(InputModel):
    """What ``mps-pain rotate`` reads."""

    from_: CurrentRegimen = Field(alias="from")
    to: TargetSpec
    table: SetId | None = Field(
        default=None, description="Equianalgesic set id (see mps-pain tables)."
    )
    reduction: Annotated[
        float | None,
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number", "minimum": 0, "maximum": 1},
                    {"type": "string", "pattern": "^\\s*[0-9.]+\\s*%\\s*$"},
                    {"type": "null"},
                ]
            }
        ),
    ] = Field(
        default=None, description="A percentage ('N%') or a fraction, within the table's bounds."
    )
    methadone_method: str | None = None
    methadone_schedule: MethadoneSchedule | None = None
    patch_table: str | None = Field(default=None, description=_PATCH_TABLE)
    market: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    pain_controlled: Flag | None = Field(
        default=None, description="false: pain is uncontrolled on the current opioid."
    )
    patient: Patient = Patient()

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, str_max_length=MAX_TEXT_CHARS
    )

    @field_validator("reduction", mode="before")
    @classmethod
    def _reduction(cls, raw: Any) -> float | None:
        return None if raw is None else parse_reduction(raw)


class CheckRequest(InputModel):
    """What ``mps-pain check`` reads: the current regimen and a proposed one."""

    from_: CurrentRegimen = Field(alias="from")
    proposed: CurrentRegimen
    table: SetId | None = None
    patch_table: str | None = Field(default=None, description=_PATCH_TABLE)
    market: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    pain_controlled: Flag | None = Field(
        default=None,
        description="false: pain is uncontrolled on the current opioid (no reduction expected).",
    )
    patient: Patient = Patient()

    model_config = ConfigDict(
        frozen=True, extra="forbid", populate_by_name=True, str_max_length=MAX_TEXT_CHARS
    )

    @field_validator("proposed", mode="before")
    @classmethod
    def _proposed_lines(cls, value: Any) -> Any:
        """Each proposed line read by the one rule the app's proposal editor applies
        (``proposed_line_fields``): an as-needed line without ``doses_per_day`` is an order, its
        use "not reported" (clinician review 18 #9: the CLI refused what the app accepted)."""
        if isinstance(value, dict) and isinstance(value.get("items"), list):
            items = [proposed_line_fields(i) if isinstance(i, dict) else i for i in value["items"]]
            return {**value, "items": items}
        return value
