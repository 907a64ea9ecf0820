"""A table model's answers, kept while what they are read from is unchanged.

A view asks every cell for a dozen roles on every paint and every measurement of its rows and
columns (456,000 ``data`` calls in one run of tests/ui, issue 11); each answer (a cell's text,
its tooltip, its refusal, its spoken words) was worked out anew from the session's state, though
the state and the result are immutable and replaced on every edit. Answers are kept while the
objects they are read from are the same ones (``is``), and forgotten when any is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import is_
from typing import Any

__all__ = ["KeptAnswers"]


class KeptAnswers:
    """Answers by key, for as long as they are asked of the same source objects."""

    def __init__(self) -> None:
        self._sources: tuple[object, ...] = ()
        self._answers: dict[Any, Any] = {}

    def read(self, sources: tuple[object, ...], work: Callable[..., Any], *key: Any) -> Any:
        """``work(*key)``, kept: worked out again only when any of ``sources`` was replaced
        since it was kept."""
        answers = self._answers
        if not all(map(is_, self._sources, sources)) or not self._sources:
            self._sources, answers = sources, {}
            self._answers = answers
        if key in answers:
            return answers[key]
        answer = answers[key] = work(*key)
        return answer
