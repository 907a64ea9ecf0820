"""Clinician review 20, N2 (medium-high): `mme` and the Regimen tab had no rescue-size check.

Morphine oral MR 30 mg bd + morphine SC 200 mg as needed (taken 0) showed only infos. `mme`
(and so the app's Regimen tab, which reads ``calculate_mme``) gives the check's caution
`breakthrough-dose-outside-rule` through the same function (``rescue_fit.outside_warnings``),
a caution that leaves the total unchanged; `rotate` gives it for its current regimen, and
`check` for the same regimen proposed: the same warning, word for word.
"""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
MR = {"drug": "morphine", "route": "oral", "form": "mr", "dose": "30 mg", "frequency": "bid"}
CSCI = {"drug": "morphine", "route": "sc", "form": "injection", "rate": "50 mg/24h"}
OXY = {"drug": "oxycodone", "route": "oral", "form": "mr", "dose": "20 mg", "frequency": "bid"}


def _prn(drug: str, route: str, dose: str, count: int = 0) -> dict[str, Any]:
    form = {"sc": "injection", "oral": "ir"}[route]
    return {"drug": drug, "route": route, "form": form, "dose": dose, "prn": True,
            "doses_per_day": count}  # fmt: skip


REGIMENS = [
    [MR, _prn("morphine", "sc", "200 mg")],  # the review's N2
    [CSCI, _prn("morphine", "sc", "200 mg")],  # mme-rescue200.yaml
    [OXY, _prn("oxycodone", "oral", "40 mg", 2)],
    [MR, _prn("morphine", "oral", "2 mg", 1)],  # below the rule: the same caution too
]
#: more than twice the rule's top is a danger in every command, as in the check's headline
#: (pharmacist re-check 20c, L-A: ``rescue_danger``); below the rule, or above it by less, a
#: caution
SEVERITIES = ["danger", "danger", "danger", "caution"]


def _rescue_warnings(warnings: list[ClinicalWarning]) -> list[tuple[Any, ...]]:
    return [
        (w.severity, w.message, w.item, w.source) for w in warnings if w.code == RESCUE_OUTSIDE_RULE
    ]


@pytest.mark.parametrize(("items", "severity"), list(zip(REGIMENS, SEVERITIES, strict=True)))
def test_mme_rotate_and_check_give_the_same_caution(
    items: list[dict[str, Any]], severity: str
) -> None:
    table = "uk-palliative"
    mme = calculate_mme({"table": table, "items": items}, tables=TABLES)
    said = _rescue_warnings(mme.warnings)
    assert len(said) == 1 and said[0][0] == severity and said[0][2] == 1, mme.warnings
    to = {"drug": "oxycodone", "route": "oral", "form": "mr", "frequency": "q12h"}
    if items[0]["drug"] == "oxycodone":
        to = {"drug": "morphine", "route": "oral", "form": "mr", "frequency": "q12h"}
    plan = plan_rotation({"table": table, "from": {"items": items}, "to": to}, tables=TABLES)
    assert _rescue_warnings(plan.warnings) == said
    check = check_proposal(
        {"table": table, "from": {"items": [MR]}, "proposed": {"items": items}}, tables=TABLES
    )
    assert _rescue_warnings(check.warnings) == said


def test_review20_n2_the_caution_leaves_the_total_unchanged() -> None:
    with_rescue = calculate_mme({"table": "uk-palliative", "items": REGIMENS[0]}, tables=TABLES)
    alone = calculate_mme({"table": "uk-palliative", "items": [MR]}, tables=TABLES)
    assert with_rescue.total_mme_per_day == alone.total_mme_per_day == 60
    message = _rescue_warnings(with_rescue.warnings)[0][1]
    assert "200 mg" in message and "1/10–1/6" in message


def test_under_a_risk_set_the_rescue_is_judged_by_the_planners_set() -> None:
    """mme's default set measures risk (CDC): the rescue is judged under the set a plan uses."""
    result = calculate_mme({"items": [MR, _prn("morphine", "oral", "60 mg")]}, tables=TABLES)
    assert result.table.id == "cdc-2022"
    assert _rescue_warnings(result.warnings)


def test_a_rescue_within_the_rule_draws_no_caution() -> None:
    result = calculate_mme({"items": [MR, _prn("morphine", "oral", "10 mg", 2)]}, tables=TABLES)
    assert not _rescue_warnings(result.warnings)
