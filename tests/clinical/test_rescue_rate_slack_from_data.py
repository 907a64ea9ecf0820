"""The slack a rescue's top is read with beside a regular rate written per hour (one pump step of
the rate, as a share of it: the planner rounds rates down to a pump's step) is capped under the
check's rounding tolerance by a share of that tolerance. It was a 0.9 written in
``rescue_fit.judged_rescues`` (commit 2b7995f, CI on da8da49: a hydromorphone SC rate whose pump
step is 10% of it gave a rescue 6% above its rule WITHIN); a clinical number belongs in data/
with its citation (``rotation.rounding.rescue_rate_slack``), and the schema keeps it under the
tolerance (a share below 1), so no table can let a rescue 5% above its rule read within."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from mps_pain.domain.rotation.context import equianalgesic_set, resolve_current, rotation_rules
from mps_pain.domain.rotation.requests import CurrentRegimen
from mps_pain.domain.rotation.rescue_fit import judged_rescues
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema_rounding import RescueRateSlack

TABLES = get_tables()
RULES = rotation_rules(TABLES)
L04 = (
    Path(__file__).parent
    / "fixtures"
    / "review20c"
    / "printed-L04-mor60-hepsev-egfr25-alfSC-uk-UK.json"
)


def _lines(*items: dict[str, object]) -> list:
    read, _, _ = resolve_current(TABLES, CurrentRegimen(items=list(items)), "proposed")
    return read


def test_the_share_of_the_tolerance_is_cited_data() -> None:
    slack = RULES.rounding.rescue_rate_slack
    assert 0 < slack.of_tolerance < 1
    assert slack.citation.source == "mps-pain-rotation-policy"
    assert "tolerance" in slack.citation.locator


@pytest.mark.parametrize("share", [1.0, 1.5, 0.0])
def test_a_share_that_is_not_under_the_tolerance_is_refused(share: float) -> None:
    citation = RULES.rounding.rescue_rate_slack.citation.model_dump()
    with pytest.raises(ValidationError):
        RescueRateSlack.model_validate({"of_tolerance": share, "citation": citation})


def test_the_slack_beside_a_coarse_rate_is_the_tolerance_times_the_data_share() -> None:
    """0.1 mg/h of SC hydromorphone: a pump step (0.01) is 10% of it, above the 5% tolerance,
    so the slack is the tolerance times the share the tables give (CI's draw on da8da49)."""
    rate = {"drug": "hydromorphone", "route": "sc", "rate": "0.1 mg/h"}
    rescue = {"drug": "hydromorphone", "route": "sc", "form": "injection", "dose": "0.5 mg",
              "prn": True, "doses_per_day": 1}  # fmt: skip
    set_ = equianalgesic_set(TABLES, RULES, "fpm-2021")
    proposed = _lines(rate, rescue)
    found = judged_rescues(TABLES, RULES, set_, None, proposed, proposed[:1], "include")
    rounding = RULES.rounding
    expected = rounding.short_tolerance.fraction * rounding.rescue_rate_slack.of_tolerance
    assert [j.slack for j in found] == [pytest.approx(expected)]


def test_a_rescue_read_within_by_the_pump_step_says_so_citing_the_rule() -> None:
    """Re-check 20c's alfentanil plan typed per hour as printed (0.062 mg/h, the 0.25 mg
    bolus 0.8% above the 0.248 mg the typed rate gives): within, with a reason that says why."""
    document = json.loads(L04.read_text())
    result = check_proposal(document, tables=TABLES)
    assert result.verdict == "within", result.reasons
    cite = TABLES.cite(RULES.rounding.rescue_rate_slack.citation)
    said = [r for r in result.reasons if cite in r]
    assert len(said) == 1 and said[0].startswith("Row 2:") and "pump step" in said[0], said
    document["proposed"]["items"][1]["dose"] = "0.2 mg"  # under the top: nothing to say
    result = check_proposal(document, tables=TABLES)
    assert not [r for r in result.reasons if cite in r], result.reasons
