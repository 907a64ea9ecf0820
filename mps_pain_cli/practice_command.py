"""``mps-pain practice``: exercises for trainees, graded by the planner (issue #9).

- ``practice new [--level N] [--seed S] [--set ID] [--topic T] [--count K] [--json]``
- ``practice grade [FILE|-] [--json]`` reads ``{exercise, answers}``
- ``practice`` alone: an interactive session on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mps_pain_cli.common import add_json_flag, emit_json, guarded, read_input_text

__all__ = ["register"]


def register(subparsers: Any) -> None:
    practice = subparsers.add_parser(
        "practice",
        help="graded rotation exercises with diagnoses and worked answers",
        description="Without a sub-command: an interactive session, one exercise at a time.",
    )
    _selection(practice, default_count=5)
    practice.set_defaults(func=guarded(_run_session))
    inner = practice.add_subparsers(dest="practice_command", metavar="SUBCOMMAND")
    new = inner.add_parser("new", help="print exercises (no answer key)")
    _selection(new, default_count=1)
    new.add_argument("--json", action="store_true", help="one JSON object per exercise")
    new.set_defaults(func=guarded(_run_new))
    grade = inner.add_parser("grade", help="grade {exercise, answers} and show the worked answer")
    grade.add_argument("file", nargs="?", metavar="FILE|-", help="answer document (default stdin)")
    add_json_flag(grade)
    grade.set_defaults(func=guarded(_run_grade))


def _selection(parser: argparse.ArgumentParser, *, default_count: int) -> None:
    parser.add_argument("--level", type=int, choices=range(1, 6), metavar="N", help="level 1–5")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed (default 0)")
    parser.add_argument(
        "--set",
        metavar="ID",
        help="a reference set (the conversion table), a teacher's exercise set, "
        "or 'published-cases'",
    )
    parser.add_argument("--topic", metavar="T", help="a topic of the level (see docs/practice.md)")
    parser.add_argument("--count", type=int, default=default_count, metavar="K")


def _exercises(args: argparse.Namespace) -> list[Any]:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.practice.service import new_exercises

    return new_exercises(
        level=args.level, seed=args.seed, set_id=args.set, topic=args.topic, count=args.count
    )


def _run_new(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain_cli.render_practice import render_exercise

    for exercise in _exercises(args):
        if args.json:
            emit_json(exercise.public_json())
        else:
            sys.stdout.write(render_exercise(exercise) + "\n")
    return 0


def _run_grade(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain.practice.service import grade_answer
    from mps_pain.services.documents import parse_document_text
    from mps_pain_cli.render_practice import grade_json, render_grade

    text, origin = read_input_text(args.file)
    report = grade_answer(parse_document_text(text, origin=origin))
    if args.json:
        emit_json(grade_json(report))
    else:
        sys.stdout.write(render_grade(report))
    return 0


def _run_session(args: argparse.Namespace) -> int:
    # start-up seam: only the command that runs loads its modules
    from mps_pain_cli.practice_session import run_session

    return run_session(_exercises(args), sys.stdin, sys.stdout)
