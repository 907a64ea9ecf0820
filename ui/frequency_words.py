"""What a frequency box says to a frequency the program does not know (no Qt).

One rule for a continuous infusion (clinician review 12, #3): it is asked for by leaving the
frequency EMPTY (a regimen row then gives the Rate; the quick converter and the planner give a
syringe driver's 24-h amount for an SC target). Words such as "continuous", "CSCI" or "syringe
driver" typed in a frequency box are refused, and the refusal says so: never read as a frequency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "AS_NEEDED_ROW",
    "AS_NEEDED_WITH_FREQUENCY",
    "mixed_dosing_words",
    "unknown_frequency_words",
]

#: what an as-needed row takes, said wherever a row mixes it with a frequency
AS_NEEDED_ROW = (
    "For an as-needed line, tick PRN and give the Dose and the doses taken in 24 h "
    "(Taken/24 h), and leave Frequency empty (an interval such as q4h can go in the Note)."
)

_CONTINUOUS = ("continuous", "cont", "csci", "civ", "syringe driver", "driver", "infusion", "pump")
# an as-needed line: the PRN column and its doses taken, not a frequency (clinician review 13 #5)
_AS_NEEDED = frozenset({"prn", "as needed", "as required", "when required", "when needed", "sos"})

#: an as-needed row (PRN ticked) that also gives a Frequency (clinician review 14, #6: it was
#: told "Give one way of dosing: Dose and Frequency, …" though it gave Dose and Frequency)
AS_NEEDED_WITH_FREQUENCY = (
    "An as-needed row (PRN ticked) takes the Dose and Taken/24 h; leave Frequency empty (an "
    "interval such as q4h can go in the Note)."
)


def _means_continuous(text: str) -> bool:
    words = " ".join(text.casefold().replace("-", " ").split())
    return any(word in words for word in _CONTINUOUS)


def _means_as_needed(text: str) -> bool:
    """Any as-needed word in the text, alone or with an interval ("prn", "q4h prn", "4-hourly
    p.r.n.", "q4h as needed"; clinician review 14, #6: only "prn" alone pointed to PRN)."""
    words = f" {' '.join(text.casefold().replace('.', '').replace('-', ' ').split())} "
    return any(f" {phrase} " in words for phrase in _AS_NEEDED)


def unknown_frequency_words(text: str) -> str:
    """The sentence for a frequency the program does not know."""
    if _means_as_needed(text):
        return f"Frequency: “{text}” is not a frequency. {AS_NEEDED_ROW}"
    if _means_continuous(text):
        return (
            f"Frequency: “{text}” is not a frequency. For a syringe driver (CSCI) or another "
            "continuous infusion, leave the frequency empty: the plan then gives the amount over "
            "24 h (in a regimen row, give the Rate)."
        )
    return (
        f"Frequency: “{text}” is not a frequency this program knows. Choose one from the "
        "list (Alt+Down), e.g. q4h, q12h or bid, or write “every 6 hours”."
    )


def mixed_dosing_words(
    fields: Sequence[str], names: str, row: Mapping[str, Any]
) -> tuple[str, str]:
    """(field, sentence) for a row giving more than one way of dosing. An as-needed row (PRN
    ticked) with a Frequency is told what an as-needed row takes (clinician review 14, #6)."""
    if "frequency" in fields and row.get("prn") is True:
        return "frequency", AS_NEEDED_WITH_FREQUENCY
    return fields[0], (
        f"{names} cannot be used together with the other dosing on this row. "
        "Give one way of dosing: Dose and Frequency, Rate, or Daily total; clear the other."
    )
