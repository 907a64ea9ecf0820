"""The plan's one sentence for a breakthrough dose it does not give, and its advice said again
wherever the plan says there is none.

Pharmacist re-check 18b, L1: where jspm-2010 holds none of the sourced alternatives to the
avoided patch-linked opioid, step 6 and the danger said "agree the breakthrough opioid … with
the palliative care specialist before the patch is applied", while the schedule's row "from 0 h"
and the regimen's breakthrough line still said only "Choose one with the prescriber." The advice
is the note's, read here by every place that says there is no breakthrough dose.
"""

from __future__ import annotations

from mps_pain.domain.rotation.models import Breakthrough

__all__ = ["no_dose_statement", "withheld_advice", "withheld_line"]


def no_dose_statement(reason: str, advice: str) -> str:
    """The plan's one sentence for every breakthrough it does not give."""
    return f"no breakthrough dose: {reason}. {advice}"


def withheld_advice(breakthrough: Breakthrough | None) -> str | None:
    """The advice of a breakthrough withheld with ``no_dose_statement`` (its note after the
    reason), None for any other."""
    if breakthrough is None or breakthrough.no_dose is None or breakthrough.note is None:
        return None
    said = no_dose_statement(breakthrough.no_dose, "")
    advice = breakthrough.note.removeprefix(said)
    return advice if advice != breakthrough.note and advice else None


def withheld_line(breakthrough: Breakthrough) -> str:
    """The regimen's breakthrough line for a dose not given: the reason and the same advice."""
    advice = withheld_advice(breakthrough)
    return f"none — {breakthrough.no_dose}" + (f". {advice}" if advice else "")
