"""Outside fuzz review 4: two inputs that ended in exit 3 (internal error).

C1: ``check`` crashed (IndexError) when the PROPOSED regimen held a drug only as needed
(paracetamol or tramadol PRN): the maximum-dose rule was asked for the total of the drug's
regular items, and there were none. The as-needed line gives a verdict, and its headroom
against the maximum is the ``max-daily-dose-as-needed`` caution (docs/cli-rotate.md).

C2: ``rotate`` crashed (UnicodeEncodeError) on a lone surrogate in ``reduction``
(``"\\ud800"`` is valid JSON but no character): its validator echoed the text in a message.
The class: a lone surrogate in ANY text of a document, value or key, is refused naming the
field (``validation.refuse_lone_surrogates``), as ``drug`` already was.
Reproducers: /work/review4/fuzz/repro/C1-*.json, C2-*.json (copied below).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.validation import NOT_TEXT, format_location
from tests.cli_runner import run_document

_MORPHINE_Q4H = {"drug": "morphine", "route": "oral", "dose": "10 mg", "frequency": "q4h"}
_TRAMADOL_PRN = {"drug": "tramadol", "route": "oral", "prn": True, "dose": "5 mg"}
_FULL_ITEMS = [
    {"drug": "fentanyl", "route": "im", "prn": True, "dose": "100 mcg", "doses_per_day": 0},
    {"drug": "oxycodone", "route": "im", "dose": "20 mg", "frequency": "qid"},
    {"drug": "buprenorphine", "route": "sublingual", "dose": "0.5 mg", "frequency": "q8h"},
    {**_TRAMADOL_PRN, "doses_per_day": 2.5},
    {"drug": "ketamine", "route": "oral", "dose": "10 mg", "frequency": "bid"},
]

C1_CHECKS: dict[str, dict[str, Any]] = {
    "paracetamol-prn": {
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
    },
    "tramadol-prn": {
        "from": {"items": [_MORPHINE_Q4H]},
        "proposed": {"items": [{**_TRAMADOL_PRN, "dose": "50 mg", "doses_per_day": 2}]},
        "table": "fpm-2021",
    },
    "min": {
        "from": {"items": [{**_TRAMADOL_PRN, "doses_per_day": 2.5}]},
        "proposed": {"items": [{**_TRAMADOL_PRN, "doses_per_day": 2.5}]},
        "table": "fpm-2021",
    },
    "full": {
        "from": {"items": _FULL_ITEMS},
        "proposed": {"items": _FULL_ITEMS},
        "table": "fpm-2021",
    },
}


@pytest.mark.parametrize("name", sorted(C1_CHECKS))
def test_check_gives_a_verdict_on_an_as_needed_only_drug_in_the_proposal(name: str) -> None:
    done = run_document("check", C1_CHECKS[name], "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] in ("below", "within", "above")


def test_an_as_needed_only_drug_above_its_maximum_is_the_as_needed_caution() -> None:
    """Tramadol 100 mg as needed 6 times a day = 600 mg/day, above the 400 mg/day maximum: the
    caution states it (never a danger for the regular total, which is none)."""
    document = {
        "from": {"items": [_MORPHINE_Q4H]},
        "proposed": {"items": [{**_TRAMADOL_PRN, "dose": "100 mg", "doses_per_day": 6}]},
        "table": "fpm-2021",
    }
    done = run_document("check", document, "--json")
    assert done.returncode == 0, done.stderr
    codes = {(w["code"], w["severity"]) for w in json.loads(done.stdout)["warnings"]}
    assert ("max-daily-dose-as-needed", "caution") in codes
    assert not any(code == "max-daily-dose" for code, _ in codes)


C2_ROTATE: dict[str, Any] = {
    "from": {
        "items": [
            {"drug": "hydromorphone", "route": "oral", "daily_dose": "24 mg/day"},
            {
                "drug": "tramadol",
                "route": "oral",
                "form": "ir",
                "dose": "25 mg",
                "frequency": "every 8 h",
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
_DOCUMENTS = {"rotate": C2_ROTATE, "check": C1_CHECKS["paracetamol-prn"], "mme": _MME}


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
