"""A UCUM code read as UCUM writes it, for the units a medication or patient field can carry.

No maintained Python UCUM library was found (the UCUM reference implementations are Java,
JavaScript and .NET), so the grammar of the UCUM specification (§2-§7) is read here, small, and
its result is handed to the program's one pint registry (``mps_pain.units``) as a number and a
pint unit: ``mg/(24.h)`` is 1/24 of a ``milligram/(hour)``.

- A term is components joined by ``.`` (times) and ``/`` (divided by), read left to right with
  one precedence: ``ug/24.h`` is (µg/24)·h, a mass times a time, and ``ug/60.min`` likewise
  (UCUM writes a rate per 24 hours ``/(24.h)``); a leading ``/`` is a reciprocal.
- A component is a bracketed term, a positive integer factor (``24``), a power of ten
  (``10*-3``, ``10^3``), an annotation alone (``{tablet}``: 1), or a unit with an optional
  exponent (``h-1``, ``m2``) and annotation (``mg{tablet}``: the annotation is dropped).
- A unit is an atom (``ATOMS``), or a metric atom after one prefix (``PREFIXES``): ``ug``,
  ``dL``, ``kg``. UCUM is case-sensitive: ``H`` or ``UG`` is no unit here.

Atoms are the ones a dose, rate, strength, body measure or laboratory value of the import can
be written in; another atom (``[iU]``, ``mo``) is not UCUM *we read* (``UcumError``), and the
caller refuses it or reads it by its older path (``fhir.quantities``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "ATOMS",
    "PREFIXES",
    "REBASED",
    "ReadUcum",
    "UcumError",
    "left_to_right_note",
    "read_ucum",
]

#: UCUM atom → (pint name, metric: takes a prefix)
ATOMS: dict[str, tuple[str, bool]] = {
    "g": ("gram", True),
    "L": ("liter", True),
    "l": ("liter", True),
    "m": ("meter", True),
    "s": ("second", True),
    "mol": ("mole", True),
    "min": ("minute", False),
    "h": ("hour", False),
    "d": ("day", False),
    "wk": ("week", False),
}

#: UCUM prefix → pint prefix (the ones of clinical units; ``da`` before ``d``)
PREFIXES: dict[str, str] = {
    "k": "kilo",
    "da": "deca",
    "d": "deci",
    "c": "centi",
    "m": "milli",
    "u": "micro",
    "n": "nano",
    "p": "pico",
}

#: units the regimen keeps none of (``unit_kinds``), as the nearest it keeps times a factor:
#: 25000 ng/h is read as 25 mcg/h, 4.2 mg/wk as 0.6 mg/day
REBASED: dict[str, tuple[str, float]] = {
    "nanogram": ("microgram", 1e-3),
    "picogram": ("microgram", 1e-6),
    "week": ("day", 7.0),
}

_ANNOTATION = re.compile(r"\{[^{}]*\}")
_TEN = re.compile(r"10[*^]([+-]?[0-9]+)")
_UNIT = re.compile(r"([A-Za-z]+)([+-]?[0-9]+)?")


class UcumError(ValueError):
    """Not a UCUM code this reads (the message says what in it)."""


@dataclass(frozen=True)
class ReadUcum:
    """A UCUM code as ``factor`` times the pint ``unit`` (``"milligram/(hour)"``)."""

    factor: float
    unit: str


@dataclass
class _Term:
    factor: float
    powers: Counter[str]

    def times(self, other: _Term, sign: int) -> _Term:
        powers = Counter(self.powers)
        for name, power in other.powers.items():
            powers[name] += sign * power
        return _Term(self.factor * other.factor**sign, powers)


def read_ucum(code: str) -> ReadUcum:
    """``code`` read by the UCUM grammar; ``UcumError`` if it is not UCUM we read."""
    text = _ANNOTATION.sub(_blank, code)
    if not text or text != text.strip():
        raise UcumError(f"“{code}” is not a UCUM code")
    term, end = _term(text, 0, code)
    if end != len(text):
        raise UcumError(f"“{code}” has “{code[end:]}” after its unit")
    factor = term.factor
    powers: Counter[str] = Counter()
    for name, power in term.powers.items():
        kept, scale = REBASED.get(name, (name, 1.0))
        powers[kept] += power
        factor *= scale**power
    return ReadUcum(factor, _pint_text(powers))


_PER_FACTOR = re.compile(r"/([0-9]+\.[^./(){}]+)")


def left_to_right_note(code: str) -> str:
    """For a code such as ``ug/60.min``, which UCUM reads as (µg/60)·min: how UCUM reads it and
    how a rate per 60 minutes is written (``ug/(60.min)``); else nothing."""
    found = _PER_FACTOR.search(code)
    if found is None:
        return ""
    meant = f"{code[: found.start()]}/({found[1]}){code[found.end() :]}"
    return (
        f"; UCUM reads “{code}” left to right, dividing by {found[1].split('.')[0]} and then "
        f"multiplying by {found[1].split('.', 1)[1]}: a rate per {found[1].replace('.', ' ')} is "
        f"written “{meant}”"
    )


def _blank(annotation: re.Match[str]) -> str:
    """An annotation keeps its place as "{}" (alone it is the unity; after a unit, nothing)."""
    return "{}"


def _term(text: str, at: int, code: str) -> tuple[_Term, int]:
    sign = 1
    if text.startswith("/", at):
        term, sign, at = _Term(1.0, Counter()), -1, at + 1
    else:
        term = _Term(1.0, Counter())
    while True:
        component, at = _component(text, at, code)
        term = term.times(component, sign)
        if at < len(text) and text[at] in "./":
            sign = 1 if text[at] == "." else -1
            at += 1
            continue
        return term, at


def _component(text: str, at: int, code: str) -> tuple[_Term, int]:
    if text.startswith("(", at):
        inner, end = _term(text, at + 1, code)
        if not text.startswith(")", end):
            raise UcumError(f"“{code}” opens a bracket it does not close")
        return inner, end + 1
    if text.startswith("{}", at):
        return _Term(1.0, Counter()), at + 2
    ten = _TEN.match(text, at)
    if ten:
        return _Term(10.0 ** int(ten[1]), Counter()), _annotated(text, ten.end())
    factor = re.compile(r"[0-9]+").match(text, at)
    if factor:
        return _Term(float(factor[0]), Counter()), _annotated(text, factor.end())
    unit = _UNIT.match(text, at)
    if not unit:
        raise UcumError(f"“{code}” has no unit where one is expected")
    power = int(unit[2] or 1)
    return _Term(1.0, Counter({_atom(unit[1], code): power})), _annotated(text, unit.end())


def _annotated(text: str, at: int) -> int:
    return at + 2 if text.startswith("{}", at) else at


def _atom(symbol: str, code: str) -> str:
    """The pint name of a UCUM unit symbol: an atom, or a prefix and a metric atom."""
    if symbol in ATOMS:
        return ATOMS[symbol][0]
    for prefix, name in PREFIXES.items():
        rest = symbol.removeprefix(prefix)
        if rest != symbol and rest in ATOMS and ATOMS[rest][1]:
            return name + ATOMS[rest][0]
    raise UcumError(f"“{symbol}” in “{code}” is not a UCUM unit we read")


def _pint_text(powers: Counter[str]) -> str:
    """The pint spelling of a product of powers, as ``fhir.quantities`` writes one."""
    top = [name for name, power in sorted(powers.items()) for _ in range(max(power, 0))]
    bottom = [name for name, power in sorted(powers.items()) for _ in range(max(-power, 0))]
    above = "*".join(top) or "1"
    return above + (f"/({'*'.join(bottom)})" if bottom else "")
