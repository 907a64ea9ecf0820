"""``loads_json_fast`` gives the strict reader's value, or leaves the line to the strict reader.

The property: for any JSON-ish text, either the fast reader says UNDECIDED, or the strict reader
accepts the text and gives an equal value with the same types (``True`` is not ``1``, ``1.0`` is
not ``1``). Texts are generated from values (with floats, big integers, unicode, nesting) and
then twisted (a key written twice, an exponent, NaN, a cut, an escape).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import DocumentFormatError
from mps_pain.strict_load import UNDECIDED, loads_json, loads_json_fast

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=20,
)
TWISTS = ["", '"a":1,"a":2', "1e400", "NaN", "-Infinity", '"x" : 1', "\\u00e9", "1E5", "\n"]


def _same(left: Any, right: Any) -> bool:
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(
            _same(a, b) for a, b in zip(left, right, strict=True)
        )
    return bool(left == right)


@given(value=values, twist=st.sampled_from(TWISTS), at=st.integers(0, 10_000), ascii_=st.booleans())
def test_fast_reader_agrees_with_the_strict_reader(
    value: Any, twist: str, at: int, ascii_: bool
) -> None:
    text = json.dumps({"v": value}, ensure_ascii=ascii_)
    cut = at % (len(text) + 1)
    if twist:
        text = text[:cut] + twist + text[cut:]
    data = text.encode("utf-8", "surrogatepass")
    fast = loads_json_fast(data)
    if fast is UNDECIDED:
        return
    try:
        strict = loads_json(data.decode("utf-8"))
    except (DocumentFormatError, UnicodeDecodeError) as exc:
        raise AssertionError(
            f"the fast reader accepted what the strict one refuses: {exc}"
        ) from None
    assert _same(fast, strict)


def test_a_key_written_twice_is_left_to_the_strict_reader() -> None:
    for text in (b'{"a":1,"a":2}', b'{"a" :1,"a":2}', b'{"b":{"a":1,\n"a":2}}'):
        assert loads_json_fast(text) is UNDECIDED


def test_numbers_the_strict_reader_refuses_are_left_to_it() -> None:
    for text in (b'{"a":1e400}', b'{"a":1234567890123456789}', b'{"a":NaN}', b'{"a":-Infinity}'):
        assert loads_json_fast(text) is UNDECIDED


def test_a_plain_regimen_line_is_read_fast() -> None:
    line = b'{"prn":"include","items":[{"drug":"morphine","dose":"10 mg","prn":false,"n":2.5}]}'
    assert loads_json_fast(line) == json.loads(line)
