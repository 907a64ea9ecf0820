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
    "as_needed_dose_words",
    "converter_as_needed_words",
    "mixed_dosing_words",
    "per_day_with_frequency",
    "rate_with_frequency",
    "unknown_frequency_words",
]

_LEAVE_FREQUENCY = "leave Frequency empty (an interval such as q4h can go in the Note)"
#: what an as-needed row takes, said wherever a row mixes it with a frequency
AS_NEEDED_ROW = (
    "For an as-needed line, tick PRN and give the Dose and the doses taken in 24 h "
    f"(Taken/24 h), and {_LEAVE_FREQUENCY}."
)

#: an as-needed row (PRN ticked) that also gives a Frequency (clinician review 14, #6: it was
#: told "Give one way of dosing: Dose and Frequency, …" though it gave Dose and Frequency)
AS_NEEDED_WITH_FREQUENCY = (
    f"An as-needed row (PRN ticked) takes the Dose and Taken/24 h; {_LEAVE_FREQUENCY}."
)


def as_needed_dose_words(name: str, text: str) -> str | None:
    """The sentence for as-needed words typed in a dose ("5 mg prn"), or None."""
    # start-up seam: the window is built before the core loads (tests/ui/test_startup_imports.py)
    from mps_pain.domain.frequency import frequency_meaning

    if frequency_meaning(text) != "as-needed":
        return None
    return f"{name}: “{text}” is an as-needed dose. {AS_NEEDED_ROW}"


#: what the Quick converter takes where as-needed words are typed (clinician re-check 19b, R9:
#: it was told to tick PRN and fill Taken/24 h, fields only the regimen table has)
_CONVERTER_FROM = (
    "The converter converts a regular dose: for as-needed doses, type the total taken in 24 h "
    "as an amount per day (e.g. 30 mg/day) and leave Frequency empty."
)
_CONVERTER_TO = (
    "The converter gives the new opioid as a regular dose: choose an interval from the list "
    "(e.g. q12h) or leave Frequency empty."
)


def converter_as_needed_words(side: str, field: str, text: str) -> str | None:
    """The Quick converter's sentence for as-needed words typed in its ``field`` ("amount" or
    "frequency") on its ``side`` ("from" or "to"), or None when they are not as-needed words."""
    # start-up seam: the window is built before the core loads (tests/ui/test_startup_imports.py)
    from mps_pain.domain.frequency import frequency_meaning

    if not text.strip() or frequency_meaning(text) != "as-needed":
        return None
    said = "an as-needed dose" if field == "amount" else "not a frequency"
    return f"“{text.strip()}” is {said}. {_CONVERTER_FROM if side == 'from' else _CONVERTER_TO}"


def unknown_frequency_words(text: str) -> str:
    """The sentence for a frequency the program does not know."""
    # start-up seam: the window is built before the core loads (tests/ui/test_startup_imports.py)
    from mps_pain.domain.frequency import frequency_meaning

    meaning = frequency_meaning(text)
    if meaning == "as-needed":
        return f"Frequency: “{text}” is not a frequency. {AS_NEEDED_ROW}"
    if meaning == "continuous":
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
    fields: Sequence[str], names: str, row: Mapping[str, Any], shape: str = ""
) -> tuple[str, str]:
    """(field, sentence) for a row giving more than one way of dosing. An as-needed row (PRN
    ticked) with a Frequency is told what an as-needed row takes (clinician review 14, #6); a
    daily total with a Frequency is asked "per dose or per day?" (clinician review 19, H1)."""
    if "frequency" in fields and row.get("prn") is True:
        return "frequency", AS_NEEDED_WITH_FREQUENCY
    if tuple(fields) == ("frequency",) and shape == "total":
        return "frequency", per_day_with_frequency(str(row.get("daily_dose") or ""))
    if tuple(fields) == ("frequency",) and shape == "continuous":
        return "frequency", rate_with_frequency(str(row.get("rate") or ""))
    return fields[0], (
        f"{names} cannot be used together with the other dosing on this row. "
        "Give one way of dosing: Dose and Frequency, Rate, or Daily total; clear the other."
    )


def per_day_with_frequency(amount: str) -> str:
    """The sentence for an amount per day typed beside a Frequency: ambiguous, never guessed."""
    return (
        f"{_typed(amount)} an amount per day, and a Frequency is given: per dose or per "
        "day? With the Frequency, give the amount of each dose (in mg or mcg, not per day); "
        "or clear the Frequency to count the amount as the daily total."
    )


def rate_with_frequency(amount: str) -> str:
    """The sentence for a rate (a patch, an infusion) typed beside a Frequency."""
    return (
        f"{_typed(amount)} a rate (a patch or an infusion), given continuously: it takes no "
        "Frequency. Clear the Frequency (a patch's change interval is part of the patch), "
        "or give the amount of each dose with the Frequency."
    )


def _typed(amount: str) -> str:
    """The amount as typed, as a sentence's subject."""
    return f"“{amount.strip()}” is" if amount.strip() else "The amount is"
