"""Pharmacist re-check 15b, #12 (low): the check's no-breakthrough caution says what the plan for
that target gives.

A methadone proposal with no as-needed line (N03) was told "a regular opioid is prescribed with
one, 1/10–1/6 of the 24-h dose as needed (the switching plan gives it)", while the switching plan
to methadone gives no breakthrough dose and says no source names one: agree it with the
specialist. The caution now reads the planner's rule for the proposal's regular opioid
(``rescue_rule.planned_rescue_rule``): the fraction rule, a patch's linked oral morphine, an
infusion's 1-hour amount under a set that names it, or none (methadone; a drug the fraction rule
excludes), in which case it says who agrees the rescue.

Property: for every plan, its regimen alone in ``check`` carries the caution once, and the
caution says the switching plan gives a rescue exactly when the plan's own rule does (its
breakthrough record has a rule's frequency, not the "—" of no rule).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import assume, given

from mps_pain.domain.rotation.check_rescues import NO_BREAKTHROUGH
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli
from tests.clinical.test_planner_check_property import ARGS
from tests.rotation.generated import GENERATED, generated_request, plan_or_discard

TABLES = get_tables()
N03 = Path(__file__).parent / "fixtures" / "recheck15b" / "N03-to-methadone-noBT.json"
GIVES = "(the switching plan gives it)"


def _caution(proposed: list[dict[str, Any]], table: str = "uk-palliative") -> str:
    current = [{"drug": "morphine", "route": "oral", "form": "ER", "dose": "60 mg",
                "frequency": "q12h"}]  # fmt: skip
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    result = check_proposal(document, tables=TABLES)
    found = [w.message for w in result.warnings if w.code == NO_BREAKTHROUGH]
    assert len(found) == 1, result.warnings
    return found[0]


def test_n03_methadone_caution_says_agree_with_the_specialist() -> None:
    done = run_cli("check", str(N03))
    assert done.returncode == 0, done.stderr
    caution = next(line for line in done.stdout.splitlines() if "no breakthrough" in line)
    assert GIVES not in caution and "1/10" not in caution, caution
    assert "specialist" in caution and "gives none" in caution, caution


def test_a_fentanyl_patch_caution_names_the_linked_oral_morphine() -> None:
    caution = _caution([{"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"}])
    assert "oral morphine" in caution and GIVES in caution, caution


def test_an_infusion_under_jspm_names_its_one_hour_amount() -> None:
    caution = _caution([{"drug": "morphine", "route": "sc", "rate": "1 mg/h"}], "jspm-2010")
    assert "1-hour amount" in caution and GIVES in caution, caution


def test_an_oral_opioid_keeps_the_fraction_rule() -> None:
    er = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "20 mg", "frequency": "q12h"}
    caution = _caution([er])
    assert "1/10–1/6 of the 24-h dose" in caution and GIVES in caution, caution


@GENERATED
@given(**ARGS)
def test_the_caution_says_what_the_plan_gives(lines, to, table, market, patient, pain) -> None:
    request = generated_request(
        lines, to, table, patient=patient, market=market, pain_controlled=pain
    )
    plan = plan_or_discard(request)
    assume(plan.regimen.dose is not None or plan.regimen.rate is not None)
    assume(not plan.regimen.prn)  # an as-needed-only regimen is its own as-needed order
    regimen = plan.regimen.model_dump(mode="json", exclude_none=True)
    document: dict[str, Any] = {"from": {"items": lines}, "proposed": {"items": [regimen]}}
    document |= {"table": table, "patient": patient}
    document |= ({"market": market} if market else {}) | (
        {"pain_controlled": pain} if pain is not None else {}
    )
    result = check_proposal(document, tables=TABLES)
    found = [w.message for w in result.warnings if w.code == NO_BREAKTHROUGH]
    assert len(found) == 1, (request, result.warnings)
    rescue = plan.breakthrough
    rule_gives = rescue is not None and rescue.frequency != "—"
    assert (GIVES in found[0]) == rule_gives, (request, found[0], rescue)
    if not rule_gives:
        assert "agree" in found[0].lower(), found[0]
