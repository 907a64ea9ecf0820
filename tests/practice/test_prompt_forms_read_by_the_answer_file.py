"""The forms the printed exercise asks for are the forms the answer file reads (fuzz review 20, D5).

``practice new`` asks for warnings as "codes, comma-separated; 'none' for none" and a regimen as
"'20 mg q12h', or a rate '25 mcg/h'"; an answer file written so was refused ("expected a list, got
text 'none'"). One reading serves the file, the interactive session and the prompt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.practice.generate import DISTRACTORS
from mps_pain.practice.service import parse_answer
from mps_pain_cli.main import main
from mps_pain_cli.practice_session import read_value
from mps_pain_cli.render_practice import QUESTION_TEXT


def _answers(**given: object) -> object:
    return parse_answer({"exercise": "L3.oral-rotation.fpm-2021.42.0", "answers": given}).answers


@pytest.mark.parametrize("none", ["none", "None", " none ", "-", ""])
def test_none_written_as_the_prompt_says_is_no_warning(none: str) -> None:
    assert _answers(warnings=none).warnings == []  # type: ignore[attr-defined]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.sampled_from(DISTRACTORS), min_size=1, max_size=4, unique=True),
    st.sampled_from([",", ", ", " , ", ";", "; "]),
)
def test_codes_comma_separated_read_as_the_list(codes: list[str], sep: str) -> None:
    assert _answers(warnings=sep.join(codes)).warnings == codes  # type: ignore[attr-defined]
    assert _answers(warnings=codes).warnings == codes  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("20 mg q12h", {"dose": "20 mg", "frequency": "q12h"}),
        ("4 mg every 6 h", {"dose": "4 mg", "frequency": "every 6 h"}),
        ("25 mcg/h", {"rate": "25 mcg/h"}),
        ("1 mg/h", {"rate": "1 mg/h"}),
    ],
)
def test_a_regimen_written_as_the_prompt_says_reads_as_its_fields(
    text: str, shape: dict[str, str]
) -> None:
    assert _answers(regimen=text) == _answers(regimen=shape)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["warnings", "regimen"]),
    st.sampled_from(
        ["none", "-", "renal-target, patch-onset", "20 mg q12h", "25 mcg/h", "4 mg every 6 h"]
    ),
)
def test_the_session_and_the_file_read_a_text_alike(ask: str, text: str) -> None:
    """The interactive session's typed line and the file's text are one reading."""

    def read(value: object) -> object:
        try:
            return _answers(**{ask: value})
        except Exception as exc:
            return type(exc).__name__

    assert read(read_value(ask, text)) == read(text)


def test_the_prompt_still_names_the_forms_it_reads() -> None:
    assert "'none' for none" in QUESTION_TEXT["warnings"]
    assert "'20 mg q12h'" in QUESTION_TEXT["regimen"]


def test_the_reviews_answer_file_grades(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = {
        "exercise": "L3.oral-rotation.fpm-2021.42.0",
        "answers": {
            "ome_per_day": "60 mg/day",
            "equianalgesic_daily_dose": "12 mg/day",
            "reduction": "25%",
            "target_daily_dose": "9 mg/day",
            "regimen": "4 mg q12h",
            "breakthrough_dose": "1 mg",
            "warnings": "none",
        },
    }
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    assert main(["practice", "grade", str(path)]) == 0
    out = capsys.readouterr().out
    assert "regimen:" in out and "warnings:" in out
