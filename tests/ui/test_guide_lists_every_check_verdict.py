"""The user guide and docs/gui.md name every verdict the pharmacist check can give (clinician
review 9 #5: the guide listed within, below and danger above, not the amber NOT REDUCED)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import get_args

import pytest

from mps_pain.domain.rotation.check_result import CheckResult

VERDICTS = get_args(CheckResult.model_fields["verdict"].annotation)
GUIDE = (files("ui") / "help" / "user_guide.md").read_text(encoding="utf-8")
GUI_DOC = (Path(__file__).parents[2] / "docs" / "gui.md").read_text(encoding="utf-8")


def _section(text: str, heading: str, next_heading: str = "\n#") -> str:
    start = text.index(heading)
    end = text.find(next_heading, start + len(heading))
    return text[start : end if end >= 0 else len(text)].lower()


@pytest.mark.parametrize("verdict", VERDICTS)
def test_the_guide_names_every_check_verdict(verdict: str) -> None:
    words = verdict.replace("_", " ")
    assert words in _section(GUIDE, "### Check a proposed order"), words
    assert words in _section(GUI_DOC, "6. **Pharmacist check**", "\n7. "), words
