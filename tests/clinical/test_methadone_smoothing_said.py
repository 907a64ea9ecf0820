"""Clinician review 15, #7: at 90 mg/day OME "MSD Manual / Quill dose bands gives 3 mg/day", its
4:1 band's 22.5 mg/day "held down at 12.38 mg/day … Just below a band edge". The 12.38 is this
program's own smoothing (the 8:1 band's value at its lower edge, 99 ÷ 8), and it holds the dose
down over the whole upper half of the 4:1 band (from 49.5 mg/day OME, where 49.5 ÷ 4 = 12.38),
not just below the edge; the headline gave MSD a figure its table does not give (22.5 × 0.25 =
5.625 mg/day).

The numbers are unchanged (the reference gives MSD's bands and its 75–90% reduction; the
smoothing is the program's documented rule, docs/clinical-review.md). The words now say what
happens, for every method and OME where the hold applies: this program's smoothing across the
band edge, from which OME it holds, and the method's own unsmoothed figure beside it."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.rotation.methadone import method_value
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.units import format_number
from tests.cli_runner import cli_text

TABLES = get_tables()
METHADONE = TABLES.tables.rotation.methadone
MISLEADING = ("Just below a band edge", "near a band edge")


def _document(ome: float, method: str) -> dict[str, Any]:
    # oral morphine: 1 mg/day is 1 mg/day OME under every set
    return {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": f"{ome:g} mg/day"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": method,
        "table": "uk-palliative",
    }


def _held(method_id: str) -> list[float]:
    """Every whole OME (10–700 mg/day) where the method's own band is held down."""
    method = next(m for m in METHADONE.methods if m.id == method_id)
    return [
        float(ome) for ome in range(10, 701) if method_value(METHADONE, method, float(ome)).held
    ]


def test_the_reviewed_plan_says_the_smoothing_and_msds_own_figure() -> None:
    document = {
        "from": {"items": [{"drug": "oxycodone", "route": "oral", "form": "er", "dose": "30 mg",
                            "frequency": "q12h"}]},
        "to": {"drug": "methadone", "route": "oral"},
        "methadone_method": "msd-quill",
        "table": "uk-palliative",
    }  # fmt: skip
    text = cli_text("rotate", document)
    for words in MISLEADING:
        assert words not in text, words
    plan = plan_rotation(document, tables=TABLES)
    assert plan.rounded_daily_dose is not None and plan.rounded_daily_dose.value == 3  # unchanged
    far = next(w.message for w in plan.warnings if w.code == "methadone-method-far-below")
    assert far.startswith("MSD Manual / Quill dose bands with this program's smoothing gives"), far
    assert "MSD Manual / Quill dose bands' own band, unsmoothed: 22.5 mg/day" in far, far
    assert "5.62 mg/day after its 75% reduction" in far, far  # an estimate: 3 figures (#12)
    edge = next(w.message for w in plan.warnings if w.code == "methadone-band-edge")
    assert "this program's smoothing across a band edge" in edge, edge
    assert "from 49.5 mg/day OME" in edge, edge  # the whole upper half of the 4:1 band
    row = next(r for r in plan_view(plan).methadone if r.method == "msd-quill")
    assert row.flags == "[smoothed by this program]", row.flags


@pytest.mark.parametrize("method_id", ["msd-quill", "ccdhb"])
def test_wherever_a_band_is_held_the_words_say_the_programs_smoothing(method_id: str) -> None:
    held = _held(method_id)
    assert held, method_id
    method = next(m for m in METHADONE.methods if m.id == method_id)
    for ome in held[:: max(1, len(held) // 12)]:
        value = method_value(METHADONE, method, ome)
        assert value.band_value_mg is not None and value.held_from is not None
        said = value.explanation
        assert "this program's smoothing" in said, (ome, said)
        assert f"from {format_number(value.held_from)} mg/day OME" in said, (ome, said)
        assert value.held_from <= ome  # the hold starts at or below this OME
        for words in MISLEADING:
            assert words not in said
        plan = plan_rotation(_document(ome, method_id), tables=TABLES)
        edge = [w.message for w in plan.warnings if w.code == "methadone-band-edge"]
        assert edge and "this program's smoothing" in edge[0], (ome, edge)
        assert format_number(value.band_value_mg) in edge[0]  # the unsmoothed figure beside it
