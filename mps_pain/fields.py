"""Pydantic field types for quantities with a checked dimension.

``Annotated[ParsedQuantity, …]`` types accept ``"10 mg"`` or ``{"value": 10, "unit": "mg"}``,
refuse a non-finite, zero, negative or out-of-range number and a unit the field's kind does not
list (``unit_kinds``), serialise as
``{"value": 10.0, "unit": "mg"}`` and publish a JSON Schema. The message names what was expected,
and pydantic adds the field's location.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)

from mps_pain.json_kinds import as_written
from mps_pain.numbers import format_beside, refuse_exponent
from mps_pain.unit_kinds import (
    UnitKind,
    allowed_units,
    bare_number_unit,
    check_unit,
    example_of,
)
from mps_pain.units import (
    MAX_QUANTITY_CHARS,
    Dimension,
    ParsedQuantity,
    UnitParseError,
    dimension_of,
    excerpt,
    format_number,
    parse_quantity,
)

__all__ = [
    "MAX_ITEMS",
    "MAX_QUANTITY_VALUE",
    "MAX_TEXT_CHARS",
    "MIN_QUANTITY_VALUE",
    "Concentration",
    "DailyAmount",
    "DoseAmount",
    "DoseRate",
    "Flag",
    "InputModel",
    "KidneyFunction",
    "MassRate",
    "NonNegativeMassRate",
    "RouteDailyTotal",
    "SetId",
    "TimeSpan",
    "Years",
    "forget_quantities",
    "is_bare_number",
    "quantity_json",
    "strip_text",
    "with_bare_number_unit",
]

# what a field wants, in the words of ``Dimension`` (each kind's name written once, there)
_WANTED = {
    UnitKind.DOSE: f"{Dimension.MASS} or {Dimension.VOLUME}",
    UnitKind.RATE: f"{Dimension.MASS_RATE} or {Dimension.VOLUME_RATE}",
    UnitKind.MASS_RATE: Dimension.MASS_RATE.value,
    UnitKind.DAILY_TOTAL: f"{Dimension.MASS_RATE} or {Dimension.MASS} per day",
    UnitKind.DAILY_AMOUNT: f"{Dimension.MASS} per day",
    UnitKind.CONCENTRATION: Dimension.CONCENTRATION.value,
    UnitKind.KIDNEY_FUNCTION: Dimension.VOLUME_RATE.value,
    UnitKind.BODY_MASS: f"body {Dimension.MASS}",
    UnitKind.TIME_SPAN: Dimension.TIME.value,
    UnitKind.TABLE_RATE: Dimension.MASS_RATE.value,
}


def strip_text(value: Any) -> Any:
    """The one whitespace rule of every text field of an input document: surrounding whitespace
    is not part of the value, in an enumerated field (route ``"oral "``, ``prn``, a schedule) as
    in a free one (drug ``" oxycodone"``). Fuzz review 5: the enumerated fields refused what the
    free ones accepted. Models call it before any other validator of a field."""
    return value.strip() if isinstance(value, str) else value


MAX_TEXT_CHARS = 2000
"""The longest text any input field reads (a note); names and quantities are far shorter."""


class InputModel(BaseModel):
    """The base of an input document's models (a regimen, a rotation or check request): frozen,
    unknown keys refused, every text field stripped (``strip_text``) and at most
    ``MAX_TEXT_CHARS`` long."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, str_max_length=MAX_TEXT_CHARS
    )

    @field_validator("*", mode="before")
    @classmethod
    def _strip_text(cls, value: Any) -> Any:
        return strip_text(value)  # enumerated fields too (str_strip_whitespace skips Literals)


MAX_ITEMS = 100
"""The most items one regimen holds (outside fuzz review 6, item 2: 20,000 items took 14.6 s).
A generous clinical bound: a real regimen has a handful of opioid and adjuvant lines."""

MAX_QUANTITY_VALUE = 1e9
"""The largest number a quantity field reads. Not a clinical bound (those are the drugs'
plausibility rows in data/): it keeps every product computed from the field finite."""

