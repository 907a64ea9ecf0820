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
