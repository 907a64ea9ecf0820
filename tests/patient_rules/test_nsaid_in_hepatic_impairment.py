"""Pharmacist review 20, M2: naproxen and loxoprofen in SEVERE hepatic impairment got only "No
liver rule for naproxen … is held in the reviewed sources" (``vin/H1p-nsaids-hepsev-mme.json``,
``vin/H1o-adjuvants-hepsev-mme.json``), though the tables already cite the Naixan label, whose
contraindications include "severe renal, hepatic or cardiac impairment" (clinical-sources §3(e),
"NSAIDs in renal impairment"), and apply its kidney half to every NSAID. The hepatic half is now
held the same way: a danger for every catalogued NSAID in severe hepatic impairment, in every
command and role; naproxen's line cites its own label, the others' say it is a class rule read
from a naproxen label. No rule is said at mild or moderate impairment (the label names severe).
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
HM = {"drug": "hydromorphone", "route": "oral", "form": "ER", "dose": "8 mg", "frequency": "q12h"}
TO_HM = {"drug": "hydromorphone", "route": "oral", "form": "ER", "frequency": "q12h"}


def _nsaids() -> list[str]:
    return sorted(d.id for d in get_tables().drugs.values() if "nsaid" in d.classes)


def _about(warnings: Any, nsaid: str) -> list[Any]:
    """The liver lines about ``nsaid`` (the rule's own, or the no-rule caution)."""
    codes = {"hepatic-current", "hepatic-impairment", "hepatic-no-rule"}
    named = (f": {nsaid}", f"for {nsaid}")
    return [w for w in warnings if w.code in codes and any(n in w.message for n in named)]


def checked_all(nsaid: str) -> list[Any]:
    co = {"drug": nsaid, "route": "oral", "dose": "100 mg", "frequency": "bid"}
    request = {"from": {"items": [OXY, co]}, "proposed": {"items": [HM, co]}}
    patient = {"hepatic_impairment": "severe"}
    return list(check_proposal({**request, "table": "fpm-2021", "patient": patient}).warnings)


def _all(nsaid: str, level: str) -> dict[str, list[Any]]:
    co = {"drug": nsaid, "route": "oral", "dose": "100 mg", "frequency": "bid"}
    patient = {"hepatic_impairment": level}
    current = {"items": [OXY, co]}
    mme = calculate_mme({**current, "patient": patient}, table_id="jspm-2010")
    plan = plan_rotation({"from": current, "to": TO_HM, "table": "fpm-2021", "patient": patient})
    check = check_proposal(
        {"from": current, "proposed": {"items": [HM, co]}, "table": "fpm-2021", "patient": patient}
    )
    return {
        "mme": _about(mme.warnings, nsaid),
        "rotate": _about(plan.warnings, nsaid),
        "check": _about(check.warnings, nsaid),
    }


def test_the_catalogue_holds_the_nsaids_the_review_named() -> None:
    assert {"naproxen", "loxoprofen"} <= set(_nsaids())


@pytest.mark.parametrize("nsaid", _nsaids())
def test_an_nsaid_in_severe_hepatic_impairment_is_a_danger_in_every_command(nsaid: str) -> None:
    for command, lines in _all(nsaid, "severe").items():
        assert [(w.code, w.severity) for w in lines] == [
            ("hepatic-current" if command == "mme" else "hepatic-impairment", "danger")
        ], (command, lines)
        (line,) = lines
        assert "avoid NSAIDs in severe hepatic impairment" in line.message
        assert line.source is not None and "Naixan" in line.source
        if command == "check":  # a proposal holding a drug to avoid, as for the kidney
            assert "proposal-avoided" in {w.code for w in checked_all(nsaid)}
        if nsaid != "naproxen":  # the class rule is said as such, not as this drug's label
            assert "no label of this drug is held" in line.message


@pytest.mark.parametrize("level", ["mild", "moderate"])
def test_below_severe_no_nsaid_liver_rule_is_claimed(level: str) -> None:
    for lines in _all("naproxen", level).values():
        assert not any("NSAIDs" in w.message for w in lines)
