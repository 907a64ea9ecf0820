"""Pharmacist review 6, R1 (overdose direction): a switch from a different opioid straight to a
parenteral route must never give more than the same set's two-step path — the oral equivalent of
the target drug, then the set's own oral:parenteral route ratio.

Under uk-palliative, morphine 120 mg/day → SC oxycodone gave 45 mg/day directly (the BNF row's
factor 2, the end of its cited 2–3 giving the higher dose) but 30 mg/day through oral oxycodone
(60 mg/day, then the set's own oral:SC 2:1, Lanarkshire / GG&C). The property runs over every
set, every target drug with an oral row and every parenteral route the set covers; the check must
judge the old direct dose by the same rule (``above``), and the two-step dose ``within``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.clinical.helpers import run_json

SETS = ["fpm-2021", "uk-palliative", "jspm-2010"]
TARGETS = [
    (drug, route) for drug in ["oxycodone", "hydromorphone", "morphine"] for route in ["sc", "iv"]
]


def _source(target_drug: str) -> dict[str, Any]:
    """A different opioid at 120 mg/day OME in every set (oral morphine, or oxycodone 80)."""
    if target_drug == "morphine":
        return {
            "drug": "oxycodone",
            "route": "oral",
            "form": "er",
            "dose": "40 mg",
            "frequency": "q12h",
        }
    return {"drug": "morphine", "route": "oral", "form": "er", "dose": "60 mg", "frequency": "q12h"}


def _plan(
    doc: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any] | None:
    try:
        return run_json("rotate", doc, tmp_path, capsys)
    except AssertionError:  # the set does not cover this target: nothing to compare
        return None


@pytest.mark.parametrize("set_id", SETS)
@pytest.mark.parametrize(("drug", "route"), TARGETS)
def test_direct_switch_never_exceeds_the_two_step_path(
    set_id: str, drug: str, route: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _source(drug)
    direct = _plan(
        {
            "from": {"items": [source]},
            "to": {"drug": drug, "route": route, "continuous": True},
            "table": set_id,
        },
        tmp_path,
        capsys,
    )
    oral = _plan(
        {
            "from": {"items": [source]},
            "to": {"drug": drug, "route": "oral", "form": "ir", "frequency": "q4h"},
            "table": set_id,
        },
        tmp_path,
        capsys,
    )
    if direct is None or oral is None:
        pytest.skip(f"{set_id} does not cover {drug} {route} and oral")
    oral_mg = oral["equianalgesic_daily_dose"]["value"]
    step = _plan(
        {
            "from": {
                "items": [
                    {"drug": drug, "route": "oral", "dose": f"{oral_mg / 4} mg", "frequency": "q6h"}
                ]
            },
            "to": {"drug": drug, "route": route, "continuous": True},
            "table": set_id,
        },
        tmp_path,
        capsys,
    )
    assert step is not None
    two_step = step["equianalgesic_daily_dose"]["value"]
    direct_mg = direct["equianalgesic_daily_dose"]["value"]
    assert direct_mg <= two_step * (1 + 1e-6), (set_id, drug, route, direct_mg, two_step)


def test_h15_morphine_120_to_sc_oxycodone_uk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = run_json(
        "rotate",
        {
            "from": {"items": [_source("oxycodone")]},
            "to": {"drug": "oxycodone", "route": "sc", "continuous": True},
            "table": "uk-palliative",
            "patient": {"egfr": "15 mL/min"},
        },
        tmp_path,
        capsys,
    )
    assert plan["equianalgesic_daily_dose"]["value"] == pytest.approx(40)
    assert plan["target_daily_dose"]["value"] == pytest.approx(30)


@pytest.mark.parametrize(("rate", "verdict"), [("45 mg/day", "above"), ("30 mg/day", "within")])
def test_check_judges_sc_oxycodone_by_the_same_rule(
    rate: str, verdict: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_json(
        "check",
        {
            "from": {"items": [_source("oxycodone")]},
            "proposed": {"items": [{"drug": "oxycodone", "route": "sc", "rate": rate}]},
            "table": "uk-palliative",
        },
        tmp_path,
        capsys,
    )
    assert result["verdict"] == verdict, result["reasons"]