MIN_QUANTITY_VALUE = 1e-9
"""The smallest nonzero number a quantity field reads (outside fuzz review 3, D1: ``5e-324 mcg``
was read, then became 0 mg). Not a clinical bound either: it is far below every drug's floor in
every unit (the lowest, IV fentanyl 0.1 mcg/h, is 1e-7 g/h), and with MAX_QUANTITY_VALUE it keeps
every product of two fields, a unit scale and a dose count a normal nonzero float. The engine
still checks each step (``numbers.checked_product``)."""


_REMEMBERED: list[Any] = []  # each field kind's remembered answers (``_validator``)


def forget_quantities() -> None:
    """Empty every quantity field's remembered answers (a test compares with none remembered)."""
    for remembered in _REMEMBERED:
        remembered.cache_clear()


_BARE_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def is_bare_number(raw: Any) -> bool:
    """Whether ``raw`` is a number without a unit (``520``, ``"520"``, ``" 35.5 "``)."""
    if type(raw) in (int, float):
        return True
    return type(raw) is str and _BARE_NUMBER.fullmatch(raw.strip()) is not None


def with_bare_number_unit(raw: Any, kind: UnitKind) -> Any:
    """``raw`` with its kind's one unit when it is a number alone (``"520"`` or ``520`` in a QTc
    → ``"520 ms"``, ``unit_kinds.bare_number_unit``); any other input unchanged."""
    unit = bare_number_unit(kind)
    if unit is None:
        return raw
    if not is_bare_number(raw):
        return raw
    return f"{raw!r} {unit}" if type(raw) is not str else f"{raw.strip()} {unit}"


# a concentration as a label writes it: "10 mg/5 mL" (an oral solution), or as a mapping's unit
_PER_SOME_ML = re.compile(
    r"\s*([0-9]+(?:\.[0-9]+)?)\s*(mcg|mg|g)\s*/\s*([0-9]+(?:\.[0-9]+)?)\s*ml\s*", re.IGNORECASE
)


_NUMBER = (int, float)


def refuse_per_some_ml(raw: Any) -> None:
    """Refuse a concentration written per N mL ("10 mg/5 mL") with its value per mL ("write
    '2 mg/mL'"): the unit holds a second number, and the plain refusal's example could not say
    which number to write (fuzz review 15, D11). Refused, not converted: the user confirms it."""
    if type(raw) is dict and type(raw.get("unit")) is str and type(raw.get("value")) in _NUMBER:
        raw = f"{raw['value']} {raw['unit']}"
    match = _PER_SOME_ML.fullmatch(raw) if type(raw) is str else None
    if match is None or float(match.group(3)) == 0:
        return
    amount, mass, volume = float(match.group(1)), match.group(2).lower(), match.group(3)
    per_ml = format_number(amount / float(volume))
    raise ValueError(
        f"'{excerpt(raw.strip())}' is per {volume} mL; a concentration is per mL: "
        f"write '{per_ml} {mass}/mL'"
    )


