"""Pharmacist re-check 16b, #7 (medium): a fentanyl patch 12.5 mcg/h with morphine IR 30 mg as
needed, 6 doses taken a day (180 mg/day, 210 mg/day OME in all), raised to a 50 mcg/h patch read
AVOID "not opioid-tolerant": the tolerance rule counted the regular lines only (30-37.5 mg/day).
The label's definition (clinical-sources §3(b): ≥ 60 mg oral morphine a day for ≥ 1 week) is
about the daily opioid TAKEN, and a count on an as-needed line of the regimen before is doses
taken: the one tolerance rule (``patient_rules.tolerance``) counts them, in ``check`` and
``rotate`` alike, whether a dose is taken on a schedule or as needed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_cli

TABLES = get_tables()
RECHECK = Path(__file__).parent / "fixtures" / "recheck16b"
TOLERANCE = {"patch-not-opioid-tolerant", "patch-tolerance-duration", "patch-tolerance-unconfirmed"}
PATCH = {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "12.5 mcg/h"}


def test_c13_a_patch_raised_by_heavy_rescue_use_is_not_called_opioid_naive() -> None:
    done = run_cli("check", "--json", str(RECHECK / "C13-patch12-heavy-rescue-to-patch50.json"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    codes = {w["code"] for w in result["warnings"]}
    assert "patch-not-opioid-tolerant" not in codes and not result["avoid"], codes
    assert "patch-tolerance-duration" in codes


def _tolerance(current: list[dict[str, Any]], table: str) -> set[str]:
    proposed = [PATCH | {"rate": "25 mcg/h"}]
    document = {"from": {"items": current}, "proposed": {"items": proposed}, "table": table}
    result = check_proposal(document, tables=TABLES)
    return {w.code for w in result.warnings} & TOLERANCE


@given(
    dose=st.integers(1, 8).map(lambda n: 2.5 * n),
    count=st.integers(1, 12),
    table=st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"]),
)
def test_doses_taken_count_the_same_as_needed_or_regular(
    dose: float, count: int, table: str
) -> None:
    """A patch with morphine taken as needed ``count`` times a day reads the same tolerance as
    the same daily morphine taken on a schedule (``daily_dose``)."""
    rescue = {"drug": "morphine", "route": "oral", "form": "IR", "dose": f"{dose} mg",
              "prn": True, "doses_per_day": count}  # fmt: skip
    regular = {"drug": "morphine", "route": "oral", "form": "IR",
               "daily_dose": f"{dose * count} mg/day"}  # fmt: skip
    assert _tolerance([PATCH, rescue], table) == _tolerance([PATCH, regular], table)


def _c13(rescue_dose: str, count: int) -> Any:
    document = json.loads((RECHECK / "C13-patch12-heavy-rescue-to-patch50.json").read_text())
    document["from"]["items"][1] |= {"dose": rescue_dose, "doses_per_day": count}
    return check_proposal(document, tables=TABLES)


def test_c13_the_step_is_judged_on_the_opioid_taken_with_the_rescues() -> None:
    """The DANGER "+300% … more than twice the current: risk of overdose" followed the same
    reading: 12.5 -> 50 mcg/h is +300% of the patch's own amount, but the patient takes 210
    mg/day OME with the rescues, and the new patch (120 mg/day OME) is below it: the regular dose
    raised by the breakthrough doses used (the sourced titration rule). A caution says both."""
    result = _c13("30 mg", 6)
    codes = {w.code: w.severity for w in result.warnings}
    assert "dose-step-above-range" not in codes and not result.dose_steps
    assert codes.get("dose-step-within-rescues-taken") == "caution"
    message = next(w.message for w in result.warnings if w.code == "dose-step-within-rescues-taken")
    assert "210 mg/day OME" in message and "120 mg/day OME" in message


def test_a_step_beyond_the_opioid_taken_is_still_a_danger() -> None:
    """Patch 12.5 with one 10 mg morphine rescue taken (40 mg/day OME) raised to 50 mcg/h (120)
    is still more than twice what is taken: the danger stays."""
    result = _c13("10 mg", 1)
    assert {w.code: w.severity for w in result.warnings}.get("dose-step-above-range") == "danger"
    assert result.dose_steps
