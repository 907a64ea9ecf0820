"""clinical11 task 2: a parenteral line is read by ONE rule each way (``route_factor``).

The lead's finding: ``check`` read a CURRENT SC oxycodone line at × 2 but a TARGET SC oxycodone
at × 3 (uk-palliative), with no word on why, and ``mme`` printed a bare "× 2" where the row cites
2–3. Each way the reading is the one giving the lower new dose (a switch FROM the line: the row's
point, the lower OME; a switch TO it: never more than the oral row then the set's route ratio),
and both readings now come from ``route_factor`` and are said where they are used. SC oxycodone
30 mg/day → SC morphine 30 mg/day stays ABOVE under uk-palliative: by the set's BNF row it is a
1:1 switch between different opioids with no reduction (docs/clinical-review.md, clinical11).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from mps_pain.domain.rotation.target_factor import route_factor
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main
from tests.clinical.test_range_end_never_above import route_ratio_factor

TABLES = get_tables()
OXY_SC = {"drug": "oxycodone", "route": "sc", "rate": "30 mg/day"}


def _parenteral_rows() -> list[tuple[str, str, str, float, tuple[float, float] | None]]:
    return [
        (s.id, f.drug, route, f.factor, (f.range.low, f.range.high) if f.range else None)
        for s in TABLES.tables.reference_sets
        for f in s.factors
        for route in f.routes
        if route not in ("oral", "transdermal") and f.per == "mg/day"
    ]


def test_each_way_the_reading_giving_the_lower_new_dose() -> None:
    """A line read FROM is never worth more than the same line read TO: no round trip through
    the two readings gains a dose, and a current line keeps its row's cited point."""
    rows = _parenteral_rows()
    assert len(rows) > 10
    differing = []
    for set_id, drug, route, row, span in rows:
        start = route_factor(TABLES, set_id, drug, route, row, 60.0, side="from", span=span)
        end = route_factor(TABLES, set_id, drug, route, row, 60.0, side="to", span=span)
        assert start.factor == row and start.reason is None
        assert end.factor >= row
        two_step = route_ratio_factor(set_id, drug, route)
        if two_step is not None:  # review 8, N1: the set's own route ratio decides
            assert math.isclose(end.factor, max(row, two_step), rel_tol=1e-9)
        else:
            assert span is None or end.factor >= span[1]  # review 7, D1: the range's high end
        assert (start.note is None) == (end.reason is None) == (end.factor == row)
        if end.factor != row:
            differing.append((set_id, drug, route))
    assert ("uk-palliative", "oxycodone", "sc") in differing


def test_check_says_how_it_read_the_current_line_and_why() -> None:
    result = check_proposal(
        {
            "from": {"items": [OXY_SC]},
            "proposed": {"items": [{"drug": "morphine", "route": "sc", "rate": "30 mg/day"}]},
            "table": "uk-palliative",
        }
    )
    # 60 mg/day OME against 30–45: an unreduced 1:1 switch (equianalgesic: not reduced, N5)
    assert result.verdict == "not_reduced"
    [note] = [r for r in result.reasons if r.startswith("Current oxycodone sc read at")]
    assert "the row's 2 [BNF palliative" in note and "the lower OME from this line" in note
    assert "as a switch target this set reads oxycodone sc at 3 = oral oxycodone 1.5" in note


def test_check_says_how_it_read_a_proposed_line_by_the_same_rule() -> None:
    result = check_proposal(
        {
            "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "90 mg/day"}]},
            "proposed": {"items": [{"drug": "oxycodone", "route": "sc", "rate": "20 mg/day"}]},
            "table": "uk-palliative",
        }
    )
    assert result.proposed_ome_per_day == 60.0  # 20 × 3, not 20 × 2
    assert result.verdict == "within"
    assert any("read as a target, factor 3 = oral oxycodone 1.5" in r for r in result.reasons)
    assert not any(r.startswith("Current ") and " read at " in r for r in result.reasons)


def test_mme_never_prints_a_bare_point_where_the_row_cites_a_range(
    tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "sc.json"
    path.write_text(json.dumps({"items": [OXY_SC], "table": "uk-palliative"}), encoding="utf-8")
    assert main(["mme", str(path)]) == 0
    text = capsys.readouterr().out
    assert "× 2 (2–3)" in text
    assert "× 2 (cited range 2–3; 2 is the set's point, its low end, the lower OME" in text
    assert main(["mme", str(path), "--json"]) == 0
    [line] = json.loads(capsys.readouterr().out)["items"]
    assert line["factor"] == 2 and line["factor_range"] == [2, 3]
    assert "cited range 2–3" in line["explanation"]
