"""The MME engine on a small made-up table: arithmetic, provenance, PRN, spread, warnings."""

from __future__ import annotations

from typing import Any

import pytest

from mps_pain.errors import (
    ImplausibleAmountError,
    InputError,
    NoConversionFactorError,
    UnknownDrugError,
    UnknownTableError,
)
from mps_pain.services.mme_service import calculate_mme
from mps_pain.tables.index import TableIndex


def _mme(tables: TableIndex, items: list[dict[str, Any]], **kwargs: Any) -> Any:
    document = {"items": items, **kwargs.pop("document", {})}
    return calculate_mme(
        document, tables=tables, table_id=kwargs.pop("table_id", "set-risk"), **kwargs
    )


def test_each_line_shows_its_arithmetic_and_row(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables, [{"drug": "alphadone", "route": "oral", "dose": "10 mg", "frequency": "q12h"}]
    )
    line = result.items[0]
    assert line.mme_per_day == pytest.approx(40)
    assert line.factor == 2
    assert line.row == "reference_sets[set-risk].factors[0]"
    assert line.explanation == (
        "alphadone oral: 10 mg q12h (2 doses/day) = 20 mg/day × 2 (Source A, row 1) = 40 MME/day"
    )
    assert result.table.id == "set-risk" and result.table.version == "test-1"
    assert result.table.sha256 == small_tables.sha256


def test_a_patch_is_converted_from_its_rate(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables,
        [{"drug": "alphadone", "route": "transdermal", "form": "patch", "rate": "20 mcg/h"}],
    )
    assert result.total_mme_per_day == pytest.approx(60)
    assert "20 mcg/h patch × 3" in result.items[0].explanation


def test_prn_choice_is_explicit_and_stated(small_tables: TableIndex) -> None:
    items = [
        {"drug": "alphadone", "route": "oral", "dose": "10 mg", "frequency": "daily"},
        {"drug": "alphadone", "route": "oral", "prn": True, "dose": "5 mg", "doses_per_day": 2},
    ]
    included = _mme(small_tables, items, prn_policy="include")
    excluded = _mme(small_tables, items, prn_policy="exclude")
    default = _mme(small_tables, items)
    assert included.total_mme_per_day == pytest.approx(40)
    assert excluded.total_mme_per_day == pytest.approx(20)
    assert excluded.items[1].counted is False and excluded.items[1].mme_per_day == pytest.approx(20)
    assert (included.prn, excluded.prn, default.prn) == ("include", "exclude", "include")
    assert default.prn_stated is False
    assert "prn-policy-default" in {w.code for w in default.warnings}


def test_adjuvants_are_tracked_and_never_add(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables, [{"drug": "calmol", "route": "oral", "dose": "500 mg", "frequency": "qid"}]
    )
    assert result.total_mme_per_day == 0
    assert result.items[0].kind == "adjuvant" and result.items[0].mme_per_day is None
    assert "adds no MME" in result.items[0].explanation


def test_a_route_without_a_factor_is_refused_not_zero(small_tables: TableIndex) -> None:
    with pytest.raises(NoConversionFactorError) as caught:
        _mme(small_tables, [{"drug": "alphadone", "route": "iv", "rate": "1 mg/h"}])
    assert caught.value.location == "items[0].route"
    assert caught.value.covered_by == ("set-equi",)


def test_the_spread_shows_every_set_and_names_what_one_lacks(small_tables: TableIndex) -> None:
    result = _mme(small_tables, [{"drug": "betadone", "route": "oral", "daily_dose": "5 mg/day"}])
    spread = {entry.table: entry for entry in result.spread}
    assert spread["set-risk"].total_mme_per_day == pytest.approx(10)
    assert spread["set-equi"].total_mme_per_day is None
    assert "betadone" in (spread["set-equi"].missing or "")


def test_unknown_drug_suggests_close_names(small_tables: TableIndex) -> None:
    with pytest.raises(UnknownDrugError) as caught:
        _mme(
            small_tables,
            [{"drug": "alfadone", "route": "oral", "dose": "1 mg", "frequency": "bid"}],
        )
    assert caught.value.location == "items[0].drug"
    assert "alphadone" in caught.value.suggestions


def test_synonyms_and_form_spellings_resolve(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables,
        [{"drug": "ALPHAX", "route": "oral", "form": "SR", "dose": "1 mg", "frequency": "bid"}],
    )
    assert (result.items[0].drug, result.items[0].form) == ("alphadone", "er")


def test_an_unknown_form_is_refused(small_tables: TableIndex) -> None:
    with pytest.raises(InputError) as caught:
        _mme(
            small_tables,
            [
                {
                    "drug": "alphadone",
                    "route": "oral",
                    "form": "lozenge",
                    "dose": "1 mg",
                    "frequency": "bid",
                }
            ],
        )
    assert caught.value.location == "items[0].form"


