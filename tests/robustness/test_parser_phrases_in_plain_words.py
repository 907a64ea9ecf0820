"""Fuzz review 16, N5: 144 of 810 document refusals ended in Python's JSON decoder's own words
("Expecting ',' delimiter", "Expecting value", "Extra data"), and YAML refusals in the YAML
parser's ("did not find expected node content"). Each is said in plain words, still at its line
and column (``strict_load._JSON_PROBLEMS``, ``_YAML_PROBLEMS``)."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_cli

_PARSER_WORDS = (
    "Expecting",
    "delimiter",
    "Extra data",
    "enclosed in double quotes",
    "Unterminated",
    "Invalid control character",
    "Invalid \\",
    "did not find expected",
    "unexpected end of stream",
    "mapping values are not allowed",
    "cannot start any token",
    "unknown escape character",
    "undefined alias",
)

_BROKEN = [
    '{"items": [{"drug": "morphine" "route": "oral"}]}',
    '{"items": [{"drug": "morphine",}]}',
    '{"items" []}',
    '{"items": []} {}',
    '{"items": [1,]}',
    '{"items": [{"drug": "morph',
    '{"note": "a\tb", "items": []}',
    '{"note": "\\q", "items": []}',
    '{"note": "\\u12", "items": []}',
    '{"items": }',
    "items: [",
    'note: "abc',
    "note: a: b",
    "items: [1, 2",
    "items: {a: 1",
    "items: *missing",
    "items:\n  - drug: morphine\n dose: 10 mg",
]


@pytest.mark.parametrize("text", _BROKEN)
def test_a_malformed_document_is_refused_in_plain_words_at_its_place(text: str) -> None:
    done = run_cli("mme", "-", stdin=text)
    assert done.returncode == 2, done.stdout
    assert done.stderr.count("\n") == 1, done.stderr
    assert "line " in done.stderr and "column " in done.stderr, done.stderr
    assert not [w for w in _PARSER_WORDS if w in done.stderr], done.stderr
