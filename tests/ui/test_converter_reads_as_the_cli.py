"""Property (clinician review 19, H1): the quick converter reads the current opioid as the
command line reads the same fields, or both refuse. The amount goes in the field its unit
names (the table below, written from the units' meaning, not from the converter's code), the
frequency as typed; ``mps-pain mme`` then gives the total, and the converter's plan must count
the same OME a day, or the converter must refuse where the command line refuses.

Before the fix "20 mg/day" with "bd" was read by the converter as 20 mg a day (the "bd"
dropped) while ``mps-pain mme`` refused it: a 2- to 6-fold underdose of the new opioid."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from tests.cli_runner import run_document
from ui.converter.converter_panel import AMOUNT_UNITS
from ui.converter.describe import ConversionQuestion

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TABLE = "uk-palliative"
CURRENT = (
    ("oxycodone", "oral"),
    ("morphine", "oral"),
    ("morphine", "sc"),
    ("fentanyl", "transdermal"),
    ("oxycodone", "sc"),
)
FREQUENCIES = ("", "bd", "bid", "q4h", "q12h", "tid", "daily", "every 6 hours")
# what each unit of the converter's list is, whatever program reads it
_FIELD_OF_UNIT = {
    "mg": "dose",
    "mcg": "dose",
    "mg/day": "daily_dose",
    "mcg/day": "daily_dose",
    "mg/h": "rate",
    "mcg/h": "rate",
}
_CONTINUOUS = ("sc", "iv", "transdermal")


def _cli_item(drug: str, route: str, amount: str, unit: str, frequency: str) -> dict[str, Any]:
    field = _FIELD_OF_UNIT[unit]
    if field == "rate" and route not in _CONTINUOUS:
        field = "daily_dose"  # an amount per hour by mouth: refused as a daily total
    item: dict[str, Any] = {"drug": drug, "route": route, field: f"{amount} {unit}"}
    if frequency:
        item["frequency"] = frequency
    return item


def _cli_total(item: dict[str, Any]) -> float | None:
    import json

    done = run_document("mme", {"items": [item]}, "--json", "--table", TABLE)
    if done.returncode != 0:
        return None
    return float(json.loads(done.stdout)["total_mme_per_day"])


def _converter_total(question: ConversionQuestion, tables: Any) -> float | str | None:
    """The OME a day the converter reads; None when it refuses the current opioid, "target"
    when it refuses only the target (no reading of the current opioid to compare)."""
    if question.problem() is not None:
        return None
    request = question.request(TABLE, SimpleNamespace(state=None))  # type: ignore[arg-type]
    try:
        return plan_rotation(request, tables=tables).ome_per_day
    except MpsPainError as refused:
        return "target" if refused.location_path[:1] == ("to",) else None


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    current=st.sampled_from(CURRENT),
    number=st.sampled_from(("0.5", "2", "10", "20", "25", "60")),
    unit=st.sampled_from(AMOUNT_UNITS),
    frequency=st.sampled_from(FREQUENCIES),
)
def test_the_converter_reads_what_the_cli_reads_or_both_refuse(
    tables: Any, current: tuple[str, str], number: str, unit: str, frequency: str
) -> None:
    drug, route = current
    question = ConversionQuestion(
        drug, route, f"{number} {unit}", frequency, "morphine", "sc", ""
    )  # a syringe driver: measured to the dose, planned from any amount
    cli = _cli_total(_cli_item(drug, route, number, unit, frequency))
    converter = _converter_total(question, tables)
    assume(converter != "target")
    assert converter == (None if cli is None else pytest.approx(cli)), (cli, converter)


@pytest.mark.parametrize("frequency", ["bd", "q4h", "tid"])
def test_the_reviews_per_day_with_a_frequency_is_refused_by_both(
    tables: Any, frequency: str
) -> None:
    question = ConversionQuestion(
        "oxycodone", "oral", "20 mg/day", frequency, "morphine", "oral", frequency
    )
    assert _cli_total(_cli_item("oxycodone", "oral", "20", "mg/day", frequency)) is None
    assert _converter_total(question, tables) is None
