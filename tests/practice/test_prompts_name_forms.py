"""Practice prompts say forms as prescribers write them (clinician review 3, leftover wording,
item 5): "Switch to morphine oral (er q12h)" named a form by its id, not ER."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("level", [2, 3, 4, 5])
def test_practice_prompts_say_forms_as_prescribers_write_them(level: int) -> None:
    """Practice said "Switch to morphine oral (er q12h)": a form id, not ER."""
    from mps_pain.practice.service import new_exercises

    prompts = [
        e.prompt for seed in range(4) for e in new_exercises(level=level, seed=seed, count=5)
    ]
    assert prompts
    bare = re.compile(r"\((?:er|ir|oral_solution)\b|\b(?:er|ir) q\d|oral oral")
    assert not [p for p in prompts if bare.search(p)]
