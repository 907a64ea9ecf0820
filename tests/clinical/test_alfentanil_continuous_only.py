"""Clinician review 4, D11: an alfentanil SC plan was "0.483 mg q4h" with a 0.483 mg
breakthrough. The sources give SC alfentanil only as a 24-h continuous infusion (syringe driver):
the Scottish guidelines' and NHS chart's SC alfentanil = oral morphine ÷ 30 per 24 h, and NHS
Lanarkshire's subcutaneous infusion of alfentanil (clinical-sources §1 A8, §3(b)); regular SC
bolus doses of alfentanil are in none of them. A q4h alfentanil SC target (or proposal) is
refused, naming the frequency and offering the infusion; the infusion is planned as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain.errors import InputError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.clinical.helpers import run_json

TABLES = get_tables()
CURRENT = {"items": [{"drug": "oxycodone", "route": "oral", "dose": "20 mg", "frequency": "q12h"}]}


def test_a_regular_alfentanil_sc_dose_is_refused_naming_the_frequency() -> None:
    request = {
        "from": CURRENT,
        "to": {"drug": "alfentanil", "route": "sc", "frequency": "q4h"},
        "table": "uk-palliative",
    }
    with pytest.raises(InputError) as raised:
        plan_rotation(request, tables=TABLES)
    assert raised.value.location == "to.frequency"
    assert "continuous" in raised.value.message and "q4h" in raised.value.message


def test_the_alfentanil_infusion_is_planned(tmp_path: Path, capsys) -> None:
    request = {
        "from": CURRENT,
        "to": {"drug": "alfentanil", "route": "sc", "continuous": True},
        "table": "uk-palliative",
    }
    plan = run_json("rotate", request, tmp_path, capsys)
    assert plan["regimen"]["rate"] is not None and plan["regimen"]["dose"] is None


def test_the_check_refuses_a_regular_alfentanil_proposal_too(tmp_path: Path) -> None:
    from mps_pain.services.rotation_service import check_proposal

    proposal = {"drug": "alfentanil", "route": "sc", "dose": "0.25 mg", "frequency": "q4h"}
    with pytest.raises(InputError) as raised:
        check_proposal(
            {"from": CURRENT, "proposed": {"items": [proposal]}, "table": "uk-palliative"},
            tables=TABLES,
        )
    assert raised.value.location == "proposed.items[0].frequency"
