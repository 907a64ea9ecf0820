"""Fuzz review 18d, D5 (18c, carried): ``--as 'abc<NBSP>-1'`` was stored with no note and printed
as "Imported abc -1", which looks exactly like the id ``abc -1`` (then importable as a second
patient, with only a look-alike warning). The one id rule (``clean_identifier``) trims every
kind of outer space, and now refuses a space inside an id that is not the plain space (U+0020),
naming the character: an id must show what it is."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.persistence.identifiers import clean_identifier
from tests.cli_runner import run_cli

_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"]
_OTHER_SPACES = [s for s in _SPACES if s != " "]


@given(st.sampled_from(_OTHER_SPACES))
def test_a_space_inside_an_id_that_is_not_the_plain_space_is_refused_by_name(space: str) -> None:
    with pytest.raises(ValueError) as refused:
        clean_identifier(f"abc{space}-1")
    message = str(refused.value)
    named = unicodedata.normalize("NFC", space)  # the id is NFC first: EN QUAD is EN SPACE
    assert f"U+{ord(named):04X}" in message and unicodedata.name(named) in message, message
    assert "plain space" in message


def test_a_plain_space_inside_is_kept_and_outer_spaces_trimmed() -> None:
    assert clean_identifier("\u00a0abc -1\u3000") == "abc -1"


def test_the_reviews_import_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.sqlite3'}"
    assert run_cli("patients", "import", "--examples", "--database", url).returncode == 0
    exported = tmp_path / "p.json"
    done = run_cli(
        "patients", "export", "takamatsu-2018-case-1", "--database", url, "-o", str(exported)
    )
    assert done.returncode == 0, done.stderr
    done = run_cli("patients", "import", str(exported), "--as", "abc\u00a0-1", "--database", url)
    assert done.returncode == 2, done.stdout
    assert "NO-BREAK SPACE, U+00A0" in done.stderr and "Imported" not in done.stdout
    listed = run_cli("patients", "list", "--database", url)
    assert "abc" not in listed.stdout
