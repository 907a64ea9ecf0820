"""What a frequency box says to a frequency the program does not know (no Qt).

One rule for a continuous infusion (clinician review 12, #3): it is asked for by leaving the
frequency EMPTY (a regimen row then gives the Rate; the quick converter and the planner give a
syringe driver's 24-h amount for an SC target). Words such as "continuous", "CSCI" or "syringe
driver" typed in a frequency box are refused, and the refusal says so: never read as a frequency.
"""

from __future__ import annotations

__all__ = ["unknown_frequency_words"]

_CONTINUOUS = ("continuous", "cont", "csci", "civ", "syringe driver", "driver", "infusion", "pump")
# an as-needed line: the PRN column and its doses taken, not a frequency (clinician review 13 #5)
_AS_NEEDED = frozenset({"prn", "as needed", "as required", "when required", "when needed", "sos"})


def _means_continuous(text: str) -> bool:
    words = " ".join(text.casefold().replace("-", " ").split())
    return any(word in words for word in _CONTINUOUS)


def _means_as_needed(text: str) -> bool:
    words = " ".join(text.casefold().replace(".", "").replace("-", " ").split())
    return words in _AS_NEEDED


def unknown_frequency_words(text: str) -> str:
    """The sentence for a frequency the program does not know."""
    if _means_as_needed(text):
        return (
            f"Frequency: “{text}” is not a frequency. For an as-needed line, tick PRN and give "
            "the doses taken in 24 h (Taken/24 h), and leave Frequency empty."
        )
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
