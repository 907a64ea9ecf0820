"""An exercise id's numbers and the --seed option (4 December, found beside the fuzz finding
on digit signs): a grade document whose id carried a 5,000-digit seed exited 3 (Python refuses
to read an integer of more than 4,300 digits), and `practice --seed -5 new` printed
"unknown exercise id 'L2…-5.0'", blaming an id the person never typed. A seed is a whole
number of at most SEED_DIGITS ASCII digits: `--seed` refuses anything else by name, and an id
with another seed or index is an unknown exercise (exit 2), whatever it holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mps_pain.practice.generate import SEED_DIGITS
from tests.cli_runner import run_cli

NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["9" * 5000, "٣", "²", "1e3", "0x10", " 5", "+5", ""]),
)


@given(seed=NUMBERS, index=NUMBERS)
def test_any_numbers_in_an_id_grade_or_refuse(seed: str, index: str, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("grade") / "answer.json"
    exercise = f"L1.mme-single.cdc-2016.{seed}.{index}"
    path.write_text(json.dumps({"exercise": exercise, "answers": {"ome_per_day": 1}}))
    done = run_cli("practice", "grade", str(path))
    fits = all(n.isascii() and n.isdigit() and len(n) <= SEED_DIGITS for n in (seed, index))
    assert done.returncode == (0 if fits else 2), done.stderr


@pytest.mark.parametrize("seed", ["-5", "9" * (SEED_DIGITS + 1), "٣", "1.5"])
def test_seed_option_refuses_by_name(seed: str) -> None:
    done = run_cli("practice", "--seed", seed, "new", "--count", "1")
    assert done.returncode == 2
    assert "--seed" in done.stderr
    assert "unknown exercise" not in done.stderr


def test_the_largest_seed_makes_exercises_that_grade(tmp_path: Path) -> None:
    seed = "9" * SEED_DIGITS
    made = run_cli("practice", "--seed", seed, "new", "--count", "1", "--json")
    assert made.returncode == 0, made.stderr
    exercise = json.loads(made.stdout.splitlines()[0])["id"]
    assert exercise.split(".")[3] == seed
    path = tmp_path / "answer.json"
    path.write_text(json.dumps({"exercise": exercise, "answers": {}}))
    graded = run_cli("practice", "grade", str(path))
    assert graded.returncode == 2  # the id is known: the refusal is of the missing answers
    assert "give a value" in graded.stderr
