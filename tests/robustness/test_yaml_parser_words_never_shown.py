"""Fuzz review 18, D6: a YAML document with text after its '...' end marker was refused in
PyYAML's own words, "did not find expected <document start>": the table of plain words
(``strict_load._YAML_PROBLEMS``) fell back to the parser's phrase for any phrase it did not list.
No refusal of a document the YAML parser cannot read says the parser's phrase: a listed phrase
in plain words, any other in one plain sentence, still at its line and column."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.strict_load import StrictYamlLoader, yaml_refusal


def _parser_problem(text: str) -> yaml.MarkedYAMLError | None:
    try:
        yaml.load(text, Loader=StrictYamlLoader)
    except (yaml.scanner.ScannerError, yaml.parser.ParserError, yaml.composer.ComposerError) as exc:
        return exc
    except yaml.YAMLError:
        return None
    return None


REVIEWED = [
    "items: []\n...\nmore: 1\n",
    "items: []\n--- \nitems: []\n",
    "items: &a [] \nnote: &a x\n",
    "items: [] # ok\nnote: 'a' b\n",
    "items: !<bad tag> []\n",
    "note: &  x\n",
    "%YAML 1.1\n%YAML 1.1\n---\nitems: []\n",
    "items: |0\n  x\n",
]


@pytest.mark.parametrize("text", REVIEWED)
def test_a_listed_or_unlisted_parser_phrase_is_never_said(text: str) -> None:
    exc = _parser_problem(text)
    assert exc is not None and exc.problem
    said, where = yaml_refusal(exc, "doc.yaml")
    assert exc.problem.split(",")[0] not in said, said
    assert where is not None and where.startswith("line ")


def test_text_after_the_end_marker_is_said_as_such() -> None:
    exc = _parser_problem(REVIEWED[0])
    assert exc is not None
    said, _ = yaml_refusal(exc, "doc.yaml")
    assert "'...'" in said and "document start" not in said, said


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:- \n'\"[]{},&*!|>%#.\t", max_size=30))
def test_no_parser_phrase_reaches_a_refusal(text: str) -> None:
    exc = _parser_problem(text)
    if exc is None or not exc.problem:
        return
    said, _ = yaml_refusal(exc, "doc.yaml")
    assert exc.problem.split(",")[0].split("%")[0] not in said, (text, exc.problem, said)
