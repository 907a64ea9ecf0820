"""A batch line read in pieces is the line read whole (perf-summary6, issue 11 item 8).

``split_flat_array`` cuts a line at its array of flat objects; ``SummaryLines`` reads each
distinct piece once. The properties: whenever the strict reader accepts the shell and every
piece, it accepts the line and gives the same value (the shell with the pieces put back); and a
summary read in pieces has the same context and items as the line validated whole, or is not
read in pieces at all (a refused line is always refused by the whole reading, with its own
error). Lines are made of flat and nested items and shells (good and refused), written compactly or
not, then twisted in the ways a cut could be fooled: a brace or bracket inside a string, a
separator JSON does not allow, a byte that is not UTF-8, a list in the shell, a key written
twice, NaN, a long integer, the array in a string or one level down. (The summary equivalence
property, ``test_batch_summary_equivalence.py``, runs its own lines through the same path.)
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.json_pieces import split_flat_array
from mps_pain.services.batch_summary import SummaryLines, read_line
from mps_pain.tables.loader import get_tables
from tests.robustness.test_batch_summary_equivalence import EXAMPLES
from tests.robustness.test_fast_json import _same

TABLES = get_tables()
SUMMARIES = SummaryLines(TABLES, None, None)
PLAIN = (
    b'{"table": "cdc-2022", "prn": "include", "items": [{"drug": "morphine", "route": "oral",'
    b' "dose": "5 mg", "frequency": "q4h"}, {"drug": "pregabalin", "route": "oral", "dose":'
    b' "25 mg", "frequency": "bid"}]}\n'
)
TWISTS = [
    (b"", b""),
    (b'"oral"', b'"or}al"'),  # a brace in a string
    (b'"oral"', b'"or]al"'),  # a bracket in a string
    (b'"oral"', b'"or{al"'),
    (b"}, {", b"}\x0b, {"),  # not JSON whitespace
    (b"}, {", b"}\t,\r\n{"),  # JSON whitespace
    (b"}, {", b"} {"),  # no comma
    (b"}, {", b"},, {"),
    (b"}]", b"},]"),  # a trailing comma
    (b"[{", b"[ {"),
    (b'"mg"', b'"m\xffg"'),  # not UTF-8
    (b'"route"', b'"drug": "x", "route"'),  # a key twice in an item
    (b'"prn": "include"', b'"prn": "include", "prn": "exclude"'),  # a key twice in the shell
    (b'"table"', b'"title": "[", "table"'),  # a bracket in the shell's text
    (b'"table"', b'"note": "]", "table"'),
    (b'"table"', b'"patient": {"age": [70]}, "table"'),  # a list in the shell
    (b'"items": [', b'"items": [], "items": ['),  # the array key twice
    (b'"items": [', b'"items": "[", "x": ['),  # the array inside a string
    (b'"items"', b'"patient": {"items"'),  # the array one level down
    (b'"dose": "5 mg"', b'"dose": NaN'),
    (b'"dose": "5 mg"', b'"dose": 1e400'),
    (b'"dose": "5 mg"', b'"dose": 12345678901234567890'),
    (b'"dose": "5 mg"', b'"dose": "5 mg", "doses_per_day": 2'),
    (b"\n", b"]\n"),
    (b"{", b"\xef\xbb\xbf{"),  # a byte-order mark inside the batch
]


def _pieces_value(split: tuple[bytes, list[bytes]]) -> Any:
    """The shell's and pieces' strict readings put together, or None if any is refused."""
    shell_text, texts = split
    try:
        shell = read_line(shell_text)
        pieces = [read_line(text) for text in texts]
    except MpsPainError:
        return None
    if type(shell) is not dict or shell.get("items") != [] or type(shell["items"]) is not list:
        return None
    if any(type(piece) is not dict for piece in pieces):
        return None
    return {**shell, "items": pieces}  # the array's place among the keys is kept


def _whole(line: bytes) -> Any:
    try:
        return read_line(line)
    except MpsPainError:
        return None


def _check_cut(line: bytes) -> None:
    split = split_flat_array(line)
    if split is None:
        return
    put_together = _pieces_value(split)
    if put_together is None:
        return  # a piece refused: the summary reads the line whole
    whole = _whole(line)
    assert whole is not None, f"the pieces are read but the line is refused: {line!r}"
    assert _same(put_together, whole), line


ITEMS: list[dict[str, Any]] = [
    {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h"},
    {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"},
    {"drug": "morphine", "route": "sc", "dose": "2.5 mg", "prn": True, "doses_per_day": 3},
    {"drug": "fentanyl", "route": "transdermal", "rate": "25 mcg/h"},
    {"drug": "pregabalin", "route": "oral", "dose": "75 mg", "frequency": "bid"},
    {"drug": "methadone", "route": "oral", "daily_dose": "20 mg/day"},
    {"drug": "morphine", "route": "oral", "dose": {"value": 5, "unit": "mg"}, "frequency": "q4h"},
    {"drug": "morphinex", "route": "oral", "dose": "5 mg", "frequency": "q4h"},  # refused
    {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h", "doze": 1},
    {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h", "prn": 1},
    {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h", "note": "a, {b}"},
    {"drug": "morphine", "route": "oral", "dose": "5 mg", "frequency": "q4h", "note": "é"},
]
SHELLS: list[dict[str, Any]] = [
    {},
    {"table": "cdc-2022", "prn": "include"},
    {"table": "uk-palliative", "market": "UK", "patient": {"age": 80, "egfr": "25 mL/min"}},
    {"prn": "exclude", "patient": {"qtc": "520 ms", "opioid_tolerant": False}},
    {"table": "nope-2020"},
    {"tabel": "cdc-2022"},
    {"title": "a" * 1000},
]


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    """A batch line of flat (mostly) items, written compactly or not, then twisted."""
    document = dict(draw(st.sampled_from(SHELLS)))
    at = draw(st.integers(0, len(document)))
    chosen = draw(st.lists(st.sampled_from(ITEMS), max_size=5))
    document = dict([*list(document.items())[:at], ("items", chosen), *list(document.items())[at:]])
    separators = draw(st.sampled_from([(", ", ": "), (",", ":")]))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()), separators=separators)
    old, new = draw(st.sampled_from(TWISTS))
    line = text.encode() + b"\n"
    return line.replace(old, new, draw(st.sampled_from([1, -1]))) if old else line


# ~15 ms of CPU an example, mostly drawing it: 100 in the default run, as the summary
# equivalence property; ci-long draws its own 5,000
@settings(max_examples=EXAMPLES)
@given(line=lines())
def test_a_line_read_in_pieces_is_the_line_read_whole(line: bytes) -> None:
    _check_cut(line)
    summaries = SUMMARIES  # shared: pieces remembered from earlier examples are read too
    for _ in range(2):  # the second time from the remembered pieces
        found = summaries._pieces(line)
        if found is None:
            continue
        context, items = summaries._document(read_line(line))  # raises if the line is refused
        assert found[0] == context and found[1] == items


@pytest.mark.parametrize("twist", TWISTS)
def test_each_twist_of_a_plain_line(twist: tuple[bytes, bytes]) -> None:
    _check_cut(PLAIN.replace(*twist) if twist[0] else PLAIN)


def test_a_plain_line_is_read_in_pieces_and_a_refused_piece_is_not() -> None:
    summaries = SummaryLines(TABLES, None, None)
    found = summaries._pieces(PLAIN)
    assert found is not None and [i.drug for i in found[1]] == ["morphine", "pregabalin"]
    assert summaries._pieces(PLAIN.replace(b'"route"', b'"drug": "x", "route"')) is None
    assert summaries._pieces(PLAIN.replace(b'"dose"', b'"dose": "1 mg", "dose"', 1)) is None
    assert summaries._pieces(PLAIN.replace(b'"oral"', b'"or}al"')) is None
    assert summaries._pieces(PLAIN.decode()) is None  # text: read whole


def test_a_refused_line_gives_its_own_refusal_in_pieces_too() -> None:
    """The summary of a line whose piece is refused is the whole line's refusal."""
    summaries = SummaryLines(TABLES, None, None)
    summaries.text(PLAIN)  # its pieces remembered
    for old, new in TWISTS[1:]:
        line = PLAIN.replace(old, new)
        try:
            whole = summaries._document(read_line(line))
        except MpsPainError as exc:
            with pytest.raises(MpsPainError) as again:
                summaries.text(line)
            assert again.value.to_dict() == exc.to_dict()
            continue
        assert summaries._pieces(line) in (None, whole)


def test_the_cut_keeps_the_array_where_json_puts_it() -> None:
    line = json.dumps({"items": [{"a": 1}, {"b": "x,y"}], "prn": "include"}).encode()
    assert split_flat_array(line) == (
        b'{"items": [], "prn": "include"}',
        [b'{"a": 1}', b'{"b": "x,y"}'],
    )
    assert split_flat_array(b'{"items": []}') is None  # no object: read whole
