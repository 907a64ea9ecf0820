"""The one rule for a regimen's total that is no total: words instead of "0 OME/day".

A total no opioid row adds to is never shown as a number when something is left out or no
opioid is counted, whatever the reason (clinician review 16 #9: methadone under a set without a
methadone factor; re-check 18b #4: the only opioid row unreadable read "0 MME/day (incomplete)",
a patient on morphine shown as on nothing). The reasons, each said in words:

- the set cannot convert a row (the engine's own sentence, each set by its name);
- a row is left out until corrected (the editor's red rows, which never reach the engine, or
  a row the engine refused);
- every opioid row is as needed and the as-needed choice leaves them out;
- the regimen holds no opioid at all.

An as-needed opioid counted with no dose taken, and nothing left out, is a true 0: it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.results import MmeResult, SpreadEntry
from mps_pain.errors import NoConversionFactorError
from mps_pain.plural import noun_for
from mps_pain.presentation.set_names import set_names
from mps_pain.presentation.wording import number, plain_source

__all__ = ["NO_TOTAL_BAR", "bar_value_text", "no_total_words", "said_with_set_names"]

NO_TOTAL_BAR = "no total"
"""A set's bar where the regimen has no total (its 0 is no opioid counted, not a dose)."""


def no_total_words(result: MmeResult, unreadable: Sequence[int] = ()) -> str | None:
    """Why a regimen has no total, or None when it has one. ``unreadable``: the rows (numbered
    from 1 as the screen numbers them) the editor could not read or the engine refused; without
    it, the engine's refusals by their item numbers."""
    opioids = [line for line in result.items if line.kind == "opioid"]
    if any(line.counted and (line.mme_per_day or 0) > 0 for line in opioids):
        return None
    reasons = _left_out(result, unreadable)
    if not reasons and any(line.counted for line in opioids):
        return None  # as-needed opioid counted, none taken: a true 0
    if not reasons and opioids:
        reasons = ["every opioid row is as needed, and as-needed doses are not counted."]
    if not reasons:
        reasons = ["the regimen holds no opioid."]
    return f"No {result.output_label} total: {' '.join(dict.fromkeys(reasons))}"


def _left_out(result: MmeResult, unreadable: Sequence[int]) -> list[str]:
    """The rows left out of the total, in words: the set's gaps, then the unreadable rows."""
    gaps = [
        said_with_set_names(result, e.message)
        for e in result.excluded
        if e.code == NoConversionFactorError.code
    ]
    refused = [e.index + 1 for e in result.excluded if e.code != NoConversionFactorError.code]
    rows = sorted(set(unreadable)) if unreadable else refused
    if rows:
        said = ", ".join(str(row) for row in rows)
        verb = noun_for(len(rows), "is", "are")
        them = noun_for(len(rows), "it is", "they are")
        gaps.append(
            f"{noun_for(len(rows), 'row')} {said} {verb} left out until {them} corrected or "
            "deleted."
        )
    return gaps


def said_with_set_names(result: MmeResult, message: str) -> str:
    """An engine sentence about this result with every set by its name (clinician re-check
    18b #5: a row left out read "reference set 'uk-palliative' … cdc-2022, cdc-2016")."""
    names = {e.table: e.name for e in result.spread} | {result.table.id: result.table_name}
    return set_names(plain_source(message) or message, names)


def bar_value_text(entry: SpreadEntry, mark: str, *, has_total: bool) -> str:
    """One set's bar: "120 MME/day" with its mark, "not covered" where the set cannot convert a
    row, and "no total" where the regimen has none (``no_total_words``): never a "0 MME/day"
    bar beside words that say there is no total (re-check 18b #4)."""
    value = entry.total_mme_per_day
    if value is None:
        return "not covered"
    if not value and not has_total:
        return NO_TOTAL_BAR + mark
    return f"{number(value)} {entry.output_label}/day{mark}"
