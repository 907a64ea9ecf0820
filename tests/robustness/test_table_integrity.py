"""Issue 12 class 7: a wrong but valid table value must not load silently."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from mps_pain.errors import TableValidationError
from mps_pain.paths import TABLES_ENV
from mps_pain.tables.loader import (
    default_tables_path,
    get_tables,
    load_tables,
    load_tables_text,
    recorded_sha256,
)
from tests.robustness.cli import call

SHIPPED = default_tables_path()
OXYCODONE_JSPM = (
    "{drug: oxycodone, routes: [oral], per: mg/day, factor: 1.5, citation: {source: jspm-2010"
)


def _shipped_with(old: str, new: str) -> bytes:
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new).encode()


def test_the_shipped_tables_match_the_recorded_hash() -> None:
    digest = hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert recorded_sha256() == digest, (
        "data/conversion_tables.yaml changed: after review, record its hash with "
        "`python -m mps_pain.tables.loader --record`"
    )
    assert get_tables().modified_path is None


def test_an_oxycodone_factor_raised_tenfold_is_refused_at_load() -> None:
    text = _shipped_with(OXYCODONE_JSPM, OXYCODONE_JSPM.replace("1.5", "15"))
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(text, origin="edited.yaml")
    assert caught.value.location is not None
    assert caught.value.location.startswith("reference_sets[jspm-2010].factors[")
    assert "in the other sets" in caught.value.message


@pytest.mark.parametrize("factor", ["1e308", "1e9", "200"])
def test_an_oral_factor_out_of_its_sanity_bounds_is_refused(factor: str) -> None:
    text = _shipped_with(OXYCODONE_JSPM, OXYCODONE_JSPM.replace("1.5", factor))
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(text, origin="edited.yaml")
    assert caught.value.location is not None and "jspm-2010" in caught.value.location


def test_a_rate_unit_the_engine_does_not_compute_is_refused_naming_the_place() -> None:
    text = _shipped_with(OXYCODONE_JSPM, OXYCODONE_JSPM.replace("mg/day", "mg/min"))
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(text, origin="edited.yaml")
    assert caught.value.location is not None and caught.value.location.endswith(".per")
    assert "mg/h, mg/day" in caught.value.message


def test_a_yaml_error_is_one_line_with_file_line_and_column() -> None:
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(b"version: 1\nsources: [unclosed\n", origin="broken.yaml")
    assert "\n" not in str(caught.value)
    assert caught.value.message.startswith("broken.yaml is not valid YAML")
    assert re.fullmatch(r"line \d+, column \d+", caught.value.location or "")


def test_a_table_nested_beyond_the_documents_depth_limit_is_refused_at_the_document() -> None:
    # the table loader reads YAML through the one strict reader the documents use (loads_yaml),
    # so its depth limit applies: before, a too-deep table went on to the schema's first error
    nested = b"version: 1\nsources: " + b"[" * 40 + b"]" * 40 + b"\n"
    with pytest.raises(TableValidationError) as caught:
        load_tables_text(nested, origin="deep.yaml")
    assert caught.value.location == "(document)"
    assert caught.value.message.startswith("deep.yaml")


def test_a_small_edit_is_labelled_modified_tables_in_every_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = tmp_path / "edited.yaml"
    edited.write_bytes(_shipped_with(OXYCODONE_JSPM, OXYCODONE_JSPM.replace("1.5", "1.6")))
    assert load_tables(edited).modified_path == str(edited.resolve())
    monkeypatch.setenv(TABLES_ENV, str(edited))
    get_tables.cache_clear()
    try:
        document = '{"items":[{"drug":"morphine","route":"oral","dose":"10 mg","frequency":"q4h"}]}'
        as_json = call(["mme", "-", "--json"], document)
        as_text = call(["mme", "-"], document)
    finally:
        get_tables.cache_clear()
    assert json.loads(as_json.stdout)["table"]["modified_path"] == str(edited.resolve())
    assert "MODIFIED TABLES" in as_json.stderr and "MODIFIED TABLES" in as_text.stderr
    assert f"MODIFIED TABLES: {edited.resolve()}" in as_text.stdout


def test_the_tables_command_prints_the_full_hash() -> None:
    outcome = call(["tables"])
    assert f"sha256 {get_tables().sha256}, shipped version" in outcome.stdout
