"""A lone surrogate in any text of a document, value or key, is refused naming the field
(``validation.refuse_lone_surrogates``), never a crash (outside fuzz review 4, C2: ``rotate``
crashed with a UnicodeEncodeError on ``"\\ud800"`` in ``reduction``, valid JSON but no
character, because its validator echoed the text in a message). Reproducer:
/work/review4/fuzz/repro/C2-*.json (copied below).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.validation import NOT_TEXT, format_location
from tests.cli_runner import run_document

C2_ROTATE: dict[str, Any] = {
    "from": {
        "items": [
            {"drug": "hydromorphone", "route": "oral", "daily_dose": "24 mg/day"},
            {
                "drug": "tramadol",
                "route": "oral",
                "form": "ir",
                "dose": "25 mg",
                "frequency": "every 6 h",  # an immediate-release interval (fuzz review 21, D1)
            },
        ],
        "prn": "include",
    },
    "to": {"drug": "methadone", "route": "oral"},
    "table": "uk-palliative",
    "reduction": "30%",
    "methadone_method": "ccdhb",
    "methadone_schedule": "three-step",
    "patient": {"hepatic_impairment": "none"},
}
_MME = {
    "table": "fpm-2021",
    "prn": "include",
    "items": [{"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q12h"}],
}
_MORPHINE_Q4H = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}
_CHECK: dict[str, Any] = {
    "from": {"items": [_MORPHINE_Q4H]},
    "proposed": {
        "items": [
            _MORPHINE_Q4H,
            {
                "drug": "paracetamol",
                "route": "oral",
                "prn": True,
                "dose": "1 g",
                "doses_per_day": 2,
            },
        ]
    },
    "table": "uk-palliative",
}
_DOCUMENTS = {"rotate": C2_ROTATE, "check": _CHECK, "mme": _MME}


def test_a_lone_surrogate_in_reduction_is_refused_naming_it() -> None:
    reproducer = {**C2_ROTATE, "methadone_method": "morley-makin", "reduction": "\ud800"}
    del reproducer["patient"]  # C2-rotate-surrogate-reduction.json as found
    done = run_document("rotate", reproducer, "--json")
    assert done.returncode == 2, done.stderr
    assert json.loads(done.stdout)["error"]["location"] == "reduction"
    assert "mps-pain: reduction: " in done.stderr


def _texts(value: Any, loc: tuple[int | str, ...] = ()) -> list[tuple[int | str, ...]]:
    """Every text of a document (values, and keys marked with a trailing None)."""
    if isinstance(value, str):
        return [loc]
    if isinstance(value, dict):
        found: list[tuple[int | str, ...]] = []
        for key, inner in value.items():
            found += [(*loc, key, None), *_texts(inner, (*loc, key))]  # type: ignore[list-item]
        return found
    if isinstance(value, list):
        return [path for i, inner in enumerate(value) for path in _texts(inner, (*loc, i))]
    return []


def _with_surrogate(document: Any, path: tuple[Any, ...], mark: str, at: int) -> Any:
    """The document with ``mark`` inserted at ``at`` into the text (or key) at ``path``."""
    head, rest = path[0], path[1:]
    if rest == (None,):  # the key itself
        return {(k[:at] + mark + k[at:] if k == head else k): v for k, v in document.items()}
    copy = list(document) if isinstance(document, list) else dict(document)
    inner = document[head]
    copy[head] = (
        inner[:at] + mark + inner[at:] if not rest else _with_surrogate(inner, rest, mark, at)
    )
    return copy


@given(
    command=st.sampled_from(sorted(_DOCUMENTS)),
    data=st.data(),
    mark=st.integers(0xD800, 0xDFFF).map(chr),
)
def test_a_lone_surrogate_in_any_text_is_refused_naming_the_field(
    command: str, data: st.DataObject, mark: str
) -> None:
    document = _DOCUMENTS[command]
    path = data.draw(st.sampled_from(_texts(document)))
    text = path[-2] if path[-1] is None else _at(document, path)
    at = data.draw(st.integers(0, len(text)))
    done = run_document(command, _with_surrogate(document, path, mark, at), "--json")
    assert done.returncode == 2, done.stderr
    error = json.loads(done.stdout)["error"]
    assert error["message"] == NOT_TEXT
    if path[-1] is None:
        shown = (text[:at] + mark + text[at:]).encode("utf-8", "backslashreplace").decode()
        assert error["location"] == format_location((*path[:-2], shown))
    else:
        assert error["location"] == format_location(path)


def _at(document: Any, path: tuple[Any, ...]) -> str:
    for step in path:
        document = document[step]
    assert isinstance(document, str)
    return document


@pytest.mark.parametrize("command", sorted(_DOCUMENTS))
def test_the_documents_without_a_surrogate_are_read(command: str) -> None:
    """The property's documents are valid as written: the refusal is the surrogate's alone."""
    done = run_document(command, _DOCUMENTS[command], "--json")
    assert done.returncode == 0, done.stderr
