"""Every text of the tables that reaches a clinician (a citation's locator, a rule's message or
note, a source's title) speaks of the source or the rule, never of how the product was built:
no review rounds, issue numbers or dates of our own work (clinician review 5, item 10: a signed
UK plan printed "(outside review, 2 December 2026 …)" and a Japanese product example inside a
rule's citation). The history of a rule belongs in a YAML comment or the commit log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
PRINTED_KEYS = {"locator", "message", "note", "citation", "title", "why", "text"}
PROCESS_WORDS = re.compile(
    r"outside (pharmacist |fuzz |clinician )?review|pharmacist review|fuzz review|clinician review"
    r"|lead's review|\bissue #\d\b|\bissue \d+\b|\bD\d+\b|\b\d{1,2} December\b|\bsession\b.*review",
    re.IGNORECASE,
)


def _printed_texts(node: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key in PRINTED_KEYS:
                yield ".".join((*path, str(key))), value
            else:
                yield from _printed_texts(value, (*path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _printed_texts(value, (*path, str(i)))


def test_no_printed_table_text_speaks_of_how_the_product_was_built() -> None:
    document = yaml.safe_load((REPO / "data" / "conversion_tables.yaml").read_text("utf-8"))
    found = [
        f"{where}: {PROCESS_WORDS.search(text).group(0)!r}"  # type: ignore[union-attr]
        for where, text in _printed_texts(document)
        if PROCESS_WORDS.search(text)
    ]
    assert found == []


def test_the_lint_finds_the_wording_it_is_for() -> None:
    sample = {"rules": [{"citation": {"locator": "Software rule (outside review, 2 December)"}}]}
    assert [w for w, t in _printed_texts(sample) if PROCESS_WORDS.search(t)] == [
        "rules.0.citation.locator"
    ]
