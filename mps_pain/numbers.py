"""Magnitudes as plain floats: checked arithmetic and how a number is shown.

Inside the engine a magnitude travels as a float whose name carries its unit
(``dose_mg_per_day``). ``checked_product`` multiplies amounts and refuses a step that overflows
or underflows towards 0; ``tidy`` drops binary noise from a computed magnitude; ``format_number``
and ``format_span`` show numbers to people. Units themselves (the pint registry, parsing a
quantity at the boundary) are ``units.py``, which re-exports these for its callers.
"""

from __future__ import annotations

import math
import re
import sys
from decimal import Decimal
from functools import lru_cache

__all__ = [
    "MagnitudeError",
    "checked_product",
    "dose_span_text",
    "dose_text",
    "format_beside",
    "format_estimate",
    "format_estimate_span",
    "format_number",
    "format_number_span",
    "format_percent",
    "format_percent_span",
    "format_span",
    "normal",
    "not_as_printed",
    "not_finite",
    "percent_figure",
    "plain_digits",
    "pump_rate",
    "pump_step",
    "refuse_exponent",
    "refuse_programmers_number",
    "refuse_unusual_digits",
    "tidy",
    "written_dose",
    "written_step",
]


def plain_digits(value: float, significant: int = 10) -> str:
    """``value`` as text that reads back as itself: plain digits to ``significant`` figures,
    never exponent notation, which text input refuses (``1e-05`` → ``0.00001``; pharmacist
    review 5b, item 6)."""
    return format(Decimal(f"{value:.{significant}g}"), "f")


def not_finite(shown: object) -> str:
    """The one sentence for a number that is infinite or not a number (as written)."""
    return f"{shown} is not a finite number"


_EXPONENT = re.compile(r"\d[eE][-+]?\d")


def refuse_exponent(text: str, shown: str, example: str) -> None:
    """ValueError if ``text`` writes a number in exponent notation ("10e1" is 100): a clinical
    amount is typed in plain digits, and "10e1 mg" is a slip as often as a number (pharmacist
    review 5b, item 6), so text is refused, never read. A JSON or YAML number keeps its decimal
    reading (the loader's rule, ``yaml_scalars``); this is for amounts written as text.
    ``example`` is the field's own ("45 mL/min" for an eGFR, "72" for an age; fuzz review 12
    #3: every field was given a drug's "10 mg")."""
    if _EXPONENT.search(text):
        raise ValueError(
            f"'{shown}' writes the number in exponent notation; type it in plain digits, "
            f"e.g. '{example}'"
        )


_PROGRAMMERS_NUMBER = re.compile(r"[-+]?0[xob][0-9a-f]", re.IGNORECASE)


def refuse_programmers_number(text: str, shown: str, example: str) -> None:
    """ValueError if ``text`` starts with a hexadecimal, octal or binary number: "0x1E mg" was
    read as 0 and the unit 'x1E mg' (fuzz review 21, D7); the refusal names the whole value."""
    if _PROGRAMMERS_NUMBER.match(text):
        raise ValueError(
            f"'{shown}' is not a number here: hexadecimal, octal and binary numbers (0x, 0o, "
            f"0b) are not read; type it in plain digits, e.g. '{example}'"
        )


def refuse_unusual_digits(text: str, shown: str) -> None:
    """ValueError if ``text`` writes a digit other than 0-9: full-width ``１０`` or Arabic-Indic
    ``١٠`` are read by Python as 10, silently (outside fuzz review 5, R4). A clinician's number
    is typed with 0-9; anything else is pasted from somewhere, and is retyped, not guessed."""
    odd = [ch for ch in text if ch.isdigit() and not ("0" <= ch <= "9")]
    if odd:
        raise ValueError(
            f"'{shown}' writes a number with the digit '{odd[0]}' (U+{ord(odd[0]):04X}); "
            "type numbers with the digits 0-9"
        )


class MagnitudeError(ValueError):
    """A step on an amount left the range of a float: it overflowed, or a nonzero amount
    underflowed towards 0 (``5e-324 mcg`` in mg is 0.0). The amount is refused, never counted."""


_SMALLEST_NORMAL = sys.float_info.min  # below it a float loses digits, then becomes 0.0


@lru_cache(maxsize=4096, typed=True)
def checked_product(*factors: float) -> float:
    """The product of ``factors``, tidied (``tidy``), checked after each step.

    Every factor, every intermediate and the result are finite; when no factor is 0 they are
    nonzero normal floats (a subnormal float has already lost digits on its way to 0.0). A true 0
    factor (an as-needed line with none taken, a rate of 0) gives 0. Raises MagnitudeError
    otherwise; the caller names the field.

    Remembered (the last 4,096 by value and type; a refusal is never remembered): most calls
    convert the tables' own limits (``ParsedQuantity.to``: each plausibility bound of each
    item normalised, ~250,000 calls in the core's tests) and the same few amounts again.
    """
    for factor in factors:
        _finite(factor)
    if any(factor == 0 for factor in factors):
        return 0.0
    result = 1.0
    for factor in factors:
        result = normal(normal(factor) * result)
    return normal(tidy(result))


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise MagnitudeError("the amount is too large to compute with: check the number")
    return value


