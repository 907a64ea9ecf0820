"""How a plan without a dose says why (clinician review 15, #11): one wording rule, by what the
reason is. "for this patient" only when a patient factor is the reason (the patient-factor
rules); "not given by this method" when the chosen method gives no dose (Morley-Makin's
as-needed-only regime); "not proposed" for any other reason (the amount the conversion gives, no
source for the switch). The reason is stored with its opening (``RegimenDetail.no_dose``); the
plan's headline, its spread rows and the step that replaces the working read it from there."""

from __future__ import annotations

from typing import Literal

__all__ = [
    "NoDoseCause",
    "cause_of",
    "headline_words",
    "no_dose_reason",
    "reason_only",
]

NoDoseCause = Literal["patient", "method", "other"]

#: the opening of a withheld plan's reason, by its cause
_OPENING: dict[NoDoseCause, str] = {
    "patient": "Not proposed for this patient: ",
    "method": "Not given by this method: ",
    "other": "Not proposed: ",
}


def no_dose_reason(cause: NoDoseCause, reason: str) -> str:
    """The reason a plan gives no dose, opened by its cause."""
    return _OPENING[cause] + reason


def cause_of(no_dose: str) -> NoDoseCause | None:
    """The cause a reason was opened with (None: a dose no form can give, a reason of its own)."""
    return next((cause for cause, opening in _OPENING.items() if no_dose.startswith(opening)), None)


def reason_only(no_dose: str) -> str:
    """The reason without its opening (where it follows words that already say no dose)."""
    cause = cause_of(no_dose)
    return no_dose if cause is None else no_dose.removeprefix(_OPENING[cause])


def headline_words(cause: NoDoseCause) -> str:
    """What the plan's headline and each set's row say in the place of a dose: "not proposed
    for this patient", "not given by this method", "not proposed"."""
    return _OPENING[cause].removesuffix(": ").lower()
