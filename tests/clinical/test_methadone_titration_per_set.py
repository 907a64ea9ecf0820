"""Pharmacist review 10, N-4: under jspm-2010 a methadone dose increase in ``check`` said "do not
increase methadone more often than every 5–7 days", while the JP label (the set's own methadone
source, Methapain) says no increase for at least 7 days (clinical-sources §A9 and §3(c)). The
interval is now per set's market from the data (``rotation.methadone.dose_increase.by_market``),
with the market's own citation; other sets keep the sourced 5–7 days."""

from __future__ import annotations

import pytest

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
CODE = "methadone-titration-interval"


def _line(mg: float) -> dict[str, str]:
    return {"drug": "methadone", "route": "oral", "form": "tablet", "dose": f"{mg} mg",
            "frequency": "tid"}  # fmt: skip


@pytest.mark.parametrize(
    ("table", "days", "source"),
    [("jspm-2010", "every 7 days", "Methapain"), ("uk-palliative", "every 5–7 days", None)],
)
def test_n4_the_titration_interval_is_the_sets_own(
    table: str, days: str, source: str | None
) -> None:
    result = check_proposal(
        {"from": {"items": [_line(5)]}, "proposed": {"items": [_line(10)]}, "table": table},
        tables=TABLES,
    )
    found = [w for w in result.warnings if w.code == CODE]
    assert len(found) == 1, [w.code for w in result.warnings]
    assert f"more often than {days}." in found[0].message, found[0].message
    if source is not None:
        assert found[0].source and source in found[0].source, found[0].source
