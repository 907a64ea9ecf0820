"""Pharmacist re-check 15b, #10 (low-medium): two different as-needed opioids in one proposal.

Oxycodone IR 10 mg as needed and morphine IR 10 mg as needed beside oxycodone ER (B08) read
WITHIN with no word: two rescues for one pain leave whoever gives a dose to choose between them,
a recognised prescribing hazard. No source in the reference names it, so it is a pharmacist's
check (docs/rotation.md, "The check of a proposed order"): one caution, said once, naming the
proposal's rows. The planner's own orders (its regimen with its one breakthrough dose) never
trip it (``test_check_rescue_orders``' property asserts it for every plan).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mps_pain.domain.rotation.check_rescues import SEVERAL_RESCUES
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
B08 = Path(__file__).parent / "fixtures" / "recheck15b" / "B08-two-rescues.json"
ER = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
CURRENT = [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg",
            "frequency": "q12h"}]  # fmt: skip


def _prn(drug: str, dose: str, route: str = "oral", **more: Any) -> dict[str, Any]:
    line = {"drug": drug, "route": route, "dose": dose, "prn": True,
            "doses_per_day": "not reported"}  # fmt: skip
    return line | more


def _check(proposed: list[dict[str, Any]]) -> Any:
    document = {"from": {"items": CURRENT}, "proposed": {"items": proposed},
                "table": "uk-palliative"}  # fmt: skip
    return check_proposal(document, tables=TABLES)


def test_b08_two_different_rescues_are_flagged_once() -> None:
    done = run_cli("check", str(B08))
    assert done.returncode == 0, done.stderr
    flagged = [
        line for line in done.stdout.splitlines() if "as-needed orders of different opioids" in line
    ]
    assert len(flagged) == 1, done.stdout
    assert "rows 2 and 3" in flagged[0] and "CAUTION" in flagged[0], flagged


def test_the_caution_names_the_rows_and_is_not_a_danger() -> None:
    result = _check(
        [ER, _prn("oxycodone", "10 mg", form="IR"), _prn("morphine", "10 mg", form="IR")]
    )
    found = [w for w in result.warnings if w.code == SEVERAL_RESCUES]
    assert len(found) == 1
    assert found[0].severity == "caution" and found[0].items == (1, 2)
    assert "pharmacist's check" in found[0].message
    assert result.verdict == "within"  # a caution: the amount's verdict is unchanged


def test_three_rescues_one_caution_naming_all() -> None:
    result = _check([ER, _prn("oxycodone", "5 mg", form="IR"), _prn("morphine", "5 mg", form="IR"),
                     _prn("hydromorphone", "1.3 mg", form="IR")])  # fmt: skip
    found = [w for w in result.warnings if w.code == SEVERAL_RESCUES]
    assert len(found) == 1 and found[0].items == (1, 2, 3)


def test_one_drug_as_needed_by_two_routes_is_not_flagged() -> None:
    """Oral, or SC when the patient cannot swallow, of the same opioid is the usual order; the
    choice is the route, not the drug."""
    result = _check([ER, _prn("oxycodone", "5 mg", form="IR"), _prn("oxycodone", "2.5 mg", "sc")])
    assert not any(w.code == SEVERAL_RESCUES for w in result.warnings)


def test_one_rescue_is_not_flagged() -> None:
    result = _check([ER, _prn("oxycodone", "5 mg", form="IR")])
    assert not any(w.code == SEVERAL_RESCUES for w in result.warnings)


def test_an_as_needed_non_opioid_is_not_an_opioid_rescue() -> None:
    paracetamol = {"drug": "paracetamol", "route": "oral", "dose": "1 g", "prn": True,
                   "doses_per_day": 2}  # fmt: skip
    result = _check([ER, _prn("oxycodone", "5 mg", form="IR"), paracetamol])
    assert not any(w.code == SEVERAL_RESCUES for w in result.warnings)
