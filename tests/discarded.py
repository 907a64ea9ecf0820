"""The one rule of which refusals a generated property may discard.

A property that draws a request the product refuses discards the example (nothing is planned
or checked, so there is nothing to test), unless the refusal is of the request's own form: a
key the document does not take there (``from.market``, where ``market`` is the request's key)
or a document of the wrong shape. That is the test's mistake, not the product's answer: it was
discarded silently before, so a property drew four of five examples with a market in the wrong
place, never tested a market, and discarded so many examples that hypothesis's filter health
check failed on about one seed in a hundred (tests/rotation/test_three_step_ends_on_the_regimen,
the unexplained failure of session 16)."""

from __future__ import annotations

from typing import NoReturn

from hypothesis import reject

from mps_pain.errors import DocumentFormatError, MpsPainError

__all__ = ["discard", "of_the_form"]

_FORM_REASONS = frozenset({"extra_forbidden"})
"""Refusal reasons that say the document has a key where none is taken (pydantic's kind)."""


def of_the_form(refusal: MpsPainError) -> bool:
    """The refusal is of the request's form (a misplaced or unknown key, a wrong shape)."""
    return isinstance(refusal, DocumentFormatError) or refusal.reason in _FORM_REASONS


def discard(refusal: MpsPainError) -> NoReturn:
    """Discard the example the product refused; fail on a refusal of the request's form."""
    if of_the_form(refusal):
        raise AssertionError(f"the test's own request is malformed: {refusal}") from refusal
    reject()
