"""A cited table text said by an output, with its citation: written once for every caller.

``cited_warning`` makes the clinical warning that shows a table's sentence as it is (the patch
rules, a methadone rule, a reduction note, a rounding advice); ``cited_sentence`` is the same
sentence in a line of the explanation, its citation in brackets.
"""

from __future__ import annotations

from typing import Protocol

from mps_pain.domain.results import ClinicalWarning
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Severity
from mps_pain.tables.schema_types import Citation

__all__ = ["CitedMessage", "cited_sentence", "cited_warning"]


class CitedMessage(Protocol):
    """A table record with a sentence for the outputs and the citation that covers it
    (``CitedText``, a set's scope exclusion, the from-methadone rule)."""

    @property
    def message(self) -> str: ...
    @property
    def citation(self) -> Citation: ...


def cited_warning(
    tables: TableIndex,
    text: CitedMessage,
    code: str,
    severity: Severity,
    *,
    then: str = "",
    item: int | None = None,
) -> ClinicalWarning:
    """The warning ``code`` saying ``text`` (and ``then``, a sentence about this patient)."""
    return ClinicalWarning(
        code=code,
        severity=severity,
        message=text.message + then,
        source=tables.cite(text.citation),
        item=item,
    )


def cited_sentence(tables: TableIndex, text: CitedMessage) -> str:
    """``text`` with its citation, as a line of the explanation prints it."""
    return f"{text.message} [{tables.cite(text.citation)}]"
