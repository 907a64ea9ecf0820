"""pint's answers written down for the spellings the program shows (mps_pain/known_units.py,
start-up, issue 10 §7) are pint's answers: each one is compared with what pint itself says, and
every spelling a field accepts, with every pair of them of one dimension, is written down.

pint is asked through the same public functions with the spelling behind a leading space: the
written-down tables hold no such key, and ``units.py`` strips the space before pint reads it."""

from __future__ import annotations

import itertools

from mps_pain.known_units import SCALES, SPELLINGS
from mps_pain.unit_kinds import UnitKind, allowed_units
from mps_pain.units import canonical_unit, dimension_of, resolved_parts, scale


def _by_pint(spelling: str) -> str:
    asked = " " + spelling
    assert asked not in SPELLINGS
    return asked


def _every_allowed_spelling() -> list[str]:
    return sorted({unit for kind in UnitKind for unit in allowed_units(kind)})


def test_each_spelling_resolves_as_pint_resolves_it() -> None:
    wrong = [
        spelling
        for spelling, (top, per, dimension) in SPELLINGS.items()
        if resolved_parts(_by_pint(spelling)) != (top, per)
        or dimension_of(_by_pint(spelling)).name != dimension
        or canonical_unit(_by_pint(spelling)) != spelling
    ]
    assert wrong == []


def test_each_conversion_is_pints_float_exactly() -> None:
    wrong = [
        (pair, known, scale(_by_pint(pair[0]), pair[1]))
        for pair, known in SCALES.items()
        if scale(_by_pint(pair[0]), pair[1]) != known
    ]
    assert wrong == []


def test_every_spelling_a_field_accepts_and_every_pair_of_one_dimension_is_written_down() -> None:
    spellings = _every_allowed_spelling()
    missing = [
        f"{spelling!r}: {resolved_parts(_by_pint(spelling))!r}, "
        f"{dimension_of(_by_pint(spelling)).name!r}"
        for spelling in spellings
        if spelling not in SPELLINGS
    ]
    assert missing == []
    assert sorted(SPELLINGS) == spellings
    pairs = [
        (a, b)
        for a, b in itertools.product(spellings, repeat=2)
        if dimension_of(_by_pint(a)) == dimension_of(_by_pint(b))
    ]
    missing = [
        f"{pair!r}: {scale(_by_pint(pair[0]), pair[1])!r}" for pair in pairs if pair not in SCALES
    ]
    assert missing == []
    assert sorted(SCALES) == sorted(pairs)


def test_the_public_functions_answer_a_written_down_spelling_as_pint_would() -> None:
    for spelling in SPELLINGS:
        assert resolved_parts(spelling) == resolved_parts(_by_pint(spelling))
        assert dimension_of(spelling) == dimension_of(_by_pint(spelling))
        assert canonical_unit(spelling) == spelling
    for (a, b), known in SCALES.items():
        assert scale(a, b) == known
