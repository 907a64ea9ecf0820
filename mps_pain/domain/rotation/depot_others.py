"""What the regular opioids beside a patch get until the patch's share of the new opioid starts.

The planner's schedule from a patch with other regular opioids does one of three things, by the
kind of target (pharmacist re-check 18b, M2: the check told a nurse to give "the new opioid's
share" of methadone at 0 h, where the plan keeps the oxycodone until 17 h and then starts
methadone whole):

- ``share``: another opioid, whose own part can be given: their share of the new opioid replaces
  them when their next dose is due; the patch's share follows at the depot's hour;
- ``keep``: another opioid, whose own part cannot be given in the new form: they are kept as
  prescribed until the full dose starts at the depot's hour;
- ``stop_and_go``: methadone: they are kept as prescribed until methadone starts, whole, at the
  depot's hour (a methadone dose has no share for their part alone: its ratio depends on the
  whole OME).

One rule: the schedule rows (``schedule``, ``schedule_methadone``) and the check's caution
(``depot_start``) take these words from here.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["OthersCover", "depot_start_words", "others_cover", "others_until_start"]

OthersCover = Literal["share", "keep", "stop_and_go"]


def others_cover(new_drug: str, methadone_drug: str, *, share_given: bool) -> OthersCover:
    """What the planner does with the regular opioids beside a patch, for a switch to
    ``new_drug``: methadone starts whole (stop and go); another opioid replaces them by its
    share when one can be given (``share_given``: the plan's first part), else keeps them."""
    if new_drug == methadone_drug:
        return "stop_and_go"
    return "share" if share_given else "keep"


def others_until_start(kind: OthersCover, others: str, *, capital: bool = False) -> str:
    """What ``others`` (the regular opioids beside the patch, as written) get from the patch's
    removal until the new opioid's patch share starts (``capital``: opening a sentence)."""
    if kind == "share":
        words = (
            f"give only the new opioid's share that replaces {others}, when its next dose is due"
        )
    elif kind == "keep":
        words = f"keep giving {others} as prescribed"
    else:
        words = f"keep giving {others} as prescribed until methadone starts"
    return words[:1].upper() + words[1:] if capital else words


def depot_start_words(kind: OthersCover | None, others: str) -> tuple[str, str]:
    """The check's words for what must wait for the depot, and what is given until then
    (``kind`` None: no regular opioid beside the patch)."""
    if kind == "stop_and_go":
        return (
            "methadone",
            f"{others_until_start(kind, others)}, then stop them and start methadone whole "
            "(stop and go: a methadone dose has no share for their part alone), and breakthrough "
            "doses as needed",
        )
    waits = "the new opioid's share that replaces the patch"
    if kind is None:
        return waits, "give breakthrough doses only, as needed"
    return (
        waits,
        f"{others_until_start('share', others)} (where no dose of it can be given for their "
        f"part alone, the plan says to {others_until_start('keep', others)} until then), and "
        "breakthrough doses as needed",
    )
