"""Clinician review 17, #2: an IV infusion was planned, printed and applied as a 4–10-decimal
hourly rate ("hydromorphone iv injection 0.1667 mg/h continuous", the spread "0.1562 mg/h", the
applied row "0.1666666667 mg/h"), while a syringe driver read "40 mg over 24 h (1.66 mg/h)". One
rule writes every planned infusion, whatever its route: the 24-h amount first, the rate as a pump
is set beside it (``numbers.pump_rate``: two decimals, rounded down), in the regimen, the
schedule, the spread, the worked step and so the PDF and the CLI."""

from __future__ import annotations

import math
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import NoConversionFactorError
from mps_pain.numbers import pump_rate
from mps_pain.presentation.rotation import plan_view
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_text

TABLES = get_tables()
INFUSION = re.compile(
    r"([\d.]+) (mg|mcg) over 24 h by (?:syringe driver|continuous IV infusion) "
    r"\(([\d.]+) (mg|mcg)/h\)"
)
# an hourly rate with three or more decimals (the reviewer's "0.1667 mg/h")
LONG_RATE = re.compile(r"\d\.\d{3,} (?:mg|mcg)/h")
RATE = re.compile(r"([\d.]+) (?:mg|mcg)/h")


def _document(ome: float, drug: str, route: str) -> dict[str, Any]:
    return {
        "from": {"items": [
            {"drug": "morphine", "route": "oral", "form": "MR", "dose": f"{ome / 2:g} mg",
             "frequency": "q12h"}]},
        "to": {"drug": drug, "route": route, "continuous": True},
        "table": "uk-palliative",
    }  # fmt: skip


def test_the_reviewers_iv_hydromorphone_reads_as_its_24_hour_amount() -> None:
    document = _document(80, "hydromorphone", "iv")
    plan = plan_rotation(RotationRequest.model_validate(document), tables=TABLES)
    view = plan_view(plan)
    assert view.regimen == (
        "hydromorphone iv injection 4 mg over 24 h by continuous IV infusion (0.16 mg/h)"
    ), view.regimen
    text = cli_text("rotate", document)
    assert "4 mg over 24 h by continuous IV infusion (0.16 mg/h)" in text
    assert LONG_RATE.search(text) is None, LONG_RATE.search(text)
    assert "mg/h continuous" not in text


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from([20, 30, 45, 60, 75, 80, 90, 120, 200]),
    st.sampled_from(["morphine", "oxycodone", "hydromorphone", "alfentanil", "fentanyl"]),
    st.sampled_from(["iv", "sc"]),
)
def test_every_planned_infusion_reads_its_24_hour_amount_and_a_pump_rate(
    ome: int, drug: str, route: str
) -> None:
    request = RotationRequest.model_validate(_document(ome, drug, route))
    try:
        plan = plan_rotation(request, tables=TABLES)
    except NoConversionFactorError:
        return  # no set converts to it (alfentanil IV): nothing is planned, nothing is written
    if plan.regimen.no_dose is not None or plan.regimen.rate is None or plan.regimen.patches:
        return
    view = plan_view(plan)
    found = INFUSION.search(view.regimen)
    assert found is not None, view.regimen
    daily, rate = float(found.group(1)), float(found.group(3))
    decimals = max(2, 1 - math.floor(math.log10(daily / 24)))
    assert rate == math.floor(round(daily / 24 * 10**decimals, 6)) / 10**decimals, (daily, rate)
    words = " ".join([view.regimen, *view.steps, *(e.value for e in view.schedule)])
    words += " ".join(row.given for row in view.spread)
    for shown in RATE.findall(words):  # every hourly rate in the plan's words as a pump is set
        assert pump_rate(float(shown)) == float(shown), (shown, words)
