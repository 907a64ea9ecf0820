"""Every citation the tables hold reads as words once plain_source has shown it to a clinician."""

from __future__ import annotations

import re

from mps_pain.presentation.wording import plain_source
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_types import Citation

_SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def test_the_programs_own_sources_read_as_words(tables: TableIndex) -> None:
    # the rotation plan now prints the program's own rules with their citation (tablets per
    # dose, oral-solution step): their label must not show the package name
    for source_id in ("mps-pain-rotation-policy", "mps-pain-plausibility"):
        shown = plain_source(tables.cite(Citation(source=source_id, locator="a rule")))
        assert shown is not None and "this program's" in shown and not _SNAKE.search(shown)


def test_a_tool_named_in_words_is_not_read_the_an() -> None:
    # final read of the session: the tables' locator "(the Dannyb685 tool: 5–7 days)" was shown
    # as "(the an open-source opioid calculator (read as code): 5–7 days)"
    locator = "Titrate no more often than every five days (the Dannyb685 tool: 5–7 days)"
    shown = plain_source(locator)
    assert shown is not None and "the an" not in shown.lower()
    assert "(an open-source opioid calculator (software, not a guideline): 5–7 days)" in shown
