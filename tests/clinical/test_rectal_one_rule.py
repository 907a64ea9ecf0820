"""Pharmacist review 20, L4: rectal morphine under uk-palliative was refused by ``rotate`` ("no
conversion factor … rectal", naming JSPM 2010), refused by ``mme``, but a regular rectal line in
``check`` was judged by JSPM's 1.5:1 (10 mg q4h rectal from 60 mg oral: ABOVE, "risk of
overdose"), and its rescue row refused without naming the set that holds a factor. One rule for
the three commands: a set with no factor for a proposed line's drug and route does not cover it
(the planner's rule, pharmacist review 12, #4), and the refusal names the sets that do; a set
with one (jspm-2010: rectal morphine 20 mg ≈ oral 30 mg) uses it in all three."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import NoConversionFactorError
from mps_pain.services.mme_service import calculate_mme
from mps_pain.services.rotation_service import check_proposal, plan_rotation
from mps_pain.tables.loader import get_tables
from tests.cli_runner import run_document

TABLES = get_tables()
ORAL_MR = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg", "frequency": "q12h"}
RECTAL = {"drug": "morphine", "route": "rectal", "dose": "10 mg", "frequency": "q4h"}
RECTAL_PRN = {"drug": "morphine", "route": "rectal", "dose": "10 mg", "prn": True,
              "doses_per_day": "not reported"}  # fmt: skip
SETS = sorted(s for s in TABLES.sets if TABLES.sets[s].purpose == "equianalgesic")


def _covers(set_id: str, drug: str, route: str) -> bool:
    return TABLES.covers(set_id, drug, route, None)


def _check(set_id: str, proposed: list[Any]) -> Any:
    document = {"table": set_id, "from": {"items": [ORAL_MR]}, "proposed": {"items": proposed},
                "patient": {"cancer_or_palliative": True}}  # fmt: skip
    return check_proposal(document, tables=TABLES)


def test_only_jspm_holds_a_rectal_morphine_factor() -> None:
    """What the tables hold (clinical-sources §A: JSPM 2010 'rectal morphine 20 mg'; the FPM
    table's rectal row is oxycodone only; the UK sources give none): no factor is invented."""
    assert [s for s in SETS if _covers(s, "morphine", "rectal")] == ["jspm-2010"]


@pytest.mark.parametrize("set_id", SETS)
@pytest.mark.parametrize("proposed", [[RECTAL], [RECTAL, RECTAL_PRN]], ids=["regular", "rescue"])
def test_check_refuses_rectal_morphine_where_rotate_and_mme_do(
    set_id: str, proposed: list[Any]
) -> None:
    request = {"table": set_id, "from": {"items": [ORAL_MR]},
               "to": {"drug": "morphine", "route": "rectal", "frequency": "q4h"}}  # fmt: skip
    if _covers(set_id, "morphine", "rectal"):
        _check(set_id, proposed)  # judged, by the set's own factor
        plan_rotation(request, tables=TABLES)
        calculate_mme({"table": set_id, "items": [RECTAL]}, tables=TABLES)
        return
    for refused in (
        lambda: _check(set_id, proposed),
        lambda: plan_rotation(request, tables=TABLES),
    ):
        with pytest.raises(NoConversionFactorError) as error:
            refused()
        assert error.value.covered_by == ("jspm-2010",), error.value
    with pytest.raises(NoConversionFactorError):
        calculate_mme({"table": set_id, "items": [RECTAL]}, tables=TABLES)


def test_the_check_refusal_names_the_regular_line_and_the_set_that_covers_it() -> None:
    document = {"table": "uk-palliative", "from": {"items": [ORAL_MR]},
                "proposed": {"items": [RECTAL, RECTAL_PRN]}}  # fmt: skip
    done = run_document("check", document)
    assert done.returncode != 0
    assert "proposed.items[0].route" in done.stderr, done.stderr
    assert "no conversion factor for morphine by the rectal route" in done.stderr, done.stderr
    assert "JSPM 2010" in done.stderr, done.stderr


def test_jspm_judges_the_rectal_line_by_its_own_factor_in_check_and_mme() -> None:
    result = _check("jspm-2010", [RECTAL])
    assert any("1.5" in r for r in result.reasons), result.reasons
    mme = calculate_mme({"table": "jspm-2010", "items": [RECTAL]}, tables=TABLES)
    assert mme.total_mme_per_day == pytest.approx(90)


def test_a_rectal_rescue_refused_under_a_set_without_a_factor_names_the_set_that_has_one() -> None:
    oral_ir = {"drug": "morphine", "route": "oral", "form": "MR", "dose": "30 mg",
               "frequency": "q12h"}  # fmt: skip
    document = {"table": "uk-palliative", "from": {"items": [ORAL_MR]},
                "proposed": {"items": [oral_ir, RECTAL_PRN]}}  # fmt: skip
    done = run_document("check", document)
    assert done.returncode != 0
    assert "proposed.items[1].doses_per_day" in done.stderr, done.stderr
    assert "JSPM 2010" in done.stderr, done.stderr