def normal(value: float) -> float:
    """``value`` if it is finite and a normal float (nonzero, not subnormal)."""
    if abs(_finite(value)) < _SMALLEST_NORMAL:
        raise MagnitudeError(
            "the amount is so small that it becomes 0 in the arithmetic: check the number "
            "and its unit"
        )
    return value


def tidy(value: float) -> float:
    """Drop binary noise from a computed magnitude (12 significant figures).

    ``50 mcg/h`` via mg/day comes back as 49.99999999999999; clinically the digits past the
    twelfth mean nothing, and a person checking the arithmetic by hand should see 50.
    """
    if type(value) is not float:
        return float(f"{value:.12g}")
    if value.is_integer() and -1e12 < value < 1e12:
        return value  # at most 12 digits already: the text round trip gives it back unchanged
    found = _TIDIED.get(value)  # two equal floats that are not whole numbers are the same bits
    if found is None:
        if len(_TIDIED) >= TIDIED_KEPT:
            _TIDIED.clear()
        found = _TIDIED[value] = float(f"{value:.12g}")
    return found


JSON_FIGURES = 10
"""Significant figures of a number in a JSON contract (``check --json``; fuzz re-check 18c, N9):
two fewer than ``tidy``'s twelve, so that the last figure of an amount typed to twelve
(2.08333333333 mg/h for 50 mg/day) does not come back as 99.9999999998 where the text says 100,
and still six more than the text prints: no figure a clinician could act on is lost."""


def json_number(value: float) -> float:
    """``value`` to ``JSON_FIGURES`` significant figures (a whole number as it was)."""
    if value.is_integer() or not math.isfinite(value):
        return value
    return float(f"{value:.{JSON_FIGURES}g}")


TIDIED_KEPT = 4096
"""Tidied values remembered (``tidy``): the text round trip costs ~20 calls' worth of CPU, and a
plan tidies the same few amounts again and again (each set's row, each step's line)."""
_TIDIED: dict[float, float] = {}


ESTIMATE_FIGURES = 3
"""Significant figures of an estimate a clinician reads, not a dose to give: a set's dose before
rounding, a practice answer's accepted range ("28.1 mcg/h", never "28.12": the fourth figure of
a conversion is noise; ui-fix3 #2). Given and rounded doses keep ``format_number``'s four."""


@lru_cache(maxsize=4096, typed=True)
def format_number(value: float, significant: int = 4) -> str:
    """A number for people: up to ``significant`` figures, no trailing zeros, no exponent.

    Remembered (the last 4,096 by value and type): a plan writes ~120 numbers, mostly the same
    strengths, factors and totals again; ``format_number.__wrapped__`` is the computation."""
    if value == 0:
        return "0"
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.{significant}g}"
    if value == int(value) and abs(value) < 10**significant:
        return str(int(value))
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, significant - 1 - magnitude)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


PUMP_DECIMALS = 2
"""Decimal places of a syringe driver's rate shown beside its 24-h amount (clinician review 15
#14: "32.5 mg over 24 h (1.354 mg/h)", three decimals no pump is set to). No reviewed source
gives a precision: two decimals is this program's display rule (docs/gui.md)."""


def pump_rate(value: float) -> float:
    """A rate as a pump is set: ``PUMP_DECIMALS`` decimal places, rounded DOWN (a pump never
    runs above the 24-h amount written: 32.5 mg ÷ 24 h = 1.354 → 1.35 mg/h); a rate below 0.1
    keeps two significant figures (0.0125 → 0.012), never 0."""
    if value <= 0 or not math.isfinite(value):
        return value
    factor = 10 ** _pump_decimals(value)
    # rounded to 6 places first: 0.29 × 100 is 28.999999999999996 in binary
    return math.floor(round(value * factor, 6)) / factor


def pump_step(value: float) -> float:
    """The smallest change of a rate as a pump is set (``pump_rate``'s last decimal): 0.01 for
    1.67 mg/h, 0.001 for 0.0125. The one precision of a written rate: the planner rounds down
    to it, and the check never reads a rate a whole step beyond the range's bound as that bound
    written to fewer decimals (``check_pump_rate``; pharmacist review 18d, L1; fuzz re-check
    19b, D2)."""
    if value <= 0 or not math.isfinite(value):
        return 10.0**-PUMP_DECIMALS
    return 10.0 ** -_pump_decimals(value)


