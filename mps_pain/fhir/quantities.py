"""FHIR Quantity (UCUM) → ParsedQuantity, through the one pint boundary of ``mps_pain.units``.

The UCUM code is read, not the free-text ``unit`` (as the HL7 MME calculator does); when both
are given and the text is a unit pint reads, they must denote the same unit or it is refused.
UCUM spells a few units differently from pint (``wk``, annotations such as ``{tbl}`` or
``/{1.73_m2}``); those spellings are translated here and nowhere else.
"""

from __future__ import annotations

import math
import re
from typing import Any

from mps_pain.fhir.model import Refusal, quoted
from mps_pain.fhir.ucum import UcumError, left_to_right_note, read_ucum
from mps_pain.units import (
    Dimension,
    ParsedQuantity,
    UnitParseError,
    excerpt,
    parse_quantity,
    scale,
)

__all__ = [
    "AT_LEAST",
    "UCUM",
    "comparator",
    "count_of",
    "period_hours",
    "quantity",
    "ratio_quantity",
    "ucum_code",
]

UCUM = "http://unitsofmeasure.org"
ORDERABLE_DRUG_FORM = "http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm"
_ANNOTATION = re.compile(r"\{[^}]*\}")
_PERIOD_UNITS = {"min": "min", "h": "h", "d": "day", "wk": "week"}
_UCUM_TO_PINT = {"wk": "week"}
_TERM = re.compile(r"([./]?)([^./]+)")  # UCUM: terms joined by "." (times) and "/" (divided by)
_POWER = re.compile(r"([^0-9+-]+)([+-]?[0-9]+)?")  # a unit and its exponent: "h-1", "m2"


def ucum_code(unit: str) -> str:
    """The UCUM spelling of one of our display units (``mcg/h`` → ``ug/h``, ``day`` → ``d``)."""
    return unit.replace("mcg", "ug").replace("day", "d")


def _pint_unit(code: str, path: str) -> str:
    """The unit of a UCUM code as pint reads it. UCUM's products and exponents (``ug.h-1``,
    ``mg.d-1``) are written as a quotient, and an annotation on a unit (``mg{tablet}``) is
    dropped, as UCUM reads it (fuzz review 18, D6: ``ug.h-1`` was refused); an expression this
    does not read is left for pint, which refuses it."""
    text = re.sub(r"/\{[^}]*\}", "", code)
    if _ANNOTATION.sub("", text).strip() == "":
        raise Refusal("bad-unit", f"{path}.code", f"{quoted(code)} is a count, not an amount")
    text = _ANNOTATION.sub("", text)
    top: list[str] = []
    bottom: list[str] = []
    for operator, term in _TERM.findall(text):
        found = _POWER.fullmatch(term)
        power = int(found[2] or 1) if found else 0
        if not power:
            return text
        atom = _UCUM_TO_PINT.get(found[1], found[1]) if found else term
        (top if (power > 0) == (operator != "/") else bottom).extend([atom] * abs(power))
    if not top:
        return text
    return "*".join(top) + (f"/({'*'.join(bottom)})" if bottom else "")


def _read_code(code: str, path: str) -> tuple[float, str]:
    """A UCUM code as a factor and a pint unit: by the UCUM grammar (``fhir.ucum``: ``mg/(24.h)``,
    ``10*-3.mg/h``, ``ng/h``; fuzz review 18d, D5), else (a spelling that is not UCUM, such as
    ``mcg/h``, read before and kept) as ``_pint_unit`` reads it. A count (``{tablet}``) is
    refused as ``_pint_unit`` says."""
    if _ANNOTATION.sub("", re.sub(r"/\{[^}]*\}", "", code)).strip() == "":
        return 1.0, _pint_unit(code, path)
    try:
        read = read_ucum(code)
    except UcumError:
        return 1.0, _pint_unit(code, path)
    return read.factor, read.unit


def _number(raw: Any, path: str) -> float:
    if raw is None:
        raise Refusal("invalid-value", f"{path}.value", "no value")
    number = float(raw)
    if not math.isfinite(number):  # "1e400" as a FHIR decimal text: positive, but no number
        raise Refusal("invalid-value", f"{path}.value", f"{quoted(raw)} is out of range")
    if number <= 0:
        raise Refusal("invalid-value", f"{path}.value", f"{raw} is not a positive number")
    return number


def _parse(value: float, unit: str) -> ParsedQuantity | None:
    """The quantity with a known dimension, or None when pint cannot read the unit."""
    try:
        parsed = parse_quantity({"value": value, "unit": unit})
        parsed.dimension  # noqa: B018 - a unit that cancels out (mg/mg) has none
    except (UnitParseError, ValueError):
        return None
    return parsed


def _checked_code(fhir_quantity: Any, path: str) -> str:
    if fhir_quantity.system not in (None, UCUM):
        raise Refusal(
            "bad-unit", f"{path}.system", f"{quoted(fhir_quantity.system)} is not UCUM ({UCUM})"
        )
    if not fhir_quantity.code:
        unit = f" (the text {quoted(fhir_quantity.unit)} is not read)" if fhir_quantity.unit else ""
        raise Refusal("no-unit", f"{path}.code", f"no UCUM unit code{unit}")
    code: str = fhir_quantity.code
    _refuse_unit_text_disagreeing(fhir_quantity.unit, code, path)
    return code


def _same_unit(text: str, code: str, path: str) -> bool | None:
    """Whether two unit spellings denote the same unit; None when pint cannot read one."""
    try:
        written, coded = _parse(*_read_code(text, path)), _parse(*_read_code(code, path))
    except Refusal:
        return None
    if written is None or coded is None:
        return None
    if written.dimension is not coded.dimension:
        return False
    return math.isclose(written.to(coded.unit), coded.value, rel_tol=1e-9)


