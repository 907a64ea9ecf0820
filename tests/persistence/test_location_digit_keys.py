"""Fuzz (ci-long, 4 December): a patient-record file whose regimen held the key "²" made
`patients import` exit 3 ("invalid literal for int() with base 10: '²'"). A location's path
took any segment for which `str.isdigit()` holds as a list index, and Unicode calls
superscripts and other digit signs digits that `int()` refuses. A list index in a location is
ASCII 0-9 only; every other segment is a key, kept as written. The same rule reads a regimen
diff's path in the app's words (`ui.error_words.path_words`)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mps_pain.errors import InputError
from tests.cli_runner import run_cli

# digit signs Unicode calls digits: superscripts, circled, Arabic-Indic, full-width
DIGIT_SIGNS = st.sampled_from(["²", "³", "①", "٣", "３", "12", "007"])
KEYS = st.one_of(
    DIGIT_SIGNS,
    st.lists(st.one_of(DIGIT_SIGNS, st.characters(blacklist_characters=".[]")), min_size=1).map(
        "".join
    ),
)


@given(key=KEYS, index=st.integers(0, 10_000))
def test_a_location_reads_only_ascii_digits_as_an_index(key: str, index: int) -> None:
    error = InputError("x", location=f"items[{index}].{key}")
    expected = int(key) if key.isascii() and key.isdigit() else key
    assert error.location_path == ("items", index, expected)


def test_superscript_key_in_an_imported_record_is_refused_not_a_crash(
    tmp_path: Path, sqlite_url: str
) -> None:
    path = tmp_path / "record.json"
    path.write_text(
        json.dumps(
            {
                "format": "mps-pain/patient-record",
                "format_version": 1,
                "exported_at": "2026-12-04T16:36:22Z",
                "app_version": "0.1.0",
                "patient": {"identifier": "p"},
                "regimen_versions": [
                    {
                        "effective_from": "1970-01-01T00:00:00Z",
                        "reason": "r",
                        "regimen": {"²": None},
                        "created_at": "2026-12-04T16:36:22Z",
                        "created_by": "t",
                    }
                ],
                "events": [],
                "plans": [],
                "audit": [],
            }
        ),
        encoding="utf-8",
    )
    done = run_cli("patients", "import", str(path), "--database", sqlite_url)
    assert done.returncode == 2, done.stderr
    assert "²" in done.stderr


@given(key=KEYS, index=st.integers(0, 99))
def test_a_diff_path_in_words_reads_only_ascii_digits_as_a_row(key: str, index: int) -> None:
    from ui.error_words import path_words  # the app's words for a regimen diff's path

    words = path_words(f"items[{index}].{key}", "oxycodone")
    assert words.startswith(f"Row {index + 1} (oxycodone)")
