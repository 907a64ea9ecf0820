"""q12h oral oxycodone/morphine is modified-release, q4h immediate-release: one rule, every caller.

Defect (issue 10 §1): ``rotate`` refused a q12h oxycodone target with "choose the form of
Oxycodone". The inference is read from data/form_inference.yaml and stated in the output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mps_pain.domain.form_inference import form_rules, infer_form
from mps_pain.domain.frequency import parse_frequency
from mps_pain.tables.index import TableIndex
from mps_pain_cli.main import main


def _rotate(tmp_path: Path, capsys: pytest.CaptureFixture[str], to: dict[str, str]) -> dict:
    document = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": to,
    }
    path = tmp_path / "rotate.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["rotate", str(path), "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    payload: dict = json.loads(out.out)
    return payload


def test_every_rule_names_a_shipped_source_and_form(tables: TableIndex) -> None:
    for rule in form_rules():
        assert rule.citation.source in tables.tables.sources
        drug = tables.resolve_drug(rule.drug, location=None)
        assert rule.form in {f.id for f in drug.forms if rule.route in f.routes}


@pytest.mark.parametrize(
    ("drug", "frequency", "form"),
    [
        ("oxycodone", "q12h", "er"),
        ("morphine", "bid", "er"),
        ("oxycodone", "q4h", "ir"),
        ("morphine", "q4h", "ir"),
    ],
)
def test_interval_implies_form(tables: TableIndex, drug: str, frequency: str, form: str) -> None:
    inferred = infer_form(tables, drug, "oral", parse_frequency(frequency))
    assert inferred is not None and inferred.form == form
    assert "give the form to choose another" in inferred.explanation


@pytest.mark.parametrize("frequency", ["q6h", "q8h", "daily"])
def test_ambiguous_interval_is_not_guessed(tables: TableIndex, frequency: str) -> None:
    assert infer_form(tables, "oxycodone", "oral", parse_frequency(frequency)) is None


def test_cli_rotate_q12h_oxycodone_is_modified_release_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = _rotate(tmp_path, capsys, {"drug": "oxycodone", "route": "oral", "frequency": "q12h"})
    assert payload["regimen"]["form"] == "er"
    inferred = [w for w in payload["warnings"] if w["code"] == "form-inferred"]
    assert inferred and "modified-release" in inferred[0]["message"]


def test_cli_rotate_explicit_form_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An explicit form is read, not inferred. (Until 2 December this used IR q12h, which the
    # interval rule of data/form_inference.yaml now refuses: see the test below.)
    payload = _rotate(
        tmp_path, capsys, {"drug": "oxycodone", "route": "oral", "form": "er", "frequency": "q24h"}
    )
    assert payload["regimen"]["form"] == "er"
    assert not [w for w in payload["warnings"] if w["code"] == "form-inferred"]


def test_cli_rotate_explicit_form_against_its_interval_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "from": {"items": [{"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}]},
        "to": {"drug": "oxycodone", "route": "oral", "form": "ir", "frequency": "q12h"},
    }
    path = tmp_path / "rotate.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["rotate", str(path), "--json"]) == 2
    assert "to.frequency" in capsys.readouterr().err
