"""The regimen table's columns and roles: each column's field, heading and spoken name, the
flags of its cells and the roles the table model answers (made once: a view asks them of every
cell it paints)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

__all__ = [
    "ANSWERED_ROLES",
    "COLUMNS",
    "ERROR_BRUSH",
    "ERROR_ROLE",
    "FIELD_ROLE",
    "FLAGS",
    "MME_COLUMN",
]

ERROR_ROLE = Qt.ItemDataRole.UserRole + 1
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2

# (field, header, what a screen reader says)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("drug", "Drug", "Drug name"),
    ("route", "Route", "Route"),
    ("form", "Form", "Formulation"),
    ("dose", "Dose", "Dose per administration, with unit"),
    ("frequency", "Frequency", "Dosing frequency"),
    ("rate", "Rate", "Continuous rate or patch strength, with unit"),
    ("daily_dose", "Daily total", "Total amount per day, with unit"),
    ("prn", "PRN", "As needed"),
    ("doses_per_day", "Taken/24 h", "As-needed doses actually taken in 24 hours"),
    ("mme", "MME/day", "This row's contribution per day"),
    ("concentration", "Conc.", "Concentration, for volume doses"),
    ("note", "Note", "Free-text note"),
)
MME_COLUMN = next(i for i, c in enumerate(COLUMNS) if c[0] == "mme")
ERROR_BRUSH = QColor(220, 40, 40, 40)
_F = Qt.ItemFlag
# each column's flags, made once: a view asks them of every cell it paints, and the enum
# arithmetic of making them again (in Python) cost as much as the rest of the call
FLAGS = tuple(
    _F.ItemIsEnabled
    | _F.ItemIsSelectable
    | {"mme": _F.NoItemFlags, "prn": _F.ItemIsUserCheckable}.get(name, _F.ItemIsEditable)
    for name, _header, _spoken in COLUMNS
)
_R = Qt.ItemDataRole
# the roles ``data`` answers: a view asks each cell for a dozen (font, colours, size hint…) on
# every paint and measurement; the others are None at once
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        FIELD_ROLE,
        ERROR_ROLE,
        _R.DisplayRole,
        _R.EditRole,
        _R.CheckStateRole,
        _R.DecorationRole,
        _R.ToolTipRole,
        _R.BackgroundRole,
        _R.AccessibleTextRole,
        _R.TextAlignmentRole,
    )
)
