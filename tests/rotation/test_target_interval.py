"""A target frequency must fit the form (outside fuzz review, 2 December).

``rotate`` planned IR hydromorphone 8 mg q168h (a 94.6% effective reduction, only a caution). The
accepted regular intervals per oral form family are cited data (data/form_inference.yaml,
``intervals``); one function, ``check_interval``, refuses the rest, naming ``to.frequency``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.form_inference import check_interval, interval_rules
from mps_pain.domain.frequency import parse_frequency
from mps_pain.errors import InputError
from mps_pain.tables.index import TableIndex
from mps_pain_cli.main import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_ir_weekly_is_refused_naming_to_frequency(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rotate", str(FIXTURES / "rotate_ir_weekly.json")]) == 2
    err = capsys.readouterr().err
    assert "to.frequency" in err
    assert "every 4–6 h" in err and "q168h" in err


def _rotate(tmp_path: Path, to: dict[str, Any]) -> int:
    document = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": to,
        "table": "fpm-2021",
    }
    path = tmp_path / "rotate.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return main(["rotate", str(path), "--json"])


@pytest.mark.parametrize(
    ("form", "frequency", "accepted"),
    [
        ("IR", "q4h", True),
        ("IR", "q6h", True),
        ("IR", "q12h", False),
        ("IR", "every 168 h", False),
        ("ER", "q12h", True),
        ("ER", "q24h", True),
        ("ER", "q4h", False),
        ("ER", "q8h", False),
    ],
)
def test_the_planner_accepts_only_the_cited_intervals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str, frequency: str, accepted: bool
) -> None:
    to = {"drug": "oxycodone", "route": "oral", "form": form, "frequency": frequency}
    code = _rotate(tmp_path, to)
    err = capsys.readouterr().err
    assert (code == 0) is accepted, err
    if not accepted:
        assert "to.frequency" in err


def test_every_interval_rule_cites_a_shipped_source(tables: TableIndex) -> None:
    assert {(r.form, r.route) for r in interval_rules()} == {("ir", "oral"), ("er", "oral")}
    for rule in interval_rules():
        for cited in rule.sources:
            assert cited.source in tables.tables.sources
        assert all(0 < low <= high for low, high in rule.accepted_h)


@settings(max_examples=200)
@given(hours=st.integers(min_value=1, max_value=168))
def test_an_ir_target_is_accepted_exactly_within_4_to_6_hours(
    tables: TableIndex, hours: int
) -> None:
    frequency = parse_frequency(f"every {hours} h")
    if 4 <= hours <= 6:
        check_interval(tables, "hydromorphone", "oral", "ir", frequency)
    else:
        with pytest.raises(InputError) as caught:
            check_interval(tables, "hydromorphone", "oral", "ir", frequency)
        assert caught.value.location == "to.frequency"