def _validator(kind: UnitKind, *, allow_zero: bool, by_route: bool) -> Callable[[Any], Any]:
    """``by_route``: a unit outside ``kind`` is kept for its reader to judge by the route (the
    practice daily keys, ``practice.grade._daily_unit_fits``): the refusal and its list of units
    come from that one rule (fuzz review 11 #2)."""
    example = example_of(kind)

    def validate(raw: Any) -> ParsedQuantity:
        raw = with_bare_number_unit(raw, kind)
        if kind is UnitKind.CONCENTRATION:
            refuse_per_some_ml(raw)
        try:
            quantity = parse_quantity(raw, example)
        except UnitParseError as exc:
            raise ValueError(f"{exc}; expected a {kind.value} such as '{example}'") from None
        try:
            unit = check_unit(quantity.unit, kind)
        except UnitParseError:
            if not by_route:
                raise ValueError(_not_a_unit_of(quantity, kind, raw)) from None
            unit = quantity.unit
        if quantity.value < 0 or (quantity.value == 0 and not allow_zero):
            raise ValueError(f"'{quantity}' must be greater than zero")
        if 0 < quantity.value < MIN_QUANTITY_VALUE:
            raise ValueError(
                f"'{quantity.value:g} {unit}' is too small to be an amount (at least "
                f"{MIN_QUANTITY_VALUE:.0e} {unit}); check the number and its unit"
            )
        if quantity.value > MAX_QUANTITY_VALUE:
            raise ValueError(
                f"'{quantity}' is out of range (at most {MAX_QUANTITY_VALUE:.0e} {unit})"
            )
        return quantity if unit == quantity.unit else replace(quantity, unit=unit)

    remembered = lru_cache(maxsize=4096)(validate)

    @lru_cache(maxsize=4096)
    def remembered_mapping(key: tuple[type, float, str]) -> ParsedQuantity:
        return validate({"value": key[1], "unit": key[2]})

    _REMEMBERED.extend((remembered, remembered_mapping))

    def validate_remembered(raw: Any) -> ParsedQuantity:
        """``validate``, remembered for a text or a plain ``{"value", "unit"}`` mapping (the
        last 4,096 per kind; a refusal is not): the answer is a frozen value of its input
        alone, and a plan reads its own amounts back as items many times."""
        kind_of = type(raw)
        if kind_of is str:
            return remembered(raw)
        if kind_of is dict and raw.keys() == _MAPPING_KEYS:
            value, unit = raw["value"], raw["unit"]
            if type(value) in (float, int) and type(unit) is str and value != 0:  # not ±0.0
                return remembered_mapping((type(value), value, unit))
        return validate(raw)

    return validate_remembered


_MAPPING_KEYS = frozenset({"value", "unit"})


def _not_a_unit_of(quantity: ParsedQuantity, kind: UnitKind, raw: Any = None) -> str:
    """Why a unit is refused for a kind of field: of another kind ("'10 h' is a time, expected a
    mass or volume …"), or of the right kind but not listed ("'10 kg': kg is not one of the units
    of a dose …"; fuzz review 5: "'10 kg' is a mass, expected a mass or volume" contradicted
    itself). A text is echoed as written (fuzz review 11 #2: "150MG" was echoed '150 MG')."""
    written = excerpt(raw.strip()) if type(raw) is str else str(quantity)
    allowed = allowed_units(kind)
    listed = f"{', '.join(allowed)}, e.g. '{example_of(kind)}'"
    found = quantity.dimension
    if found in {dimension_of(unit) for unit in allowed}:
        unit = quantity.written or quantity.unit  # as typed (fuzz review 12, #4)
        return f"'{written}': {unit} is not one of the units of a {kind.value}: {listed}"
    what = "an unknown kind of unit" if found is Dimension.OTHER else f"a {found.value}"
    return f"'{written}' is {what}, expected a {_WANTED[kind]} in one of {listed}"


def quantity_json(quantity: ParsedQuantity) -> dict[str, float | str]:
    """The JSON shape of a quantity: ``{"value": 10.0, "unit": "mg"}``."""
    return {"value": quantity.value, "unit": quantity.unit}


def _schema(kind: UnitKind) -> dict[str, Any]:
    example = example_of(kind)
    units = list(allowed_units(kind))
    shapes: list[dict[str, Any]] = [
        {"type": "string", "maxLength": MAX_QUANTITY_CHARS, "examples": [example]},
        {
            "type": "object",
            "properties": {"value": {"type": "number"}, "unit": {"enum": units}},
            "required": ["value", "unit"],
            "additionalProperties": False,
        },
    ]
    description = f"A {kind.value} in one of {', '.join(units)}, e.g. '{example}'"
    if (alone := bare_number_unit(kind)) is not None:
        shapes.append({"type": "number"})
        description += f"; a number alone is read in {alone}"
    return {"description": description, "anyOf": shapes}


def _quantity_type(kind: UnitKind, *, allow_zero: bool = False, by_route: bool = False) -> Any:
    return Annotated[
        ParsedQuantity,
        PlainValidator(_validator(kind, allow_zero=allow_zero, by_route=by_route)),
        PlainSerializer(quantity_json, return_type=dict),
        WithJsonSchema(_schema(kind)),
    ]


