"""``mps-pain practice`` in process: new → grade end to end, errors, schema, the session."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from mps_pain.practice.service import answer_for, new_exercises
from mps_pain.tables.loader import get_tables
from mps_pain_cli.main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_json_has_the_contract_and_no_answer_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "practice", "new", "--level", "3", "--seed", "5", "--count", "3", "--json"
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    for exercise in lines:
        assert {"id", "level", "topic", "table", "prompt", "given", "asks"} <= set(exercise)
        assert exercise["level"] == 3
        assert set(exercise["given"]) >= {"from", "to", "table"}
        text = json.dumps(exercise)
        assert "steps" not in text and 'target_daily_dose": {' not in text


def test_same_seed_same_exercises_and_id_regenerates(capsys: pytest.CaptureFixture[str]) -> None:
    _, first, _ = _run(capsys, "practice", "new", "--seed", "11", "--count", "4", "--json")
    _, second, _ = _run(capsys, "practice", "new", "--seed", "11", "--count", "4", "--json")
    assert first == second
    _, other, _ = _run(capsys, "practice", "new", "--seed", "12", "--count", "4", "--json")
    assert other != first


def test_new_then_grade_end_to_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, out, _ = _run(capsys, "practice", "new", "--level", "4", "--seed", "2", "--json")
    exercise_id = json.loads(out)["id"]
    exercise = new_exercises(level=4, seed=2)[0]
    assert exercise.id == exercise_id
    answer = answer_for(exercise).model_dump(mode="json", exclude_none=True)
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    code, out, _ = _run(capsys, "practice", "grade", str(path), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["score"] == report["total"] == len(exercise.asks)
    assert set(report["results"]) == set(exercise.asks)
    for result in report["results"].values():
        assert {"correct", "expected", "given", "diagnosis", "explanation"} <= set(result)
    # the worked answer's step 1 in its set's own label (session 17: fpm-2021's said "OME")
    label = get_tables().reference_set(exercise.table, location="table").output_label
    assert report["worked_answer"]["steps"][0].startswith(f"1. Total {label} ")


def test_grade_text_shows_diagnosis_and_worked_answer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answer: dict[str, Any] = {
        "exercise": "set.case-reports.tk1-admission-mme",
        "answers": {"ome_per_day": "30 mg/day"},  # the two rescues left out
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(answer)))
    code, out, _ = _run(capsys, "practice", "grade", "-")
    assert code == 0
    assert "[WRONG] ome_per_day" in out
    assert "diagnosis: prn-omitted" in out
    assert "Worked answer" in out and "Score: 0/1" in out


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [
        ({}, "answers.ome_per_day: the exercise asks 'ome_per_day'"),
        ({"ome_per_day": "45 h"}, "answers.ome_per_day"),
        ({"ome_per_day": "forty"}, "answers.ome_per_day"),
        ({"ome_per_day": 45, "ome_per_dya": 1}, "did you mean 'ome_per_day'"),
    ],
)
def test_bad_answers_one_line_exit_2(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    answers: dict[str, Any],
    fragment: str,
) -> None:
    document = {"exercise": "set.case-reports.tk1-outpatient-mme", "answers": answers}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(document)))
    code, _out, err = _run(capsys, "practice", "grade")
    assert code == 2
    assert err.count("\n") == 1 and fragment in err, err


def test_unknown_exercise_id_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    document = {"exercise": "L9.nothing.x.1.1", "answers": {"ome_per_day": 1}}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(document)))
    code, out, err = _run(capsys, "practice", "grade", "--json")
    assert code == 2
    assert "unknown exercise id 'L9.nothing.x.1.1'" in err
    assert json.loads(out)["error"]["location"] == "exercise"


def test_schema_practice_answer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema", "practice-answer")
    schema = json.loads(out)
    assert code == 0
    assert schema["required"] == ["exercise", "answers"]
    assert "regimen" in json.dumps(schema)


def test_published_cases_and_teacher_set_via_set(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(
        capsys, "practice", "new", "--set", "published-cases", "--count", "9", "--json"
    )
    assert [json.loads(x)["id"] for x in out.splitlines()] == [
        "case.kodama-2024-case-1",
        "case.kodama-2024-case-2",
        "case.takamatsu-2018-case-1",
        "case.takamatsu-2018-case-2",
        "case.takamatsu-2018-case-3",
    ]
    _, out, _ = _run(capsys, "practice", "new", "--set", "case-reports", "--count", "50", "--json")
    assert len(out.splitlines()) == 20


def test_risk_set_refused_for_a_switch_level(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "practice", "new", "--level", "3", "--set", "cdc-2022")
    assert code == 2
    assert "set: 'cdc-2022' cannot serve level 3" in err


def test_interactive_session_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    exercise = new_exercises(set_id="case-reports")[0]  # tk1-outpatient-mme: MME, one question
    assert exercise.asks == ["ome_per_day"]
    typed = "twenty\n40\n30 mg/day\n"  # a bad line, then the answer; second exercise wrong
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    code, out, _ = _run(capsys, "practice", "--set", "case-reports", "--count", "2")
    assert code == 0
    assert "mps-pain: answers.ome_per_day" in out  # the bad line got a one-line error
    assert "[1/2]" in out and "[2/2]" in out
    assert "Summary:" in out and "Total: 1/2 over 2 exercise(s)" in out


def test_new_as_text_lists_the_questions_and_choices(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "practice", "new", "--topic", "renal", "--seed", "4")
    assert code == 0
    assert out.startswith("Exercise L5.renal.")
    assert "- regimen: the rounded regimen" in out and "Warning codes to choose from:" in out


def test_a_factor_from_another_route_is_a_wrong_table_row(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """IV oxycodone 2 mg/h under FPM 2021: 48 mg/day × 3 (parenteral) = 144; × 1.5 (the oral
    row) = 72 is the factor of another route."""
    exercise = next(
        e
        for e in new_exercises(level=1, set_id="fpm-2021", seed=0, count=16)
        if e.regimen is not None
        and e.regimen.items[0].drug == "oxycodone"
        and e.regimen.items[0].route == "iv"
    )
    item = exercise.regimen.items[0]  # type: ignore[union-attr]
    assert item.rate is not None
    daily = item.rate.to("mg/day")
    answer = {"exercise": exercise.id, "answers": {"ome_per_day": daily * 1.5}}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(answer)))
    code, out, _ = _run(capsys, "practice", "grade", "--json")
    result = json.loads(out)["results"]["ome_per_day"]
    assert code == 0 and not result["correct"]
    assert result["diagnosis"]["code"] == "wrong-table-row"
    assert result["expected"]["value"] == pytest.approx(daily * 3)
