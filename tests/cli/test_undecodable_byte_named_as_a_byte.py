"""Fuzz review 18d, D3 (low): a byte that is not UTF-8 in an option (0xFF, or 0xA0 from a
Latin-1 terminal) was echoed as Python's internal escape ('\\udcff') and named "an invisible
character (U+DCFF, U+DCFF)": a code point that is no character, named twice. Python carries such
a byte as a lone surrogate (U+DC80-U+DCFF); the echo rule (``mps_pain.echo``) now shows and
names it as the byte it was: "a byte that is not UTF-8 text (0xFF)", once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.echo import excerpt, hidden_name, invisible_note
from mps_pain_cli.main import main


@pytest.mark.parametrize(("raw", "byte"), [("\udcff", "0xFF"), ("\udca0", "0xA0")])
def test_the_reviews_option_byte_is_named_as_a_byte_once(
    raw: str, byte: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["practice", "new", "--level", raw])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"a byte that is not UTF-8 text ({byte})" in err, err
    assert "U+DC" not in err and "\\udc" not in err and "invisible" not in err, err
    assert err.count(byte) == 1, err


def test_a_real_no_break_space_is_still_named_as_a_character() -> None:
    assert invisible_note("\u00a0") == "; it holds an invisible character (NO-BREAK SPACE, U+00A0)"


@given(st.integers(min_value=0x80, max_value=0xFF), st.text(max_size=5))
def test_every_undecodable_byte_is_echoed_and_named_as_itself(value: int, rest: str) -> None:
    raw = bytes([value]).decode("utf-8", errors="surrogateescape")
    assert raw != chr(value)  # Python's escape for it, not the Latin-1 character
    assert f"\\x{value:02x}" in excerpt(raw + rest)
    assert hidden_name(raw) == f"a byte that is not UTF-8 text (0x{value:02X})"


def test_a_character_without_a_name_is_numbered_once() -> None:
    assert hidden_name("\ue000") == "an invisible character (U+E000)"
