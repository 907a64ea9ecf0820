"""A UCUM code read as UCUM writes it, for the units a medication or patient field can carry.

The grammar is UCUM's own, parsed by ``ucumvert`` (its Lark grammar of the UCUM specification,
§2-§7); what is read here is the parse tree, and its result is handed to the program's one pint
registry (``mps_pain.units``) as a number and a pint unit: ``mg/(24.h)`` is 1/24 of a
``milligram/(hour)``. ``ucumvert``'s own pint registry is not used: the program keeps one.

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

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from lark import Lark, Token, Tree
from lark.exceptions import LarkError
from ucumvert.parser import get_ucum_parser, parse_ucum

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


def _not_ucum(code: str) -> UcumError:
    return UcumError(f"“{code}” is not a UCUM code")


#: the longest unit code read: a clinical unit is a few characters (``mg/(24.h)``); thousands of
#: nested brackets or factors overflowed the parser's recursion (fuzz re-check 19b, exit 3)
MAX_CODE_CHARS = 40


def read_ucum(code: str) -> ReadUcum:
    """``code`` read by the UCUM grammar; ``UcumError`` if it is not UCUM we read, or reads
    as no finite, non-zero factor (``10*400``, ``10*-400``: fuzz re-check 19b, exit 3)."""
    if not code or code != code.strip() or len(code) > MAX_CODE_CHARS:
        raise _not_ucum(code)
    try:
        tree = parse_ucum(code, parser=_parser())
        term = _read(tree, code)
    except (LarkError, ArithmeticError) as exc:  # OverflowError, ZeroDivisionError
        raise _not_ucum(code) from exc
    factor = term.factor
    if not math.isfinite(factor) or factor == 0:
        raise _not_ucum(code)
    powers: Counter[str] = Counter()
    for name, power in term.powers.items():
        kept, scale = REBASED.get(name, (name, 1.0))
        powers[kept] += power
        factor *= scale**power
    return ReadUcum(factor, _pint_text(powers))


@cache
def _parser() -> Lark:
    """UCUM's grammar, built once, when a FHIR unit is first read (not at start-up)."""
    return get_ucum_parser()


def _read(node: Tree[Token] | Token, code: str) -> _Term:
    """One node of the parse tree as a factor and the powers of pint units."""
    if isinstance(node, Token):  # an annotation alone: the unity
        return _Term(1.0, Counter())
    kids = node.children
    if node.data == "main_term":  # [DIVIDE] term
        term = _read(kids[-1], code)
        return _Term(1.0, Counter()).times(term, -1) if len(kids) == 2 else term
    if node.data == "term":  # term OPERATOR component
        left, operator, right = kids
        return _read(left, code).times(_read(right, code), -1 if operator == "/" else 1)
    if node.data == "component":  # annotatable ANNOTATION: the annotation is dropped
        return _read(kids[0], code)
    if node.data == "annotatable":  # simple_unit EXPONENT
        unit, exponent = kids
        return _powered(_read(unit, code), int(str(exponent)))
    if node.data == "simple_unit":
        return _simple(kids, code)
    raise _not_ucum(code)  # a node the grammar does not make


def _powered(term: _Term, power: int) -> _Term:
    """A component raised: ``10*-3`` is 10⁻³, ``h-1`` is per hour."""
    return _Term(term.factor**power, Counter({n: p * power for n, p in term.powers.items()}))


def _simple(tokens: list[Token | Tree[Token]], code: str) -> _Term:
    """A factor, ``10*`` / ``10^`` (ten, until raised), or a unit with an optional prefix."""
    text = "".join(str(t) for t in tokens)
    if tokens[0].type == "FACTOR":  # type: ignore[union-attr]
        return _Term(float(text), Counter())
    if text in ("10*", "10^"):
        return _Term(10.0, Counter())
    return _Term(1.0, Counter({_atom(text, code): 1}))


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
