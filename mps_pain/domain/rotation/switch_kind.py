"""The kinds of switch the planner and the check tell apart (``classify_switch``)."""

from __future__ import annotations

from typing import Literal

__all__ = ["SwitchKind"]

SwitchKind = Literal[
    "dose_change",
    "route_change",
    "form_change",
    "prodrug",
    "different_opioid",
    "to_patch_bands",
    "from_patch",
    "to_methadone",
    "from_methadone",
]
