"""A line of another drug added to a kept regimen is named as itself, never summed into a current
drug (pharmacist review 12, #1; docs/clinical-review.md).

U05: methadone oral 10 mg tid kept with morphine SC 0.5 mg/h added was "Proposed: 42 mg/day
methadone ... the same drug by the same route (+40%)" with the methadone titration caution; with
oxycodone IR 5 mg q4h added, "60 mg/day methadone (+100%)", the words of a real doubling (U05c).
A methadone target stands for any proposal with a methadone line (``proposal_target``), and the
dose-change tests took it for methadone alone. Methadone has no reliable OME to sum another drug
with (reference §3(c): not bidirectional), so the added line is said by itself.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_dose_change import BESIDE_METHADONE, TITRATION
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.clinical.test_planner_check_property import SETS
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()

_MTD_10_TID = {"drug": "methadone", "route": "oral", "dose": "10 mg", "frequency": "tid"}
_SC_MOR = {"drug": "morphine", "route": "sc", "rate": "0.5 mg/h"}
_OXY_IR = {"drug": "oxycodone", "route": "oral", "form": "ir", "dose": "5 mg", "frequency": "q4h"}


def _check(current: list[dict[str, Any]], proposed: list[dict[str, Any]], table: str) -> Any:
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    return check_proposal(document, tables=TABLES)


def _said(result: Any) -> str:
    return " ".join([*result.reasons, *(w.message for w in result.warnings)])


def _amounts_said(text: str, drug: str) -> set[float]:
    """Every 'N mg/day <drug>' the check says (the drug's own amount, not an OME label)."""
    return {float(n) for n in re.findall(rf"(\d+(?:\.\d+)?) mg/day {drug}\b", text)}


def test_u05_a_morphine_line_added_to_methadone_is_named_as_morphine() -> None:
    result = _check([_MTD_10_TID], [_MTD_10_TID, _SC_MOR], "uk-palliative")
    said = _said(result)
    assert result.switch_kind == "dose_change", said
    assert _amounts_said(said, "methadone") == {30.0}, said  # never 42 mg/day methadone
    assert "12 mg/day morphine sc" in said, said
    assert "same drug by the same route" not in said, said
    assert TITRATION not in {w.code for w in result.warnings}, said
    assert BESIDE_METHADONE in {w.code for w in result.warnings}, said
    assert (result.proposed_ome_per_day, result.unit) == (30, "mg/day methadone"), said


def test_u05b_an_oxycodone_line_added_is_not_a_methadone_doubling() -> None:
    added = _check([_MTD_10_TID], [_MTD_10_TID, _OXY_IR], "uk-palliative")
    doubled = _check([_MTD_10_TID], [_MTD_10_TID | {"dose": "20 mg"}], "uk-palliative")
    assert _amounts_said(_said(added), "methadone") == {30.0}, _said(added)
    assert "30 mg/day oxycodone oral IR" in _said(added), _said(added)
    assert added.reasons != doubled.reasons  # the reader can tell the two apart


def test_methadone_raised_beside_an_added_line_keeps_its_own_titration_warning() -> None:
    result = _check([_MTD_10_TID], [_MTD_10_TID | {"dose": "15 mg"}, _SC_MOR], "uk-palliative")
    said = _said(result)
    assert TITRATION in {w.code for w in result.warnings}, said
    assert _amounts_said(said, "methadone") <= {30.0, 45.0}, said


def _er(drug: str, mg: float) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "form": "er", "dose": f"{mg:g} mg", "frequency": "q12h"}


def _tid(drug: str, mg: float) -> dict[str, Any]:
    return {"drug": drug, "route": "oral", "dose": f"{mg:g} mg", "frequency": "tid"}


def _pump(drug: str, route: str) -> Any:
    return lambda mg: {"drug": drug, "route": route, "rate": f"{mg:g} mg/day"}


# (drug, a line of it at a per-dose or daily amount, that line's daily amount)
_CURRENT = [
    ("methadone", lambda mg: _tid("methadone", mg), 3.0),
    ("morphine", lambda mg: _er("morphine", mg), 2.0),
    ("oxycodone", lambda mg: _er("oxycodone", mg), 2.0),
    ("hydromorphone", _pump("hydromorphone", "sc"), 1.0),
]
_ADDED = [
    ("morphine", _pump("morphine", "sc")),
    ("oxycodone", lambda mg: _tid("oxycodone", mg)),
    ("hydromorphone", _pump("hydromorphone", "sc")),
    ("oxycodone", _pump("oxycodone", "sc")),
]


@settings(GENERATED)
@given(
    st.lists(st.sampled_from(_CURRENT), min_size=1, max_size=2, unique_by=lambda c: c[0]),
    st.sampled_from(_ADDED),
    st.sampled_from(SETS),
    st.integers(1, 30),
    st.integers(1, 40),
)
def test_an_added_line_of_another_drug_never_changes_a_current_drugs_amount(
    current, added, table, dose, extra
) -> None:
    drug, line = added
    assume(drug not in {c[0] for c in current})
    lines = [make(float(dose)) for _, make, _ in current]
    try:
        result = _check(lines, [*lines, line(float(extra))], table)
    except MpsPainError as refusal:  # refused with a named field: nothing judged
        discard(refusal)
    said = _said(result)
    assert result.switch_kind == "dose_change", said
    for name, _, per_day in current:  # each current drug by its own amount, or not at all
        assert _amounts_said(said, name) <= {dose * per_day}, (name, said)
    assert re.search(rf"\d mg/day {drug}", said), said  # the added drug named as itself
    assert TITRATION not in {w.code for w in result.warnings}, said
    if any(name == "methadone" for name, _, _ in current):
        assert BESIDE_METHADONE in {w.code for w in result.warnings}, said
