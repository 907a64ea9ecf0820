"""Pharmacist re-check 20b, M-1: gabapentin 2400 mg/day at eGFR 25 was a DANGER in ``mme`` with no
market and nothing at all under UK (nor under US at CrCl 40); ``rotate`` and ``check`` gave only
the generic "no maximum of the UK labels" caution. Naming a market never silences a kidney
limit: a renal maximum held in any market's label is applied (no market, or its own market) or
said, naming that market's label, in every other market, and ``mme``, ``rotate`` (a co-medication
continued) and ``check`` (a proposed line) say the same for a named market (without one, ``mme``
applies every market's label and a plan judges by its set's market, ``given_market``).

Property over every adjuvant with a renal maximum × every market × a renal function inside each
reduced-function band, with a daily total above that band's maximum.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from mps_pain.tables.schema import MaxDaily
from tests.patient_rules.helpers import MORPHINE_60

KIDNEY_CODES = {"max-daily-dose", "renal-limit-other-market"}
OXY = {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"}
MARKETS = [None, "UK", "US", "JP", "AU"]


def _kidney_bands() -> list[tuple[str, MaxDaily]]:
    """(drug, limit) for every reduced-function renal band of a non-opioid with a maximum."""
    tables = get_tables()
    return [
        (drug.id, lim)
        for drug in tables.drugs.values()
        if not drug.is_opioid
        for lim in drug.max_daily
        if lim.renal is not None and lim.renal.below_ml_per_min is not None
        and lim.population is None and lim.hepatic is None
    ]  # fmt: skip


def _kidney_lines(payload: Any, name: str) -> set[tuple[str, str]]:
    warnings = payload.model_dump(mode="json")["warnings"]
    return {
        (w["code"], w["severity"])
        for w in warnings
        if w["code"] in KIDNEY_CODES and w["message"].startswith(f"{name}:")
    }


def _documents(market: str | None, egfr: float) -> dict[str, Any]:
    base: dict[str, Any] = {"table": "uk-palliative", "patient": {"egfr": egfr}}
    if market is not None:
        base["market"] = market
    return base


def test_the_reviewers_gabapentin_under_uk_and_us() -> None:
    gabapentin = {"drug": "gabapentin", "route": "oral", "dose": "800 mg", "frequency": "tid"}
    for market, renal in (("UK", {"egfr": 25}), ("US", {"creatinine_clearance": 40})):
        document = {
            "items": [{**OXY, "dose": "20 mg"}, gabapentin],
            "table": "uk-palliative",
            "market": market,
            "patient": {"cancer_or_palliative": True, **renal},
        }
        said = [w for w in calculate_mme(document).warnings if w.code == "renal-limit-other-market"]
        assert len(said) == 1, calculate_mme(document).warnings
        assert "Gabapentin: 2400 mg/day is above the maximum of" in said[0].message
        assert "of the JP label" in said[0].message and f"No {market} label" in said[0].message
        assert said[0].source is not None and "Gabapen" in said[0].source


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_kidney_limit_is_said_in_every_market_by_every_command(data: st.DataObject) -> None:
    drug_id, limit = data.draw(st.sampled_from(_kidney_bands()))
    market = data.draw(st.sampled_from(MARKETS))
    band = limit.renal
    assert band is not None and band.below_ml_per_min is not None
    low = band.at_least_ml_per_min if band.at_least_ml_per_min is not None else 5.0
    egfr = data.draw(st.integers(int(low) + (low != int(low)), int(band.below_ml_per_min) - 1))
    maximum = float(limit.dose.to("mg/day"))
    factor = data.draw(st.sampled_from([1.5, 2.0, 4.0]))
    item = {"drug": drug_id, "route": "oral", "dose": f"{maximum * factor / 2:g} mg",
            "frequency": "bid"}  # fmt: skip
    base = _documents(market, egfr)
    name = get_tables().drugs[drug_id].name
    mme = calculate_mme({**base, "items": [MORPHINE_60, item]})
    rotate = plan_rotation({**base, "from": {"items": [MORPHINE_60, item]}, "to": OXY})
    check = check_proposal(
        {**base, "from": {"items": [MORPHINE_60]},
         "proposed": {"items": [{**OXY, "dose": "15 mg"}, item]}}
    )  # fmt: skip
    seen = [_kidney_lines(payload, name) for payload in (mme, rotate, check)]
    assert all(seen), (drug_id, market, egfr, seen)  # applied or said, never silent
    if market is not None:  # without one, mme applies every label; a plan its set's market's
        assert seen[0] == seen[1] == seen[2], (drug_id, market, egfr, seen)
