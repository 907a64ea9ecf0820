"""Sanity bounds on conversion factors, checked at load: a typo must not load silently.

These are not clinical values (those are the rows, each cited); they are guards against a slip
in the file, such as an oxycodone factor ten times too large or a stray exponent. Each factor
is put on one scale first, mg of oral morphine per mg of the drug (a factor per mcg/h of a patch
is multiplied by the mcg/h in one mg/day), and then:

- by route: swallowed or rectal (ratios to oral morphine) within ORAL_RATIO; any other route
  (injections, patches, transmucosal) within OTHER_RATIO;
- across sets: rows for the same drug, route and forms (outside dose bands) agree within a
  factor of CROSS_SET_SPREAD, so one set's tenfold slip stands out against the others.
"""

from __future__ import annotations

from collections import defaultdict

from mps_pain.errors import TableValidationError
from mps_pain.numbers import format_number_span
from mps_pain.tables.schema import ConversionTables, Factor
from mps_pain.units import format_number, scale

__all__ = ["CROSS_SET_SPREAD", "ORAL_RATIO", "OTHER_RATIO", "check_factor_bounds"]

ORAL_RATIO = (0.05, 50.0)
OTHER_RATIO = (0.05, 1000.0)
CROSS_SET_SPREAD = 4.0
_SWALLOWED = frozenset({"oral", "rectal"})


def per_mg(factor: Factor) -> float:
    """mg of oral morphine per mg of the drug: the factor on one scale whatever its ``per``."""
    return factor.factor * scale("mg/day", factor.per)


def check_factor_bounds(tables: ConversionTables) -> None:
    """Raise TableValidationError naming the row of the first factor out of its bounds."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[tuple[str, float]]] = defaultdict(list)
    for set_ in tables.reference_sets:
        for i, factor in enumerate(set_.factors):
            where = f"reference_sets[{set_.id}].factors[{i}].factor"
            ratio = per_mg(factor)
            for route in factor.routes:
                low, high = ORAL_RATIO if route in _SWALLOWED else OTHER_RATIO
                if not low <= ratio <= high:
                    raise TableValidationError(
                        f"{factor.drug} ({route}) factor {format_number(factor.factor)} per "
                        f"{factor.per} is {format_number(ratio)} mg morphine per mg, outside "
                        f"the sanity bounds {format_number_span(low, high)} for "
                        "this route: a slip in the file?",
                        location=where,
                    )
                if factor.band is None:
                    groups[(factor.drug, route, tuple(factor.forms or ()))].append((where, ratio))
    for (drug, route_id, _), rows in groups.items():
        _check_agreement(drug, route_id, rows)


def _check_agreement(drug: str, route: str, rows: list[tuple[str, float]]) -> None:
    ratios = sorted(ratio for _, ratio in rows)
    median = ratios[len(ratios) // 2]
    for where, ratio in rows:
        if max(ratio / median, median / ratio) > CROSS_SET_SPREAD:
            raise TableValidationError(
                f"{drug} ({route}) is {format_number(ratio)} mg morphine per mg here but "
                f"{format_number(median)} in the other sets (more than {CROSS_SET_SPREAD:g}× "
                "apart): a slip in the file?",
                location=where,
            )
