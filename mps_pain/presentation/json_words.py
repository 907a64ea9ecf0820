"""The JSON contracts' texts in the words the text views print (review 15: ``rotate --json``
kept "Dannyb685 tool [CODE] … [CODE; original citation NOT FOUND]" in ``breakthrough.source``,
``reduction_source`` and the methadone methods' sources, ``check --json`` in its warnings'
sources, where the text said "an open-source opioid calculator (software, not a guideline)").

Every string of a record is worded by the one wording its text view uses (``plain_source``; a
plan's sets by name too, ``set_names.named``), except the machine fields (``MACHINE_KEYS``:
codes, ids, units, the set's row id, what was typed), which keep their values as computed. A new
text field is worded without a change here; a new machine field is named here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mps_pain.domain.results import MmeResult
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.numbers import json_number
from mps_pain.presentation.check import check_view, not_signable
from mps_pain.presentation.wording import plain_source

__all__ = ["MACHINE_KEYS", "check_record", "mme_record", "tidy_numbers", "worded_record"]

#: the keys whose values a program reads (an id, a code, a unit, a row of the tables, an enum),
#: or that repeat what was typed; their values are never reworded
MACHINE_KEYS = frozenset(
    {
        "as_entered",
        "code",
        "drug",
        "form",
        "frequency",
        "id",
        "kind",
        "measure",
        "method",
        "methadone_method",
        "prn",
        "purpose",
        "reduction_case",
        "requested_frequency",
        "rounded_frequency",
        "rounded_route",
        "route",
        "row",
        "severity",
        "sha256",
        "switch_kind",
        "table",
        "threshold",
        "unit",
        "verdict",
        "version",
    }
)


def worded_record(record: Any, word: Callable[[str], str]) -> Any:
    """``record`` (JSON data) with every text but a machine field's said by ``word``."""
    if isinstance(record, dict):
        return {
            key: value if key in MACHINE_KEYS else worded_record(value, word)
            for key, value in record.items()
        }
    if isinstance(record, list):
        return [worded_record(value, word) for value in record]
    if isinstance(record, str):
        return word(record)
    return record


def tidy_numbers(record: Any) -> Any:
    """``record`` (JSON data) with every float to ``numbers.JSON_FIGURES`` figures."""
    if isinstance(record, dict):
        return {key: tidy_numbers(value) for key, value in record.items()}
    if isinstance(record, list):
        return [tidy_numbers(value) for value in record]
    if isinstance(record, float):
        return json_number(record)
    return record


def _plain(text: str) -> str:
    return plain_source(text) or text


def check_record(result: CheckResult) -> dict[str, Any]:
    """``check --json``: the result in the check view's words, with the text's first line
    (``headline``; pharmacist review 9, F1); ``not_signable`` said by the headline's rule
    (``check.not_signable``: true exactly under a danger headline; re-check 18b, L6); every
    number to ``numbers.JSON_FIGURES`` figures (``tidy_numbers``; fuzz re-check 18c, N9)."""
    view = check_view(result)
    said = {"headline": view.verdict, "not_signable": not_signable(view)}
    payload = tidy_numbers(result.model_dump(mode="json")) | said
    worded: dict[str, Any] = worded_record(payload, _plain)
    return worded


def mme_record(result: MmeResult) -> dict[str, Any]:
    """``mme --json``: the result in the text's words."""
    worded: dict[str, Any] = worded_record(result.model_dump(mode="json"), _plain)
    return worded
