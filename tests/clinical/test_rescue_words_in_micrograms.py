"""A rescue-size judgement writes a dose below 1 mg in micrograms, as the plan prints it
(``numbers.dose_text``: never "0.25 mg", where a decimal point can be missed tenfold). The
fentanyl rescue beside a jspm-2010 infusion (pharmacist re-check 20d, H-1) was the first to be
sized in fractions of a milligram: "0.25 mg … = 0.025 mg per dose; the planner gives 0.025 mg"
beside a plan that prints "25 mcg". Every wording of the judgement (the check's headline, its
reasons, the size caution of check, mme and rotate) reads the one rule."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mps_pain.domain.rotation.rescue_fit import RESCUE_OUTSIDE_RULE, rule_range
from mps_pain.presentation.check import check_view
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
HERE = Path(__file__).parent / "fixtures"
FENTANYL = HERE / "review20d" / "big0-N08-mor120-fentIV-jspm-JP.json"
ALFENTANIL = HERE / "review20c" / "printed-L04-mor60-hepsev-egfr25-alfSC-uk-UK.json"
#: a number below 1 written in milligrams: "0.25 mg", "0.06–0.1 mg", "0.6 mg/day"
BELOW_ONE_MG = re.compile(r"(?<![\d.])0\.\d+(?:–0?\.?\d+)? mg")


def _case(path: Path, dose: str) -> dict[str, Any]:
    document = json.loads(path.read_text())
    document["proposed"]["items"][-1] |= {"dose": dose, "doses_per_day": 0}
    return document


def _texts(document: dict[str, Any]) -> list[str]:
    result = check_proposal(document, tables=TABLES)
    assert result.rescues_above, result.reasons
    view = check_view(result)
    caution = [w.message for w in result.warnings if w.code == RESCUE_OUTSIDE_RULE]
    assert caution, result.warnings
    return [view.verdict_sentence, *result.reasons, *caution]


@pytest.mark.parametrize(
    ("path", "dose", "said"),
    [
        (FENTANYL, "250 mcg", ["250 micrograms", "25 micrograms"]),
        (FENTANYL, "0.05 mg", ["50 micrograms", "25 micrograms"]),
        (ALFENTANIL, "0.5 mg", ["500 micrograms", "149–248 micrograms", "225 micrograms"]),
    ],
)
def test_a_rescue_below_one_mg_is_written_in_micrograms(
    path: Path, dose: str, said: list[str]
) -> None:
    texts = _texts(_case(path, dose))
    for text in texts:
        assert not BELOW_ONE_MG.search(text), text
    headline = texts[0]
    for words in said:
        assert words in headline, (words, headline)


def test_a_rescue_of_milligrams_keeps_its_milligrams() -> None:
    """30 mg beside morphine SC 30 mg/24 h (re-check 20d's H07): mg, as before."""
    document = json.loads((HERE / "review20d" / "x30-H07-jspm-0.json").read_text())
    headline = _texts(document)[0]
    assert "30 mg" in headline and "micrograms" not in headline, headline


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        (0.6, 1.0, "600–1000 micrograms"),  # one unit for a range whose low end is below 1 mg
        (0.025, 0.025, "25 micrograms"),  # one amount, as the bolus's rule gives it
        (5, 50 / 6, "5–8.33 mg"),
        (1, 1.5, "1–1.5 mg"),
    ],
)
def test_a_rules_range_is_written_in_one_unit(low: float, high: float, said: str) -> None:
    assert rule_range(low, high) == said
