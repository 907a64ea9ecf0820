"""The per-dose-vs-per-day pattern reads the rate's unit by its dimension, not by its spelling.

A rate per hour read as per day (the trainee's slip) is recognised for every rate whose time base
is the hour: a mass rate in any spelling, and a volume rate with its concentration (0.2 mL/h of
10 mg/mL is 2 mg/h; read per day it is 2 mg/day). A rate written per day has no such slip.
"""

from __future__ import annotations

import pytest

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.practice.diagnose import diagnose_number
from mps_pain.practice.key import MmeKey, answer_key
from mps_pain.practice.models import Exercise
from mps_pain.tables.index import TableIndex


def _key(tables: TableIndex, item: dict[str, str]) -> MmeKey:
    regimen = RegimenDocument.model_validate(
        {"table": "uk-palliative", "items": [{"drug": "oxycodone", "route": "sc", **item}]}
    )
    exercise = Exercise(
        id="rate-read-per-day",
        level=1,
        topic="mme-single",
        table="uk-palliative",
        prompt="SC oxycodone by continuous infusion",
        asks=["ome_per_day"],
        regimen=regimen,
    )
    key = answer_key(tables, exercise)
    assert isinstance(key, MmeKey)
    return key


@pytest.mark.parametrize(
    "item",
    [
        {"rate": "2 mg/h"},
        {"rate": "2 mg/hour"},
        {"rate": "2000 mcg/h"},
        {"rate": "0.2 mL/h", "concentration": "10 mg/mL"},
    ],
)
def test_a_rate_per_hour_read_per_day_is_named(tables: TableIndex, item: dict[str, str]) -> None:
    key = _key(tables, item)
    total = key.result.total_mme_per_day
    assert total > 0
    codes = diagnose_number(key, "ome_per_day", total / 24, (key.low, key.high))
    assert codes[:1] == ["per-dose-vs-per-day"], codes


def test_a_rate_written_per_day_has_no_such_slip(tables: TableIndex) -> None:
    key = _key(tables, {"rate": "48 mg/day"})
    total = key.result.total_mme_per_day
    codes = diagnose_number(key, "ome_per_day", total / 24, (key.low, key.high))
    assert "per-dose-vs-per-day" not in codes