def written_step(value: float) -> float:
    """One step of the last decimal a number is written to, read from its shortest form (what
    the document held, less trailing zeros): 0.01 for 133.34, 1e-06 for 0.166667, 1 for 134.
    The check's rounding note says how many decimals a rate is written with from it
    (``check_pump_rate``)."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    exponent = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number's
    return 10.0 ** min(exponent, 0)


def _pump_decimals(value: float) -> int:
    """``PUMP_DECIMALS``, more below 0.1 (two significant figures: 0.0125 → 3)."""
    return max(PUMP_DECIMALS, 1 - math.floor(math.log10(value)))


def format_estimate(value: float) -> str:
    """An amount before rounding to strengths, as a clinician reads it: ``ESTIMATE_FIGURES``
    figures ("8.44", never "8.438"). The one rule of every target before rounding: the plan's
    target and each set's row (``presentation.wording.estimate_text``), and a methadone method's
    amounts (its band's quotient, the amount after its reduction, the dose before rounding;
    clinician review 16 #12)."""
    return format_number(value, ESTIMATE_FIGURES)


def format_estimate_span(low: float, high: float) -> str:
    """``format_estimate`` of a range's two ends: ``4.5–8.44``."""
    return format_span(format_estimate(low), format_estimate(high))


def not_as_printed(value: float, other: float) -> str:
    """' (not N)' beside ``value`` where ``other`` reads differently as printed, else '': a
    comment that repeats the number it qualifies reads as a contradiction (fuzz review 13, #2:
    '= 60 mg/day OME (not 60)'). The one rule of every "(not N)" comment."""
    shown = format_number(other)
    return "" if shown == format_number(value) else f" (not {shown})"


def format_beside(value: float, bound: float, significant: int = 4) -> str:
    """``value`` as shown beside a bound it crossed, in the bound's unit: ``format_number``'s
    figures, more where those would read as the bound itself, up to the 17 that tell any two
    floats apart. The one rule of every "X is above/below bound" message (fuzz review 12, #2:
    "0.2 kg is below 0.2 kg", "200 mL/min is above 200 mL/min")."""
    for figures in range(significant, 18):
        shown = format_number(value, figures)
        if shown != format_number(bound, figures):
            return shown
    return format_number(value, 17)


def percent_figure(percent: float) -> str:
    """A percentage to one decimal (``44.4444`` → ``44.4``), the one rule of every percentage
    shown (docs/gui.md, Wording); a non-zero figure that would round to 0 reads ``<0.1``, never
    a bare ``0`` (clinician review 5, #10: "29.63%", "17.59–44.07%")."""
    shown = round(percent, 1)
    if shown == 0 and percent != 0:
        return "<0.1" if percent > 0 else "-<0.1"
    return format_number(shown + 0.0, 15)


def format_percent(fraction: float) -> str:
    """A fraction as a percentage to one decimal: ``0.2963`` → ``29.6%``."""
    return f"{percent_figure(fraction * 100)}%"


def format_percent_span(low: float, high: float) -> str:
    """Two fractions as a percentage range to one decimal: ``17.6–44.1%`` (one figure when the
    ends read the same)."""
    return format_span(percent_figure(low * 100), percent_figure(high * 100), "%")


def format_span(low: str, high: str, unit: str = "") -> str:
    """A range as people write it, from its two ends as shown: ``36–50 mcg/h``; one value when
    both ends read the same (``37.5 mcg/h``, ``0%``), never a range with equal ends (clinician
    review 3: "37.5–37.5 mcg/h", "0–0%"). A ``%`` unit is written without a space."""
    shown = low if low == high else f"{low}–{high}"
    if not unit:
        return shown
    return f"{shown}{unit}" if unit.startswith("%") else f"{shown} {unit}"


def format_number_span(low: float, high: float, unit: str = "", significant: int = 4) -> str:
    """``format_span`` of two numbers, each shown by ``format_number``."""
    return format_span(format_number(low, significant), format_number(high, significant), unit)


_MICROGRAMS_PER_MG = 1000


def dose_text(value: float, unit: str) -> str:
    """A dose as printed: below 1 mg in micrograms, written out ("325 micrograms", never
    "0.325 mg" or "0.3 mg", where a decimal point can be missed tenfold), else ``format_number``
    and its unit. One rule for every dose a plan, a schedule, an order line or the converter
    prints (clinician review 18 #9: the converter's "alfentanil sc 0.325 mg"); the arithmetic
    of the steps keeps the unit it computes in. A display rule of this program: writing doses
    below 1 mg in micrograms is common prescribing practice, but no reviewed source gives it."""
    written, written_unit = written_dose(value, unit)
    if written_unit != unit:
        return f"{format_number(written)} micrograms"
    return f"{format_number(value)} {unit}"


def dose_span_text(low: float, high: float, unit: str = "mg", significant: int = 4) -> str:
    """A range of doses by ``dose_text``'s rule, in one unit: micrograms when its low end is
    below 1 mg ("60–100 micrograms"), else ``format_number_span`` and its unit ("5–8.33 mg")."""
    if written_dose(low, unit)[1] == unit:
        return format_number_span(low, high, unit, significant)
    low_mcg, high_mcg = (round(v * _MICROGRAMS_PER_MG, 6) for v in (low, high))
    return format_number_span(low_mcg, high_mcg, "micrograms", significant)


def written_dose(value: float, unit: str) -> tuple[float, str]:
    """The amount and unit a dose is written in: below 1 mg in mcg (0.65 mg → 650 mcg), else
    as given. The one rule ``dose_text`` prints by, and Apply writes a regimen row by (clinician
    review 19, M6: the plan said "650 micrograms", the applied row "0.65 mg")."""
    if unit == "mg" and 0 < value < 1:
        return round(value * _MICROGRAMS_PER_MG, 6), "mcg"
    return value, unit
