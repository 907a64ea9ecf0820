"""Issue #8 class 2, data lint: each ratio the sets' factors imply lies within the cited range.

For every equianalgesic or risk set and every drug with rows for two routes joined by a cited
route ratio (oral ↔ SC/IV, SC/IV ↔ patch, oral ↔ rectal), the ratio implied by the set's two
factors (``factor_to ÷ factor_from`` per mg/day) must lie within the cited range, or the pair must
be listed in ``rotation.route_ratio_flags`` with its reason. A drug with oral and parenteral rows
but no cited ratio must be flagged too. A flag that is not (or no longer) needed fails as well.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from mps_pain.domain.rotation.route_ratios import conversion
from mps_pain.tables.loader import get_tables
from mps_pain.units import scale

TABLES = get_tables()
RULES = TABLES.tables.rotation
assert RULES is not None
PAIRS = [
    ("oral", "sc"),
    ("oral", "iv"),
    ("oral", "rectal"),
    ("sc", "transdermal"),
    ("iv", "transdermal"),
]
REL = 1e-3


def _per_mg_day() -> dict[tuple[str, str, str], float]:
    """(set, drug, route) → OME per mg/day, from every unbanded row."""
    found = {}
    for set_ in TABLES.tables.reference_sets:
        for row in set_.factors:
            if row.band is not None:
                continue
            for route in row.routes:
                found[(set_.id, row.drug, route)] = row.factor * scale("mg/day", row.per)
    return found


def _cases() -> list[tuple[str, str, str, str, str]]:
    """(set, drug, from, to, problem) for every pair outside its range or without a ratio."""
    factors = _per_mg_day()
    problems = []
    for (set_id, drug, route), (start, end) in itertools.product(
        {(s, d, r) for s, d, r in factors}, PAIRS
    ):
        if route != start or (set_id, drug, end) not in factors:
            continue
        implied = factors[(set_id, drug, end)] / factors[(set_id, drug, start)]
        path = conversion(RULES, (drug, start), (drug, end))
        if path is None:
            if start == "oral" and end in ("sc", "iv"):
                problems.append(
                    (set_id, drug, start, end, f"no cited ratio (implied {implied:.3g})")
                )
            continue
        if not path.low * (1 - REL) <= implied <= path.high * (1 + REL):
            problems.append(
                (
                    set_id,
                    drug,
                    start,
                    end,
                    f"implied {implied:.3g} outside {path.low:.3g}–{path.high:.3g}",
                )
            )
    return sorted(problems)


def test_every_ratio_a_set_implies_lies_within_the_cited_range_or_is_flagged() -> None:
    flagged = {(f.set, f.drug, frozenset(f.routes)) for f in RULES.route_ratio_flags}
    unflagged = [
        case for case in _cases() if (case[0], case[1], frozenset(case[2:4])) not in flagged
    ]
    assert unflagged == []


def test_every_flag_is_a_real_case() -> None:
    real = {(c[0], c[1], frozenset(c[2:4])) for c in _cases()}
    stale = [f for f in RULES.route_ratio_flags if (f.set, f.drug, frozenset(f.routes)) not in real]
    assert stale == []


def test_the_issue_examples_are_now_within_or_flagged() -> None:
    """uk-palliative oxycodone (1.33:1) lies within the cited 1.33–2:1; fpm-2021 fentanyl
    IV:patch (0.625) lies outside 0.67–1 and is flagged; every set's morphine oral:IV is within
    2–3:1."""
    cases = {(c[0], c[1], c[2], c[3]) for c in _cases()}
    assert ("uk-palliative", "oxycodone", "oral", "sc") not in cases
    assert ("fpm-2021", "fentanyl", "iv", "transdermal") in cases
    assert not any(c[1] == "morphine" for c in cases)


@pytest.mark.parametrize(("low", "high"), [(r.low.ratio, r.high.ratio) for r in RULES.route_ratios])
def test_each_cited_range_is_ordered_and_positive(low: float, high: float) -> None:
    assert 0 < low <= high


def test_every_sets_own_ratio_names_an_equianalgesic_set_with_both_routes() -> None:
    """A set's own route ratio (pharmacist review 3, #4) is used only under that set: it must
    name an equianalgesic set that has rows for the drug by both sides of the pair."""
    factors = _per_mg_day()
    purposes = {s.id: s.purpose for s in TABLES.tables.reference_sets}
    for row in RULES.route_ratios:
        for own in row.set_ratios:
            assert purposes.get(own.set) == "equianalgesic", (row.id, own.set)
            routes = own.routes or row.to.routes
            assert any((own.set, row.from_.drug, r) in factors for r in row.from_.routes), row.id
            assert any((own.set, row.to.drug, r) in factors for r in routes), (row.id, own.set)


def test_a_risk_set_given_its_own_route_ratio_is_refused() -> None:
    import yaml

    from mps_pain.errors import TableValidationError
    from mps_pain.tables.loader import load_tables_text

    path = Path(__file__).resolve().parents[2] / "data" / "conversion_tables.yaml"
    # libyaml's safe loader and dumper (the loader the tables use): the pure-Python ones took
    # most of this test's CPU (perf-engine, #11)
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    row = next(r for r in document["rotation"]["route_ratios"] if r.get("set_ratios"))
    row["set_ratios"][0]["set"] = "cdc-2022"
    text = yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True).encode()
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(text, origin="mutated.yaml")
    assert caught.value.location == f"rotation.route_ratios[{row['id']}].set_ratios"
