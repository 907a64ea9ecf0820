"""A refusal never doubles its punctuation where two clauses meet (fuzz review 19, D6: "unknown
drug 'unobtainium'.; nothing was imported").

The class: a message that already ends a sentence ("… 'unobtainium'." or "… Did you mean
morphine?") joined to a further clause by hand (``f"{err.message}; {unsaved}"``). One joining
rule, ``sentences.then``, says where the clauses meet; these tests hold the rule, the reported
refusal, and that no message is joined to a clause by hand in the code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.sentences import then
from mps_pain.services.example_patients import example_documents
from tests.cli_runner import REPO, run_cli

DOUBLED = re.compile(r"[.?!][;,:.]|[;,:][;,:.]")

_words = st.text(alphabet="abc 'xyz", min_size=1, max_size=12).map(str.strip).filter(bool)
_ends = st.sampled_from(["", ".", "?", "!"])
_tails = st.sampled_from(["; ", ". ", ", ", ": "])


@given(_words, _ends, _tails, _words)
def test_no_punctuation_is_doubled_where_clauses_meet(head, end, sep, tail) -> None:
    joined = then(head + end, sep + tail)
    assert not DOUBLED.search(joined), joined
    assert joined.startswith(head) and joined.endswith(tail[1:])
    assert tail[1:] in joined  # the second clause is kept, word for word (after its first)


@given(_words, _tails, _words)
def test_a_clause_after_a_whole_sentence_starts_a_sentence(head, sep, tail) -> None:
    joined = then(f"{head}?", sep + tail)
    assert joined == f"{head}? {tail[0].upper()}{tail[1:]}"


@given(_words, _tails, _words)
def test_a_clause_after_a_clause_is_joined_as_written(head, sep, tail) -> None:
    assert then(head, sep + tail) == head + sep + tail


def test_an_ellipsis_is_not_a_full_stop() -> None:
    assert then("items a, b, …", "; nothing was imported") == "items a, b, …; nothing was imported"
    assert then("more...", "; x") == "more...; x"


def _import(tmp_path: Path, drug: str) -> str:
    document = example_documents()[0].model_dump(mode="json")
    document["regimen_versions"][0]["regimen"]["items"][0]["drug"] = drug
    path = tmp_path / "record.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = run_cli("patients", "import", str(path), "--database", database)
    assert result.returncode == 2, result.stdout + result.stderr
    return result.stderr


def test_the_reported_refusal_is_one_sentence_then_the_next(tmp_path: Path) -> None:
    said = _import(tmp_path, "unobtainium")
    assert "unknown drug 'unobtainium'. Nothing was imported" in said, said
    assert not DOUBLED.search(said), said


def test_a_suggestion_ending_in_a_question_is_followed_by_a_sentence(tmp_path: Path) -> None:
    said = _import(tmp_path, "morphne")
    assert "Did you mean morphine" in said and "? Nothing was imported" in said, said


_BY_HAND = re.compile(r"\{(?:\w+\.)*(message|msg|detail|sentence)(\([^{}]*\))?\}[;,:.] ")


def test_no_message_is_joined_to_a_clause_by_hand() -> None:
    """Another module's message may end a sentence; it meets the next clause through ``then``."""
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for root in ("mps_pain", "mps_pain_cli", "ui")
        for path in sorted((REPO / root).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _BY_HAND.search(line)
    ]
    assert not found, found
