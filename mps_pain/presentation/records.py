"""A patient record that cannot be vouched for, in the words the command line and the app share.

``record_problem_text`` says what ``PatientService.record_problems`` found about one row (it reads
the finding's parts, not its type: presentation and services are sibling layers; it lives in
``errors``, whose refusal of such a record's export says it too);
``RECORD_PROBLEM_ADVICE`` says what to do. ``patients show`` prints them under a WARNING; the
records window shows them in a banner above the record (clinician review 3).
"""

from __future__ import annotations

from mps_pain.errors import RESTORE_ADVICE, record_problem_text

__all__ = [
    "RECORD_PROBLEM_ADVICE",
    "RECORD_PROBLEM_HEADLINE",
    "account_text",
    "ome_text",
    "record_problem_text",
    "saves_text",
]

RECORD_PROBLEM_HEADLINE = "DO NOT USE THE NUMBERS OF THIS RECORD"
RECORD_PROBLEM_ADVICE = RESTORE_ADVICE[:1].upper() + RESTORE_ADVICE[1:]


def saves_text(times_saved: int, last: str) -> str:
    """The record's save counter in a clinician's words: ``record saved 4 times, last
    2026-12-02 05:10 CET`` (it read "record version 4": the counter that refuses a save another
    window overtook, not a regimen version; review L1 and review 3)."""
    times = "once" if times_saved == 1 else f"{times_saved} times"
    return f"record saved {times}, last {last}"


def ome_text(ome_mg_per_day: float | None, error: str | None) -> str:
    """A regimen version's daily OME as the record shows it: ``not computable — <reason>`` when
    there is no total (never 0, fuzz review 7), and a partial total with what it leaves out."""
    if ome_mg_per_day is None:
        return f"not computable — {error}" if error else "not computable"
    if error:
        return f"{ome_mg_per_day:g} (leaves out: {error})"
    return f"{ome_mg_per_day:g}"


def account_text(account: str) -> str:
    """Who saved a record, as far as the program knows: the computer account it ran under
    (``records.md``: not a signed-in person). ``saved on the computer account “root”`` (review 7
    #8: "saved by user root" read as a person called root)."""
    return f"saved on the computer account “{account}” (not a signed-in person)"
