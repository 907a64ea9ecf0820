"""Pharmacist review 14 #4: ``check`` of an order that continues (keeps or titrates) a drug the
patient rules say to avoid said "… is to be avoided …: the planner proposes no dose of it. Choose
another opioid or route." (own14/Q02 oxycodone ER 20 -> 30 mg q12h at severe hepatic impairment;
Q04 methadone kept at QTc 520; review 13b V01). No planner output exists in a check: the danger
says the drug is to be avoided for this patient and the order continuing it is to be reviewed,
and for methadone that stopping it needs a plan (conversions from methadone are not
bidirectional, with the data row's citation). Property over the drugs and the patient factors
that avoid them, kept unchanged or titrated; a new drug keeps the planner's sentence.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.gate import AVOIDED
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
_MTD = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_MOR = {"drug": "morphine", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
_OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}
#: a drug with the patient factor that avoids it
AVOIDED_CASES = [
    (_MTD, {"qtc": "520 ms"}),
    (_MTD, {"hepatic_impairment": "severe"}),
    (_MOR, {"egfr": "20 mL/min"}),
    (_MOR, {"hepatic_impairment": "severe"}),
    (_OXY, {"hepatic_impairment": "severe"}),
]


def _danger(current: list[Any], proposed: list[Any], patient: dict[str, Any]) -> Any:
    request = {"from": {"items": current}, "proposed": {"items": proposed}}
    request |= {"table": "uk-palliative", "patient": patient}
    result = check_proposal(request, tables=TABLES)
    found = [w for w in result.warnings if w.code == AVOIDED]
    assert found, result.warnings
    return found[0]


@given(
    case=st.sampled_from(AVOIDED_CASES),
    factor=st.sampled_from([1, 1.5, 2, 0.5]),
    beside=st.booleans(),
)
def test_an_order_continuing_a_drug_to_avoid_is_not_told_of_the_planner(case, factor, beside):
    item, patient = case
    other = _OXY if item["drug"] != "oxycodone" else _MOR
    dose = float(item["dose"].split()[0]) * factor
    current = [item, *([other] if beside else [])]
    proposed = [item | {"dose": f"{dose:g} mg"}, *([other] if beside else [])]
    danger = _danger(current, proposed, patient)
    assert "planner" not in danger.message, danger.message
    assert "to be avoided for this patient" in danger.message, danger.message
    assert "review" in danger.message.lower(), danger.message
    if item["drug"] == "methadone":
        rule = rotation_rules(TABLES).methadone.stopped_methadone
        assert "not bidirectional" in danger.message, danger.message
        assert TABLES.cite(rule.citation) in (danger.source or ""), danger.source


def test_a_new_drug_to_avoid_keeps_the_choose_another_sentence() -> None:
    """A switch to the avoided drug (not in the current regimen): choose another opioid."""
    danger = _danger([_OXY], [_MOR], {"egfr": "20 mL/min"})
    assert "Choose another opioid or route" in danger.message, danger.message
