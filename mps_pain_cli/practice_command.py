"""``mps-pain practice``: exercises for trainees, graded by the planner (issue #9).

- ``practice new [--level N] [--seed S] [--set ID] [--topic T] [--count K] [--json]``
- ``practice grade [FILE|-] [--json]`` reads ``{exercise, answers}``
- ``practice`` alone: an interactive session on the terminal.

The selection options may stand before ``new`` as well as after it (``practice --level 3 new``):
they are honoured either way, and one given on both sides with different values is refused.
``grade`` reads its exercise from the answer document, so a selection option before ``grade``
is refused rather than ignored.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from mps_pain.practice.limits import MAX_EXERCISES, SEED_DIGITS
from mps_pain_cli.common import add_json_flag, emit_json, guarded, read_input_text, whole_number

__all__ = ["register"]


_SELECTION = ("level", "seed", "set", "topic", "count")
_OUTER = "outer_"  # the dest of an option written before the sub-command
_DEFAULTS = {"level": None, "seed": 0, "set": None, "topic": None}


def register(subparsers: Any) -> None:
    practice = subparsers.add_parser(
        "practice",
        help="graded rotation exercises with diagnoses and worked answers",
        description="Without a sub-command: an interactive session, one exercise at a time.",
    )
    _selection(practice, prefix=_OUTER, count_default=5)
    practice.set_defaults(func=guarded(_selected(_run_session, practice, default_count=5)))
    inner = practice.add_subparsers(dest="practice_command", metavar="SUBCOMMAND")
    new = inner.add_parser("new", help="print exercises (no answer key)")
    _selection(new, prefix="", count_default=1)
    new.add_argument("--json", action="store_true", help="one JSON object per exercise")
    new.set_defaults(func=guarded(_selected(_run_new, new, default_count=1)))
    grade = inner.add_parser("grade", help="grade {exercise, answers} and show the worked answer")
    grade.add_argument("file", nargs="?", metavar="FILE|-", help="answer document (default stdin)")
    add_json_flag(grade)
    grade.set_defaults(func=guarded(_no_selection(_run_grade, grade)))


def _selection(parser: argparse.ArgumentParser, *, prefix: str, count_default: int) -> None:
    """The selection options; none has a parser default (a sub-parser's default would
    overwrite the value given before the sub-command): ``_selected`` fills them in."""
    hidden = argparse.SUPPRESS
    parser.add_argument(
        "--level",
        dest=f"{prefix}level",
        type=whole_number(1, 5, "a level"),
        metavar="N",
        default=hidden,
        help="level 1–5",
    )
    parser.add_argument(
        "--seed",
        dest=f"{prefix}seed",
        type=whole_number(0, 10**SEED_DIGITS - 1, "a seed"),
        metavar="S",
        default=hidden,
        help="seed (default 0)",
    )
    parser.add_argument(
        "--set",
        dest=f"{prefix}set",
        metavar="ID",
        default=hidden,
        help="a reference set (the conversion table), a teacher's exercise set, "
        "or 'published-cases'",
    )
    parser.add_argument(
        "--topic",
        dest=f"{prefix}topic",
        metavar="T",
        default=hidden,
        help="a topic of the level (see docs/practice.md)",
    )
    parser.add_argument(
        "--count",
        dest=f"{prefix}count",
        type=whole_number(1, MAX_EXERCISES, "a number of exercises"),
        metavar="K",
        default=hidden,
        help=f"how many exercises (default {count_default})",
    )


def _selected(
    run: Callable[[argparse.Namespace], int], parser: argparse.ArgumentParser, *, default_count: int
) -> Callable[[argparse.Namespace], int]:
    """``run`` with each selection option taken from either side of the sub-command."""

    def with_selection(args: argparse.Namespace) -> int:
        for name in _SELECTION:
            outer = getattr(args, _OUTER + name, None)
            inner = getattr(args, name, None)
            if outer is not None and inner is not None and outer != inner:
                parser.error(f"--{name} is given twice with different values ({outer}, {inner})")
            default = default_count if name == "count" else _DEFAULTS[name]
            chosen = inner if inner is not None else outer
            setattr(args, name, default if chosen is None else chosen)
        return run(args)

    return with_selection


def _no_selection(
    run: Callable[[argparse.Namespace], int], parser: argparse.ArgumentParser
) -> Callable[[argparse.Namespace], int]:
    """``run`` refusing a selection option written before the sub-command (it has none)."""

    def without_selection(args: argparse.Namespace) -> int:
        given = [f"--{name}" for name in _SELECTION if hasattr(args, _OUTER + name)]
        if given:
            parser.error(
                f"{', '.join(given)} selects new exercises; 'grade' reads the exercise from "
                "the answer document"
            )
        return run(args)

    return without_selection


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
