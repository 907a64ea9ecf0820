"""The field types every table schema shares, defined once.

``schema.py`` (drugs, sets, factors), ``schema_rotation.py`` and ``schema_route_ratios.py`` build
their models from these: the frozen base, identifiers, text, bounded numbers, fractions written as
ratios, ``Citation`` (a source id and the place in it) and ``Cited`` (a record whose values one
``Citation`` covers).

Every citation of the table is a ``Citation`` nested under the key ``citation`` of the record it
covers, so the values and their origin travel together to whatever prints them
(``TableIndex.cite``), and a lint can find every citation by type
(``tests/tables/test_citations_read.py``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from mps_pain.numbers import format_span
from mps_pain.tables.vocabulary import Severity

__all__ = [
    "Citation",
    "Cited",
    "CitedHours",
    "CitedText",
    "Fraction",
    "Frozen",
    "Identifier",
    "NonNegativeNumber",
    "PalliativeWords",
    "PositiveFraction",
    "PositiveNumber",
    "Ratio",
    "ReductionCase",
    "ReductionCaseId",
    "RouteAdvice",
    "Severity",
    "Text",
    "check_order",
    "ratio_value",
]


class Frozen(BaseModel):
    """Every table record: immutable, unknown keys refused, text stripped.

    ``defer_build``: a record's validator is built when first used, not when its class is made.
    Only ``ConversionTables`` validates (the loader), and its validator holds every nested
    record's, so building one per nested class at import (~100 ms of CPU on the first MME's
    path, docs/gui.md) was work nothing used; what is refused is unchanged."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=2)]
# 1e9: no table number comes near it; a stray exponent (1e308) is refused at load
PositiveNumber = Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
NonNegativeNumber = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]


def check_order(low: float, high: float, low_name: str = "low", high_name: str = "high") -> None:
    """The one rule of every range in the tables: its low end is not above its high end."""
    if low > high:
        raise ValueError(f"{low_name} {low} is above {high_name} {high}")


def ratio_value(raw: object) -> object:
    """A fraction may be written as a ratio (``"a/b"``), so the table shows the source's rule."""
    if isinstance(raw, str) and "/" in raw:
        top, _, bottom = raw.partition("/")
        try:
            return float(top) / float(bottom)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"'{raw}' is not a ratio 'a/b'") from None
    return raw


_AS_RATIO = BeforeValidator(ratio_value)
Fraction = Annotated[float, _AS_RATIO, Field(ge=0, lt=1, allow_inf_nan=False)]
PositiveFraction = Annotated[float, _AS_RATIO, Field(gt=0, le=1, allow_inf_nan=False)]
Ratio = Annotated[float, _AS_RATIO, Field(gt=0, le=1e9, allow_inf_nan=False)]


class Citation(Frozen):
    """Where a number or rule comes from: a source id (a key of ``sources``) and the place in it."""

    source: Identifier
    locator: Text = Field(description="Where in the source: table, page, section or row.")


class Cited(Frozen):
    """A record whose values one citation covers (the ``citation:`` key)."""

    citation: Citation


class CitedText(Cited):
    """A cited sentence the outputs show as it is."""

    message: Text


class PalliativeWords(Cited):
    """A co-prescribing rule's severity, words and source for a patient in cancer, palliative
    or end-of-life care, where the rule's own source excludes them (CDC 2022's scope;
    pharmacist review 17, L5)."""

    severity: Severity
    message: Text


class RouteAdvice(Frozen):
    """A rule's advice for some routes only, with its own place in the source: both said for a
    row given by one of ``routes``, never for another (clinician re-check 18b #8: "give it by a
    separate pump" for oral ketamine; review 19 L4: the pump's words stayed in the rule's Source
    for oral ketamine)."""

    routes: Annotated[list[Identifier], Field(min_length=1)]
    message: Text
    citation: Citation


class CitedHours(Cited):
    """A cited number of hours (a transition timing)."""

    hours: PositiveNumber


ReductionCaseId = Literal[
    "same_drug", "different_opioid", "from_patch", "to_patch_bands", "from_methadone"
]


class ReductionCase(Cited):
    """The suggested cross-tolerance reduction for one kind of switch (a rotation rule and each
    methadone method's own)."""

    id: ReductionCaseId
    default: Fraction
    low: Fraction
    high: Fraction
    reason: Text

    @model_validator(mode="after")
    def _inside(self) -> ReductionCase:
        if not (self.low <= self.default <= self.high):
            raise ValueError(
                f"default {self.default} lies outside {format_span(str(self.low), str(self.high))}"
            )
        return self
