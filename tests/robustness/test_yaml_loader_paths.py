"""The strict YAML loader gives the same tables and the same refusals on every path it can take.

It is built on libyaml's CSafeLoader when PyYAML has it (the fast parse the app's start-up relies
on) and on PyYAML's pure-Python SafeLoader otherwise; both must read the shipped tables to the
same values. Its checks take a fast path for the usual document (no refused number, no key
written twice) and walk again only to name the refusal: the refusal must still be the first one
in document order, named by its path, and a key written twice anywhere must still be refused.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import DocumentFormatError
from mps_pain.paths import default_tables_path
from mps_pain.strict_load import StrictYamlChecks, StrictYamlLoader, loads_yaml


class _PurePythonStrictLoader(StrictYamlChecks, yaml.SafeLoader):
    """The strict loader's checks and constructors on PyYAML's pure-Python base."""

    yaml_constructors = StrictYamlLoader.yaml_constructors


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_the_strict_loader_runs_on_libyaml() -> None:
    assert issubclass(StrictYamlLoader, yaml.CSafeLoader)


def test_libyaml_and_pure_python_read_the_shipped_tables_identically() -> None:
    text = default_tables_path().read_bytes()
    fast = yaml.load(text, Loader=StrictYamlLoader)
    slow = yaml.load(text, Loader=_PurePythonStrictLoader)
    assert fast == slow
    assert repr(fast) == repr(slow)  # the same types too (an int is not read as a float)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "a:\n  - {x: 1, y: 2, x: 3}\n",
            "key 'x' appears twice in one mapping (line 2 and line 2)",
        ),
        (
            "a:\n  b: 1\n  c:\n    d: 1\n    d: 2\n",
            "key 'd' appears twice in one mapping (line 4 and line 5)",
        ),
        ("a: 1\n? [1, 2]\n: b\n", "a key must be a text or a number, not a list or a mapping"),
        ("? {x: 1}\n: b\n", "a key must be a text or a number, not a list or a mapping"),
        ("1: a\n'1': b\n1: c\n", "key '1' appears twice in one mapping (line 1 and line 3)"),
    ],
)
def test_a_key_written_twice_is_refused_at_any_depth(text: str, words: str) -> None:
    with pytest.raises(DocumentFormatError) as caught:
        loads_yaml(text)
    assert words in str(caught.value)


def test_distinct_keys_of_different_kinds_all_load() -> None:
    assert loads_yaml("1: a\n'1': b\n0.5: c\n'0.5': d\n") == {
        1: "a",
        "1": "b",
        0.5: "c",
        "0.5": "d",
    }


_NAMES = st.sampled_from(["dose", "rate", "items", "value", "per", "factor"])
_LEAVES = st.one_of(st.integers(-999, 999), st.sampled_from([0.5, 12.5, 100.0]), st.just("mg"))
_DOCUMENTS = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3),
        st.dictionaries(_NAMES, children, min_size=1, max_size=3),
    ),
    max_leaves=12,
)
_BAD_SPELLINGS = ["012", "0x1E", "1_000", "1:30", ".inf"]


def _marked(value: Any, path: str, paths: list[str]) -> Any:
    """The document with each number replaced by a marker ``@N@``; ``paths`` gets each number's
    path, in document order, as a refusal names it."""
    if isinstance(value, dict):
        return {k: _marked(v, f"{path}.{k}" if path else k, paths) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v, f"{path}[{i}]", paths) for i, v in enumerate(value)]
    if isinstance(value, int | float):
        paths.append(path)
        return f"@{len(paths) - 1}@"
    return value


@given(_DOCUMENTS, st.data())
def test_the_refusal_names_the_first_non_decimal_number_in_document_order(
    document: Any, data: st.DataObject
) -> None:
    paths: list[str] = []
    text = yaml.safe_dump(_marked({"doc": document}, "", paths), sort_keys=False)
    if not paths:
        return
    chosen = set(data.draw(st.lists(st.integers(0, len(paths) - 1), min_size=1, max_size=3)))
    bad = data.draw(st.sampled_from(_BAD_SPELLINGS))
    for index in range(len(paths)):  # a marker is dumped quoted: '@N@'
        text = text.replace(f"'@{index}@'", bad if index in chosen else "12.5", 1)
    with pytest.raises(DocumentFormatError) as caught:
        loads_yaml(text)
    assert f"YAML: {paths[min(chosen)]}:" in str(caught.value)