DoseAmount = _quantity_type(UnitKind.DOSE)
DoseRate = _quantity_type(UnitKind.RATE)
MassRate = _quantity_type(UnitKind.MASS_RATE)
NonNegativeMassRate = _quantity_type(UnitKind.MASS_RATE, allow_zero=True)
DailyTotal = _quantity_type(UnitKind.DAILY_TOTAL)
# a daily total whose reader checks its unit by the route (the practice keys of the new drug)
RouteDailyTotal = _quantity_type(UnitKind.DAILY_TOTAL, by_route=True)
# a daily total by mouth (the OME): an amount per day, never a rate per hour (``daily_total_kind``)
DailyAmount = _quantity_type(UnitKind.DAILY_AMOUNT)
Concentration = _quantity_type(UnitKind.CONCENTRATION)
KidneyFunction = _quantity_type(UnitKind.KIDNEY_FUNCTION)
TimeSpan = _quantity_type(UnitKind.TIME_SPAN)
BodyMass = _quantity_type(UnitKind.BODY_MASS)


def _flag(raw: Any) -> bool:
    """JSON ``true`` or ``false`` only: ``0``, ``"no"``, ``"yes"`` and the like are refused, never
    read (fuzz review 8, #8: ``"pain_controlled": 0`` silently removed the reduction)."""
    if type(raw) is bool:
        return raw
    # echoed in the document's own words: null, not Python's None; text in its quotes (fuzz
    # review 9 #5: "true " was echoed 'true', as if the word true were wrong)
    shown = excerpt(as_written(raw))
    what = "the text " if isinstance(raw, str) else ""
    raise ValueError(f"write true or false (JSON, without quotes), not {what}{shown}")


Flag = Annotated[bool, PlainValidator(_flag), WithJsonSchema({"type": "boolean"})]
"""The one boolean type of every input document: JSON true/false and nothing else."""

SetId = Annotated[
    str,
    Field(min_length=1, max_length=60, description="A reference-set id, e.g. 'cdc-2022'."),
]
"""A table id as a document names it: blank is refused, never read as 'the default set'."""


def _years(raw: Any) -> Any:
    """An age is a JSON number or text in plain digits ("72"), its unit written or not ("72
    years", "72 y": clinician re-check 17b #8, one rule for the header's quantities, a number
    alone read in the field's one unit): a boolean (``true`` was read as 1 year) and exponent
    text ("1.5e1" read as 15) are refused, never read (fuzz review 11, #4), as amounts written
    as text (``numbers.refuse_exponent``) and booleans (``Flag``) are."""
    if type(raw) is bool:
        raise ValueError(f"an age is a number of years, e.g. 72, not {json.dumps(raw)}")
    if type(raw) is str:
        refuse_exponent(raw, excerpt(raw), _AGE_EXAMPLE)
        in_years = YEARS_UNIT.fullmatch(raw)
        return in_years.group(1) if in_years is not None else raw
    return raw


#: an age with its unit: "72 years", "72 yrs", "72 y" (any case)
YEARS_UNIT = re.compile(r"\s*([0-9.]+)\s*(?:years?|yrs?|y)\.?\s*", re.IGNORECASE)


MAX_AGE_YEARS = 130
"""The oldest age read (a bound on input, beyond any recorded human age)."""
_AGE_EXAMPLE = "72"


def _age_in_range(years: float) -> float:
    """0–130 years, refused in a clinician's words (fuzz review 12, #3: "Input should be less
    than or equal to 130"); the age echoed as typed, never as its bound (``format_beside``)."""
    if years < 0:
        shown = format_beside(years, 0)
        raise ValueError(f"an age of {shown} years is below 0; give the age in years, e.g. 72")
    if years > MAX_AGE_YEARS:
        shown = format_beside(years, MAX_AGE_YEARS)
        raise ValueError(
            f"an age of {shown} years is above {MAX_AGE_YEARS}, beyond any recorded age; give "
            f"the age in years, e.g. {_AGE_EXAMPLE}"
        )
    return years


Years = Annotated[
    float,
    BeforeValidator(_years),
    Field(allow_inf_nan=False, json_schema_extra={"minimum": 0, "maximum": MAX_AGE_YEARS}),
    AfterValidator(_age_in_range),
]
"""An age in years (0–130)."""