def _refuse_unit_text_disagreeing(text: str | None, code: str, path: str) -> None:
    """The human ``unit`` and the UCUM ``code`` must denote one unit (else a 1000x slip hides).

    A text pint cannot read (``tablet``) is not compared: the code alone is read.
    """
    if not text or text == code:
        return
    if _same_unit(text, code, path) is False:
        raise Refusal(
            "bad-unit",
            f"{path}.unit",
            f"the unit text “{excerpt(text)}” and the UCUM code “{excerpt(code)}” are different "
            "units; which one was meant is not guessed",
        )


AT_LEAST = (">", ">=")
"""The comparators that say the true value is at least the number (``>90``)."""


def comparator(fhir_quantity: Any, path: str, honoured: tuple[str, ...] = ()) -> str | None:
    """The one rule for ``Quantity.comparator`` on everything we read (fuzz review 3, D6, D7).

    A comparator says the number is a bound, not the value: ``<30`` eGFR is not 30, a ``<10 mg``
    dose is not 10 mg. It is refused naming ``.comparator`` unless the caller reads that
    direction as the bound because the bound is the cautious reading for every rule that uses
    the field (``honoured``; the caller states it). Returns the comparator (None if none).
    """
    found = getattr(fhir_quantity, "comparator", None)
    if found is None or found in honoured:
        return found
    raise Refusal(
        "invalid-value",
        f"{path}.comparator",
        f"“{found} {fhir_quantity.value}” is a bound, not a measured value; it is not read as "
        f"{fhir_quantity.value}. Give the value itself",
    )


def quantity(
    fhir_quantity: Any,
    path: str,
    wanted: tuple[Dimension, ...],
    *,
    honoured: tuple[str, ...] = (),
) -> ParsedQuantity:
    """A positive, finite quantity of one of the ``wanted`` dimensions, else a Refusal; a
    comparator is refused unless ``honoured`` (``comparator``)."""
    comparator(fhir_quantity, path, honoured)
    value = _number(fhir_quantity.value, path)
    code = _checked_code(fhir_quantity, path)
    factor, unit = _read_code(code, path)
    parsed = _parse(value * factor, unit)
    if parsed is None:
        raise Refusal("bad-unit", f"{path}.code", f"{quoted(code)} is not a UCUM unit we read")
    if parsed.dimension not in wanted:
        because = _not_wanted(quoted(code), parsed, wanted) + left_to_right_note(code)
        raise Refusal("bad-unit", f"{path}.code", because)
    return parsed


def _not_wanted(shown: str, parsed: ParsedQuantity, wanted: tuple[Dimension, ...]) -> str:
    """'“mL” is a volume, not a mass or mass rate' (one sentence for every quantity read)."""
    kinds = " or ".join(d.value for d in wanted)
    if parsed.dimension in (Dimension.OTHER, Dimension.DIMENSIONLESS):  # never "a other"
        return f"{shown} is not a {kinds} (a unit of no kind read here)"
    return f"{shown} is a {parsed.dimension.value}, not a {kinds}"


def count_of(fhir_quantity: Any, path: str) -> float | None:
    """The number of dosage units (``1 {tbl}``, ``2 TAB``), or None when it is an amount."""
    system, code = fhir_quantity.system, fhir_quantity.code or ""
    is_annotation = system in (None, UCUM) and code and _ANNOTATION.sub("", code) == ""
    if system == ORDERABLE_DRUG_FORM or is_annotation:
        comparator(fhir_quantity, path)
        return _number(fhir_quantity.value, path)
    return None


def ratio_quantity(ratio: Any, path: str, wanted: tuple[Dimension, ...]) -> ParsedQuantity:
    """``numerator / denominator`` as one quantity (``10 mg / 1 mL`` → ``10 mg/mL``)."""
    if ratio.numerator is None or ratio.denominator is None:
        raise Refusal("invalid-value", path, "a ratio needs a numerator and a denominator")
    comparator(ratio.numerator, f"{path}.numerator")
    comparator(ratio.denominator, f"{path}.denominator")
    top_value = _number(ratio.numerator.value, f"{path}.numerator")
    top_code = _checked_code(ratio.numerator, f"{path}.numerator")
    top_factor, top = _read_code(top_code, f"{path}.numerator")
    bottom_value = _number(ratio.denominator.value, f"{path}.denominator")
    bottom_code = _checked_code(ratio.denominator, f"{path}.denominator")
    bottom_factor, bottom = _read_code(bottom_code, f"{path}.denominator")
    value = (top_value * top_factor) / (bottom_value * bottom_factor)
    parsed = _parse(value, f"{top}/({bottom})")
    if parsed is None:
        raise Refusal(
            "bad-unit", path, f"{quoted(f'{top}/{bottom}')} is not a rate or strength we read"
        )
    if parsed.dimension not in wanted:
        raise Refusal("bad-unit", path, _not_wanted(str(parsed), parsed, wanted))
    return parsed


def period_hours(value: Any, unit: str | None, path: str) -> float:
    """A timing period in hours; months and years are refused (their length varies)."""
    if unit not in _PERIOD_UNITS:
        raise Refusal(
            "unsupported-timing", f"{path}.periodUnit", f"{quoted(unit)} is not a dosing period"
        )
    if value is None:
        raise Refusal("invalid-value", f"{path}.period", "no period is given")
    number = float(value)
    if not math.isfinite(number) or number <= 0:  # as written, never Decimal('0') (fuzz 15, D9)
        shown = quoted(str(value))
        raise Refusal("invalid-value", f"{path}.period", f"a period of {shown} is not above 0")
    return number * scale(_PERIOD_UNITS[unit], "h")
