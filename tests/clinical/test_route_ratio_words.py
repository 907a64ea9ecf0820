"""Pharmacist review 5, D9: the printed route ratio disagreed with the set's own table row.
a04 (jspm-2010, oral → SC morphine) said "JSPM table's own 3:1" while JSPM's row is 2–3:1 (the
plan uses its end giving the lower new dose); a17 (jspm-2010, oral → rectal morphine) said "states
no ratio of its own" while the ratio 1.5:1 is JSPM's own row. The sentence is now made from the
row the arithmetic uses, and a set whose own source gives both routes' rows and an end of the
cited ratio states that ratio as its own (``set_ratios``).

Over every set, every route-ratio row and every route pair of it, both ways: the ratio printed
as used is the one divided by; a set's own ratio is printed as the row states it (a range as a
range, with the end used); "states no ratio of its own" only where the set's own source gives
no end of the row for both routes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.route_ratios import RouteConversion, conversion
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number
from tests.clinical.helpers import run_json

TABLES = get_tables()
RULES = rotation_rules(TABLES)


def _sources(set_id: str, drug: str, route: str) -> set[str]:
    return {
        f.citation.source
        for f in TABLES.sets[set_id].factors
        if f.drug == drug and route in f.routes
    }


def _pairs() -> Iterator[tuple[str, RouteConversion]]:
    for set_id in TABLES.sets:
        for row in RULES.route_ratios:
            for a in row.from_.routes:
                for b in row.to.routes:
                    start, end = (row.from_.drug, a), (row.to.drug, b)
                    if start == end:
                        continue
                    for there in (conversion(RULES, start, end), conversion(RULES, end, start)):
                        direct = there is not None and len(there.steps) == 1
                        if direct and there.steps[0].row.id == row.id:
                            yield set_id, there


PAIRS = list({(s, r.source, r.target): (s, r) for s, r in _pairs()}.values())


def test_there_are_pairs() -> None:
    assert len(PAIRS) > 50


@pytest.mark.parametrize(
    ("set_id", "ratio"), PAIRS, ids=[f"{s}:{r.source}->{r.target}" for s, r in PAIRS]
)
def test_the_printed_ratio_is_the_rows(set_id: str, ratio: RouteConversion) -> None:
    step = ratio.steps[0]
    row = step.row
    text = ratio.text(TABLES, set_id)
    # said as the row states it: a row read backwards (parenteral → oral) is multiplied by
    # its own ratio ("× oral:sc 2:1"), not divided by the inverse ("÷ 0.5:1"; wording item 1)
    shown = 1 / ratio.used(set_id) if ratio.backwards else ratio.used(set_id)
    label = f"{ratio.target[1]}:{ratio.source[1]} " if ratio.backwards else ""
    assert text.startswith(f"{label}{format_number(shown, 3)}:1"), (set_id, row.id, text)
    sign = "×" if ratio.backwards else "÷"
    assert ratio.applied(TABLES, set_id).startswith(f"{sign} {label}"), (set_id, row.id)
    if ratio.backwards:  # the cited range as the row states it
        lo, hi = format_number(row.low.ratio, 3), format_number(row.high.ratio, 3)
        cited = f"ratio {lo}:1" if lo == hi else f"ratio {lo}–{hi}:1"
        assert f"{label}{cited} ({row.id})" in text and "(reversed)" not in text, text
    own = step.own(set_id)
    (a_drug, a_route), (b_drug, b_route) = step.start, step.end
    ends = {row.low.citation.source, row.high.citation.source}
    shared = _sources(set_id, a_drug, a_route) & _sources(set_id, b_drug, b_route) & ends
    if own is None:
        # the set's own source gives no end of the row for both routes
        assert not shared, (set_id, row.id, step.start, step.end, shared, text)
        assert "states no ratio of its own" in text or "conservative end" in text
        return
    low, high = own.ends
    if step.reverse and not ratio.backwards:
        low, high = 1 / high, 1 / low
    if low == high:
        assert f"own {format_number(low, 3)}:1" in text, (set_id, row.id, text)
    else:
        span = f"own {format_number(low, 3)}–{format_number(high, 3)}:1"
        assert span in text and "its end giving the lower new dose" in text, (set_id, text)
    assert "states no ratio of its own" not in text


def _step_two(case: dict, tmp_path, capsys) -> str:
    plan = run_json("rotate", case, tmp_path, capsys)
    return next(s for s in plan["steps"] if s.startswith("2."))


def test_a04_says_jspm_s_own_range(tmp_path, capsys) -> None:
    case = {
        "from": {
            "items": [
                {"drug": "morphine", "route": "oral", "form": "ER"}
                | {"dose": "30 mg", "frequency": "q12h"}
            ]
        },
        "to": {"drug": "morphine", "route": "sc", "continuous": True},
        "table": "jspm-2010",
    }
    step = _step_two(case, tmp_path, capsys)
    assert "own 2–3:1" in step and "own 3:1" not in step, step


def test_a17_says_jspm_s_own_rectal_ratio(tmp_path, capsys) -> None:
    case = {
        "from": {
            "items": [
                {"drug": "morphine", "route": "oral", "form": "ER"}
                | {"dose": "30 mg", "frequency": "q12h"}
            ]
        },
        "to": {"drug": "morphine", "route": "rectal", "frequency": "q8h"},
        "table": "jspm-2010",
    }
    step = _step_two(case, tmp_path, capsys)
    assert "states no ratio of its own" not in step and "own 1.5:1" in step, step
