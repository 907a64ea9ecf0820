"""Severity as every output shows it: its order, its label, its colour role and colour.

The order is the domain's (``mps_pain.domain.results.SEVERITY_ORDER``, used to sort warnings);
labels and colours are defined here and nowhere else. Colours are ``#rrggbb`` strings so the HTML
renderers use them as they are and Qt builds a ``QColor`` from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mps_pain.domain.results import SEVERITY_ORDER
from mps_pain.tables.schema import Severity

__all__ = ["COLOUR_OF_ROLE", "SEVERITIES", "ColourRole", "SeverityStyle", "severity_style"]

ColourRole = Literal["alarm", "attention", "quiet"]

COLOUR_OF_ROLE: dict[ColourRole, str] = {
    "alarm": "#b81e1e",
    "attention": "#a86400",
    "quiet": "#555555",
}


@dataclass(frozen=True, slots=True)
class SeverityStyle:
    """How one severity is shown: ``rank`` 0 is shown first."""

    name: Severity
    rank: int
    label: str
    colour_role: ColourRole

    @property
    def colour(self) -> str:
        return COLOUR_OF_ROLE[self.colour_role]

    @property
    def is_alarm(self) -> bool:
        return self.colour_role == "alarm"


_LABELS: dict[Severity, tuple[str, ColourRole]] = {
    "danger": ("DANGER", "alarm"),
    "caution": ("CAUTION", "attention"),
    "info": ("info", "quiet"),
}

SEVERITIES: dict[Severity, SeverityStyle] = {
    name: SeverityStyle(name, SEVERITY_ORDER[name], *_LABELS[name]) for name in _LABELS
}


def severity_style(name: Severity) -> SeverityStyle:
    return SEVERITIES[name]
