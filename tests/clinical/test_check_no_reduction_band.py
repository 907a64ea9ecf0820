"""Pharmacist review 8, N5 and clinician review 8, #5: an order equal to the current OME (no
cross-tolerance reduction: patch 37 mcg/h for oxycodone 60 mg/day = 90 OME, or the sourced dose
of an uncontrolled-pain switch checked without ``pain_controlled``) was "DANGER: ABOVE — risk of
overdose". The bands now: within the reduced range → within; above it but at or below
equianalgesia (the set's own factor, the proposal valued at the end the check already uses,
factor_end's D1 rule) → ``not_reduced``, a caution naming the sourced reduction; above
equianalgesia → ``above``, the overdose danger. Without ``pain_controlled`` the check says the
range for uncontrolled pain too."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.check_rescues import NO_BREAKTHROUGH
from mps_pain.errors import MpsPainError
from mps_pain.numbers import pump_step
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main
from tests.clinical.test_check_unreduced_switch import SETS, SWITCHES, _proposal
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()
OXY_60 = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "30 mg", "frequency": "q12h"}
MORPHINE_90 = {
    "drug": "morphine",
    "route": "oral",
    "form": "er",
    "dose": "45 mg",
    "frequency": "q12h",
}


def _check(proposed: dict[str, Any], **extra: Any) -> Any:
    document = {"from": {"items": [OXY_60]}, "proposed": {"items": [proposed]}, **extra}
    return check_proposal({"table": "uk-palliative", **document}, tables=TABLES)


def _codes(result: Any) -> dict[str, str]:
    return {w.code: w.severity for w in result.warnings}


def test_n5_the_uncontrolled_pain_dose_is_no_overdose(tmp_path, capsys) -> None:
    """G_uncontrolled_oxy_mor__check.json: morphine 90 mg/day for oxycodone 60 (90 OME)."""
    result = _check(MORPHINE_90)
    assert result.verdict == "not_reduced"
    # the order has no breakthrough dose: its own caution (clinician review 15, #1)
    assert _codes(result) == {"proposal-not-reduced": "caution", NO_BREAKTHROUGH: "caution"}
    warning = next(w for w in result.warnings if w.code == "proposal-not-reduced")
    assert "25–50%" in warning.message and "Milton Keynes" in (warning.source or "")
    said = " ".join(result.reasons)
    assert "0–50%" in said and "45–90" in said and "whether pain is controlled" in said
    assert _check(MORPHINE_90, pain_controlled=False).verdict == "within"
    path = tmp_path / "n5.json"
    document = {"from": {"items": [OXY_60]}, "proposed": {"items": [MORPHINE_90]}}
    path.write_text(json.dumps({**document, "table": "uk-palliative"}), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Verdict: NOT REDUCED" in out and "overdose" not in out


def test_clinician_5_the_equianalgesic_patch_is_a_caution() -> None:
    """Takamatsu case 1 step 3: fentanyl patch 37 mcg/h for 90 OME."""
    result = _check({"drug": "fentanyl", "route": "transdermal", "rate": "37 mcg/h"})
    assert result.verdict == "not_reduced", result.reasons
    assert "danger" not in _codes(result).values()


def test_above_equianalgesia_is_still_the_overdose_danger() -> None:
    result = _check({**MORPHINE_90, "dose": "50 mg"})
    assert result.verdict == "above"
    assert _codes(result)["proposal-above-range"] == "danger"


@settings(GENERATED)
@given(
    pair=SWITCHES,
    table=st.sampled_from(SETS),
    share=st.floats(0.0, 1.0),
)
def test_the_bands_of_an_unreduced_switch(
    pair: tuple[dict[str, Any], dict[str, Any]], table: str, share: float
) -> None:
    """Between the reduced range's top and equianalgesia: a caution, never the overdose danger;
    5% above equianalgesia: the danger."""
    current, target = pair
    assert current["drug"] != target["drug"]
    document = {"from": {"items": [current]}, "table": table}
    try:
        probe = check_proposal({**document, "proposed": {"items": [_proposal(target, 10.0)]}})
    except MpsPainError as refusal:
        discard(refusal)
    assume(probe.switch_kind == "different_opioid" and probe.proposed_ome_per_day > 0)
    per_unit = probe.proposed_ome_per_day / 10.0
    top, equi = probe.expected_high / per_unit, probe.current_ome_per_day / per_unit
    assume(equi > top * 1.01)
    # ``share`` spans the open band strictly between the two, rounding (6 places) included: 0
    # and 1, which hypothesis draws often, were both discarded when it spanned [top, equi]. A
    # per-hour rate (fentanyl mcg/h) less than a pump step above the top within 1% of it is the
    # top rounded (``check_pump_rate``, re-check 20b M-3): the band starts a pump step above it;
    # an amount that prints as the top is the top (session 20, ``as_printed``: at most 0.5%
    # above it), so the band starts beyond that too
    rate = "rate" in _proposal(target, 1.0)
    low = max(top * 1.005, top + pump_step(top) if rate else 0.0) + 1e-6
    high = equi * 0.999 - 1e-6
    assume(low < high)
    amount = round(low + (high - low) * share, 6)
    assume(amount > low - 1e-6 and amount < equi * 0.999)
    between = check_proposal({**document, "proposed": {"items": [_proposal(target, amount)]}})
    assert between.verdict == "not_reduced", (current, target, table, amount, between.reasons)
    assert "proposal-above-range" not in _codes(between)
    over = _proposal(target, round(equi * 1.05, 6))
    above = check_proposal({**document, "proposed": {"items": [over]}})
    assert above.verdict == "above" and _codes(above)["proposal-above-range"] == "danger"
