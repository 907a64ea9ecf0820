"""A 12-hourly oral frequency implies the modified-release form only where a source says so.

Defect (clinician re-check 18b, #7): "tapentadol oral q12h" and "hydromorphone oral q12h" were
refused with "choose the form" while "morphine oral q12h" planned, though the Tapenta label
(jp-label-tapenta, the tapentadol ER tablet) gives it "in 2 doses" a day. Hydromorphone has no
such source (the Narusus ER label is once a day), so its q12h is still not assumed, but the
refusal now says which form is given at that interval instead of listing every form.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.form_inference import form_rules, infer_form, interval_rule
from mps_pain.domain.frequency import parse_frequency
from mps_pain.domain.rotation.context import resolve_target
from mps_pain.domain.rotation.requests import RotationRequest
from mps_pain.errors import InputError
from mps_pain.tables.index import TableIndex
from mps_pain_cli.main import main
from ui.error_words import plain_error


def _request(drug: str, frequency: str) -> RotationRequest:
    return RotationRequest.model_validate(
        {
            "from": {
                "items": [
                    {
                        "drug": "oxycodone",
                        "route": "oral",
                        "form": "er",
                        "dose": "20 mg",
                        "frequency": "bid",
                    }
                ]
            },
            "to": {"drug": drug, "route": "oral", "frequency": frequency},
        }
    )


def test_tapentadol_q12h_is_modified_release_citing_its_label(tables: TableIndex) -> None:
    inferred = infer_form(tables, "tapentadol", "oral", parse_frequency("q12h"))
    assert inferred is not None and inferred.form == "er"
    assert "Tapenta" in inferred.explanation


def test_cli_rotate_tapentadol_q12h_plans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rot.json"
    path.write_text(
        json.dumps(_request("tapentadol", "q12h").model_dump(by_alias=True, exclude_none=True))
    )
    code = main(["rotate", str(path), "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert json.loads(out.out)["regimen"]["form"] == "er"


def test_hydromorphone_q12h_is_not_assumed_but_the_refusal_names_the_form(
    tables: TableIndex,
) -> None:
    assert infer_form(tables, "hydromorphone", "oral", parse_frequency("q12h")) is None
    with pytest.raises(InputError) as caught:
        resolve_target(tables, _request("hydromorphone", "q12h"), "methadone")
    error = caught.value
    assert error.reason == "form-ambiguous"
    assert error.context["given_at"] == ("Modified-release oral",)
    for text in (str(error), plain_error(error)):
        assert "modified-release oral" in text.lower() and "at q12h" in text, text
        assert "every 4–6 h" in text, text  # why not the immediate-release form


@settings(max_examples=60, deadline=None)
@given(
    drug=st.sampled_from(["morphine", "oxycodone", "hydromorphone", "tapentadol"]),
    frequency=st.sampled_from(["q4h", "q6h", "q8h", "q12h", "daily", "bid", "tid"]),
)
def test_a_form_refusal_names_every_form_given_at_the_interval(
    tables: TableIndex, drug: str, frequency: str
) -> None:
    """Invariant: a target left without a form is either inferred (a cited rule) or refused
    naming exactly the forms whose cited intervals take that frequency."""
    parsed = parse_frequency(frequency)
    if infer_form(tables, drug, "oral", parsed) is not None:
        return
    resolved = tables.resolve_drug(drug, location=None)
    fitting = tuple(
        f.name
        for f in resolved.forms
        if "oral" in f.routes
        and (rule := interval_rule(resolved, f.id, "oral")) is not None
        and rule.accepts(parsed.interval_h)
    )
    with pytest.raises(InputError) as caught:
        resolve_target(tables, _request(drug, frequency), "methadone")
    if caught.value.reason == "form-ambiguous":
        assert caught.value.context["given_at"] == fitting


def test_every_modified_release_rule_cites_a_source_of_its_own_drug() -> None:
    """A rule is added only for a drug whose own source gives its 12-hourly product."""
    for rule in form_rules():
        if rule.form == "er":
            assert rule.citation.source != "mps-pain-rotation-policy"
