"""The words the table, the documents and the app share, as Literal types (no pydantic here).

Every choice list is read from these with ``typing.get_args`` (the app's combo boxes, the
settings), so a value added here reaches every list; this module imports nothing heavy, so the
app can read it before its first paint.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "HepaticImpairment",
    "HepaticLevel",
    "Market",
    "PrnPolicy",
    "Route",
    "Severity",
]

Route = Literal[
    "oral", "iv", "sc", "im", "transdermal", "buccal", "sublingual", "intranasal", "rectal"
]
Severity = Literal["info", "caution", "danger"]
Market = Literal["UK", "JP", "AU", "US"]
HepaticLevel = Literal["mild", "moderate", "severe"]
HepaticImpairment = Literal["none", "mild", "moderate", "severe"]
PrnPolicy = Literal["include", "exclude"]