def test_an_unknown_set_is_refused(small_tables: TableIndex) -> None:
    with pytest.raises(UnknownTableError):
        _mme(small_tables, [], table_id="cdc-1999")


def test_a_thousandfold_unit_slip_is_caught(small_tables: TableIndex) -> None:
    with pytest.raises(ImplausibleAmountError) as caught:
        _mme(small_tables, [{"drug": "alphadone", "route": "transdermal", "rate": "25 mg/h"}])
    assert caught.value.location == "items[0].rate"
    assert "unit slip" in caught.value.message


def test_thresholds_report_the_highest_reached(small_tables: TableIndex) -> None:
    def codes(dose: str) -> set[str]:
        result = _mme(small_tables, [{"drug": "alphadone", "route": "oral", "daily_dose": dose}])
        return {w.code for w in result.warnings}

    assert not codes("19.9 mg/day") & {"risk-40", "risk-80"}
    assert "risk-40" in codes("20 mg/day")
    assert "risk-80" in codes("40 mg/day") and "risk-40" not in codes("40 mg/day")


def test_max_dose_sums_every_product_of_a_drug(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables,
        [
            {"drug": "calmol", "route": "oral", "dose": "1 g", "frequency": "bid"},
            {"drug": "calmo", "route": "iv", "dose": "1 g", "frequency": "daily"},
            {"drug": "calmol", "route": "oral", "prn": True, "dose": "500 mg", "doses_per_day": 2},
        ],
    )
    warning = next(w for w in result.warnings if w.code == "max-daily-dose")
    assert "4000 mg/day across 3 items" in warning.message
    assert warning.source == "Source A, max table"


@pytest.mark.parametrize(("renal", "expect"), [("60 mL/min", False), ("49 mL/min", True)])
def test_renal_bands_choose_the_maximum(small_tables: TableIndex, renal: str, expect: bool) -> None:
    result = _mme(
        small_tables,
        [{"drug": "gaba", "route": "oral", "dose": "150 mg", "frequency": "bid"}],
        document={"patient": {"creatinine_clearance": renal}},
    )
    assert ("max-daily-dose" in {w.code for w in result.warnings}) is expect


def test_unknown_renal_function_asks_for_it(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables, [{"drug": "gaba", "route": "oral", "dose": "150 mg", "frequency": "bid"}]
    )
    assert "renal-function-needed" in {w.code for w in result.warnings}


def test_class_rules_fire_on_combinations(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables,
        [
            {"drug": "alphadone", "route": "oral", "dose": "1 mg", "frequency": "bid"},
            {"drug": "gaba", "route": "oral", "dose": "50 mg", "frequency": "bid"},
            {"drug": "nsaid-one", "route": "oral", "dose": "50 mg", "frequency": "bid"},
            {"drug": "nsaid-two", "route": "oral", "dose": "50 mg", "frequency": "bid"},
        ],
    )
    codes = [w.code for w in result.warnings]
    assert "opioid-gaba" in codes and "two-nsaids" in codes
    assert [w.severity for w in result.warnings] == sorted(
        (w.severity for w in result.warnings), key=["danger", "caution", "info"].index
    )


def test_one_nsaid_alone_is_not_a_duplicate(small_tables: TableIndex) -> None:
    result = _mme(
        small_tables, [{"drug": "nsaid-one", "route": "oral", "dose": "50 mg", "frequency": "bid"}]
    )
    assert "two-nsaids" not in {w.code for w in result.warnings}


def test_exclude_mode_computes_the_rest_and_says_which_rows_are_out(
    small_tables: TableIndex,
) -> None:
    result = _mme(
        small_tables,
        [
            {"drug": "alphadone", "route": "oral", "daily_dose": "10 mg/day"},
            {"drug": "nothing", "route": "oral", "daily_dose": "10 mg/day"},
            {"drug": "alphadone", "route": "iv", "rate": "1 mg/h"},
        ],
        on_item_error="exclude",
    )
    assert result.total_mme_per_day == pytest.approx(20)
    assert [e.index for e in result.excluded] == [1, 2]
    assert any(w.code == "rows-excluded" and "2, 3" in w.message for w in result.warnings)


def test_a_dose_band_is_chosen_by_the_total_of_the_drug_not_per_item(
    small_tables: TableIndex,
) -> None:
    """Two betadone items of 8 mg/day each: the 16 mg/day total sits in band 2 (factor 4)."""
    result = _mme(
        small_tables,
        [
            {"drug": "betadone", "route": "oral", "daily_dose": "8 mg/day"},
            {"drug": "betadone", "route": "oral", "prn": True, "dose": "4 mg", "doses_per_day": 2},
        ],
        prn_policy="include",
    )
    assert [line.factor for line in result.items] == [4, 4]
    assert result.total_mme_per_day == pytest.approx(64)
    assert "by the 16 mg/day total of betadone" in result.items[0].explanation
    spread = {e.table: e.total_mme_per_day for e in result.spread}
    assert spread["set-risk"] == pytest.approx(64)
