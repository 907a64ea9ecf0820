"""Fuzz review 18, D5, in the app: an unknown drug name was cut to 60 characters and "…" with no
length, its own rule beside the CLI's. The app's sentence echoes a long name by the one echo
rule (``mps_pain.echo.excerpt``): its start and its true length."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.plain_language import unknown_drug_words


@given(length=st.integers(61, 5000))
def test_a_long_unknown_drug_name_is_said_with_its_true_length(length: int) -> None:
    said = unknown_drug_words("q" * length, [])
    assert f"({length} characters)" in said and len(said) < 200, said


def test_a_short_name_is_said_whole() -> None:
    assert "“oxycodne”" in unknown_drug_words("oxycodne", ["oxycodone"])
