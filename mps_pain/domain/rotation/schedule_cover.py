"""What a plan's schedule tells the nurse to give for breakthrough pain while the new opioid has
not started (pharmacist review 17, L4): what the plan orders, and nothing it does not.

A patch's skin depot delays the new opioid (17 h after a fentanyl patch under the JP label), and
the schedule said "until it starts, give breakthrough doses only as needed" whether or not the
plan orders one: a switch to methadone orders none (no source gives one: the breakthrough line is
left to agree with the palliative care specialist), so the nurse was told to give a dose nobody
had written. One rule for every schedule from a patch (``schedule``, ``schedule_methadone``):

- the plan orders a breakthrough dose: give that dose, as needed;
- it orders none and the patient has a current as-needed opioid: that line is the cover until
  the new opioid starts (it is stopped then, as the schedule says), not stopped at removal;
- it orders none and there is no such line: only a dose agreed (with the specialist, for
  methadone) before the patch comes off.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.schedule_current import current_text

__all__ = ["gap_cover", "patch_off"]


def gap_cover(
    until: str, *, ordered: bool, current_prn: Sequence[DailyItem], agree_with: str
) -> str:
    """The sentence saying what to give as needed ``until`` the new opioid starts: the plan's
    breakthrough dose when it orders one (``ordered``), else the current as-needed lines, else
    only a dose agreed with ``agree_with`` before the patch comes off."""
    if ordered:
        return f"{until}, give the plan's breakthrough dose (the row “from 0 h”) only as needed."
    if current_prn:
        return (
            f"{until}, the current as-needed {current_text(current_prn)} is the breakthrough "
            "cover: give it only as needed."
        )
    return (
        f"{until}, give only a breakthrough dose agreed with {agree_with} before the patch "
        "comes off (this plan orders none), as needed."
    )


def patch_off(patches: str, cover: str) -> str:
    """The 0-h step of a switch from a patch with no regular cover: remove it, and ``cover``."""
    return f"Remove the patch(es) ({patches}). {cover}"
