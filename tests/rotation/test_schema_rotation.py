"""The rotation section is validated strictly: break one thing, get an error naming the place."""

from __future__ import annotations

import pytest

from mps_pain.errors import TableValidationError
from mps_pain.tables.loader import load_tables_text


def _load_with(text: str, old: str, new: str) -> None:
    assert old in text, old
    load_tables_text(text.replace(old, new, 1).encode(), origin="mutated.yaml")


def test_the_fixture_and_the_shipped_rotation_rules_load(rot, tables) -> None:
    assert rot.tables.rotation is not None
    assert tables.tables.rotation is not None


def test_a_fraction_may_be_written_as_the_sources_ratio(rot) -> None:
    assert rot.tables.rotation.breakthrough.fraction_high == pytest.approx(1 / 5)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (
            "below_mg_per_day: 100, patch_mcg_per_h: 20",
            "below_mg_per_day: 90, patch_mcg_per_h: 20",
            "rotation.patches.band_tables[test-bands].bands[0]",
        ),
        (
            "at_least_mg_per_day: 200, below_mg_per_day: 300, patch_mcg_per_h: 60",
            "at_least_mg_per_day: 200, below_mg_per_day: 300, patch_mcg_per_h: 30",
            "rotation.patches.band_tables[test-bands].bands[2]",
        ),
        (
            "{above_mg_per_day: 150, up_to_mg_per_day: 400, dose_mg_per_day: 24}",
            "{above_mg_per_day: 160, up_to_mg_per_day: 400, dose_mg_per_day: 24}",
            "rotation.methadone.methods[fixed].tiers[0]",
        ),
        (
            "{above_mg_per_day: 400, dose_mg_per_day: 36}",
            "{above_mg_per_day: 400, dose_mg_per_day: 20}",
            "rotation.methadone.methods[fixed].tiers[2]",
        ),
        (
            "{above_mg_per_day: 300, ratio: 15}",
            "{above_mg_per_day: 300, ratio: 8}",
            "rotation.methadone.methods[ratio].tiers[2]",
        ),
        ("default_table: set-equi", "default_table: set-risk", "rotation.default_table"),
        ('locator: "case diff"}', 'locator: "case diff", source: nowhere}', None),
        (
            'source: src-a, locator: "frail"',
            'source: nowhere, locator: "frail"',
            "rotation.reduction.frail_or_elderly",
        ),
        ("default_method: fixed", "default_method: missing", "rotation.methadone.default_method"),
        (
            "    drug: alphadone\n      route: oral",
            "    drug: omega\n      route: oral",
            "rotation.breakthrough.patch_alternative.drug",
        ),
        ('fraction_high: "1/5"', 'fraction_high: "1/0"', "rotation.breakthrough.fraction_high"),
        (
            "user_bounds: {low: 0, high: 0.8",
            "user_bounds: {low: 0, high: 0.1",
            "rotation.reduction.cases[different_opioid]",
        ),
        ("caution_from_ms: 440", "caution_from_ms: 495", "rotation.methadone.qtc"),
        (
            "- {from_day: 3, previous_fraction: 0, methadone_fraction: 1}",
            "- {from_day: 4, previous_fraction: 0, methadone_fraction: 1}",
            "rotation.methadone.three_step.steps[0]",
        ),
    ],
)
def test_a_broken_rotation_rule_is_refused_with_its_place(rot_text, old, new, where) -> None:
    with pytest.raises(TableValidationError) as caught:
        _load_with(rot_text, old, new)
    if where is not None:
        assert caught.value.location == where


def test_a_cap_needs_its_own_citation(rot_text) -> None:
    cap_citation = '          citation:\n            source: src-m\n            locator: "cap"\n'
    with pytest.raises(TableValidationError, match="required key 'citation' is missing") as caught:
        _load_with(rot_text, cap_citation, "")
    assert caught.value.location == "rotation.methadone.methods[ratio].cap.citation"


def test_unknown_keys_in_the_rotation_section_are_refused(rot_text) -> None:
    with pytest.raises(TableValidationError, match="unknown key 'doze'"):
        edge = '      message: "a band edge never lowers the dose"\n'
        _load_with(rot_text, edge, edge + "      doze: 1\n")


def test_a_flat_source_pair_of_the_old_layout_is_refused_with_its_place(rot_text) -> None:
    old = "        frequency:\n          code: tid\n"
    new = "        frequency_source: src-m\n        frequency:\n          code: tid\n"
    with pytest.raises(TableValidationError, match="unknown key 'frequency_source'") as caught:
        _load_with(rot_text, old, new)
    assert caught.value.location == "rotation.methadone.methods[fixed].frequency_source"
